// samverkan: the program. Reads the settings, builds the shared objects once, wires every
// module's routes to the router and runs the HTTP server until SIGINT/SIGTERM.
#include "app/app_settings.hpp"
#include "app/application.hpp"
#include "app/background_jobs.hpp"
#include "app/demo_data.hpp"
#include "app/route_table.hpp"
#include "modules/auth/user_cli.hpp"
#include "modules/mail/smtp_transport.hpp"
#include "modules/organisations/organisation_cli.hpp"
#include "modules/privacy/retention_cli.hpp"
#include "server/http_server.hpp"
#include "server/logger.hpp"
#include "server/origin_check.hpp"
#include "server/router.hpp"
#include "server/service_notify.hpp"
#include "server/settings.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/json/object.hpp>
#include <sodium.h>

#include <filesystem>
#include <iostream>
#include <optional>
#include <thread>

extern char** environ;

namespace samverkan::app {
namespace {

constexpr char const* usage =
    "Usage: samverkan [serve|migrate|routes|retention|user …] [settings]\n"
    "  serve    run the HTTP server (the default); applies pending migrations first\n"
    "  migrate  apply pending database migrations and exit\n"
    "  routes   print the route table (method, path, who may call it) as JSON lines\n"
    "  import-organisations FILE.csv  import the organisation register from a CSV file\n"
    "  demo-data  fill an empty database with demo organisations, events and invented people\n"
    "  retention [--dry-run]  run the retention once (anonymise, purge, prune) and print\n"
    "           what it did, or with --dry-run would do, as one JSON object\n";

// The origins whose pages may post forms here: base-url's, or, when it was left to default,
// the address actually bound (the port may have been 0) and its localhost name.
server::origin_check page_origins(server::http_settings const& http, unsigned short port) {
    std::vector<std::string> origins{server::origin_of(http.base_url)};
    if (!http.base_url_given) {
        // Appended piece by piece: g++ 12 warns falsely (-Wrestrict) on "x" + std::string.
        bool const v6 = http.host.find(':') != std::string::npos;
        auto const port_text = std::to_string(port);
        std::string bound = "http://";
        bound.append(v6 ? "[" : "").append(http.host).append(v6 ? "]:" : ":").append(port_text);
        origins = {bound};
        if (asio::ip::make_address(http.host).is_loopback())
            origins.push_back(std::string{"http://localhost:"}.append(port_text));
    }
    return server::origin_check{std::move(origins)};
}

// Serves until SIGINT/SIGTERM, then drains connections and stops the background jobs.
int run_http(app_settings const& app, server::logger& log, server::router& routes, application& a) {
    asio::io_context ioc{static_cast<int>(app.http.io_threads)};
    server::client_policy clients{.trusted_proxies = app.http.trusted_proxies,
                                  .strict_transport_security = app.http.https()};
    server::http_server http{ioc, routes, log, a.stats, app.http.limits(), std::move(clients)};
    http.listen(app.http.host, app.http.port);
    routes.set_origin_check(page_origins(app.http, http.port()));
    http.start();
    log.info("listening", {{"address", app.http.host}, {"port", http.port()}});
    asio::co_spawn(ioc, migrate_then_start_jobs(a, app, log, ioc), asio::detached);

    asio::signal_set signals{ioc, SIGINT, SIGTERM};
    signals.async_wait([&](boost::system::error_code const& ec, int signal) {
        if (ec) return;
        log.info("stopping", {{"signal", signal}});
        server::notify_service_manager("STOPPING=1");
        // Background jobs finish the message in hand and record it before the loop stops;
        // then the heartbeat marks this instance stopped (without blocking this thread).
        http.shutdown(std::chrono::milliseconds(app.http.shutdown_timeout_ms), [&] {
            a.mail_sender.stop([&] {
                a.heartbeat.stop();
                ioc.stop();
            });
        });
    });
    std::vector<std::thread> threads;
    for (unsigned i = 1; i < app.http.io_threads; ++i) threads.emplace_back([&ioc] { ioc.run(); });
    ioc.run();
    for (auto& t : threads) t.join();
    log.info("stopped", {});
    return 0;
}

int serve(app_settings const& app, server::logger& log, bool list_routes = false) {
    application a{app, log};
    add_gauges(a);
    add_background_jobs(a, app);
    server::router routes{log};
    wire_routes(routes, a, app);
    if (list_routes) {
        print_routes(routes);
        return 0;
    }
    return run_http(app, log, routes, a);
}

int migrate(app_settings const& app, server::logger& log) {
    db::database db{app.db.url, 1};
    int const count = db::apply_migrations(db, db::builtin_migrations());
    log.info("migrations applied", {{"applied", count}});
    return 0;
}

int import_organisations(app_settings const& app, server::settings const& s) {
    if (s.positional().size() != 1)
        throw std::runtime_error("import-organisations: name one CSV file");
    core::message_catalogue const messages{std::filesystem::path(app.http.web_dir) / "messages"};
    db::database db{app.db.url, 1};
    db::apply_migrations(db, db::builtin_migrations());
    return organisations::run_import_command(s.positional().front(), db, messages, std::cout,
                                             std::cerr);
}

// Runs the retention once against the database, migrating first like every command.
int retention(app_settings const& app, bool dry_run) {
    db::database db{app.db.url, 1};
    db::apply_migrations(db, db::builtin_migrations());
    privacy::privacy_service service{db,
                                     retention_policy_of(app, app.auth.finish(app.http.https()))};
    return privacy::run_retention_command(service, dry_run, std::cout);
}

int run_command(std::string const& command, std::vector<std::string>& args, server::settings& s,
                app_settings& app, server::logger& log) {
    std::optional<auth::user_command> user_cmd;
    if (command == "user") user_cmd = auth::parse_user_command(args);
    bool const dry_run = command == "retention" && privacy::take_dry_run(args);
    s.load(args, environ);
    if (s.help_requested()) {
        std::cout << s.help_text(std::string{usage} + auth::user_command_usage);
        return 0;
    }
    app.finish();
    mail::curl_global();  // before any thread starts, as libcurl asks
    if (command == "serve") return serve(app, log);
    if (command == "migrate") return migrate(app, log);
    if (command == "routes") return serve(app, log, true);
    if (command == "import-organisations") return import_organisations(app, s);
    if (command == "demo-data") return load_demo_data(app, log, std::cout, std::cerr);
    if (command == "retention") return retention(app, dry_run);
    if (user_cmd) {
        core::message_catalogue const messages{std::filesystem::path(app.http.web_dir) /
                                               "messages"};
        db::database db{app.db.url, 1};
        return auth::run_user_command(*user_cmd, db, app.auth.finish(app.http.https()), messages,
                                      std::cin, std::cerr, log);
    }
    std::cerr << "samverkan: unknown command '" << command << "'\n" << usage << "\n";
    return 2;
}

int run(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    std::string command = "serve";
    if (!args.empty() && !args.front().starts_with('-')) {
        command = args.front();
        args.erase(args.begin());
    }
    server::settings s;
    app_settings app;
    declare_settings(s, app);
    server::logger log;
    if (sodium_init() < 0) {
        std::cerr << "samverkan: libsodium cannot be initialised\n";
        return 2;
    }
    try {
        return run_command(command, args, s, app, log);
    } catch (std::exception const& e) {
        log.flush();
        std::cerr << "samverkan: " << e.what() << "\n";
        return 2;
    }
}

}  // namespace
}  // namespace samverkan::app

int main(int argc, char** argv) {
    return samverkan::app::run(argc, argv);
}

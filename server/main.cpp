// samverkan: the program. Reads the settings, builds the shared objects once, wires every
// module's routes to the router and runs the HTTP server until SIGINT/SIGTERM.
#include "modules/audit/audit_routes.hpp"
#include "modules/audit/audit_service.hpp"
#include "modules/auth/auth_pages.hpp"
#include "modules/auth/auth_routes.hpp"
#include "modules/auth/auth_service.hpp"
#include "modules/auth/auth_settings.hpp"
#include "modules/auth/user_cli.hpp"
#include "modules/core/database.hpp"
#include "modules/core/database_settings.hpp"
#include "modules/core/diagnostic_routes.hpp"
#include "modules/core/error_pages.hpp"
#include "modules/core/migrations.hpp"
#include "modules/core/pages.hpp"
#include "modules/events/event_listing.hpp"
#include "modules/events/event_pages.hpp"
#include "modules/events/event_routes.hpp"
#include "modules/events/event_service.hpp"
#include "modules/events/event_staff_pages.hpp"
#include "modules/invitations/invitation_routes.hpp"
#include "modules/invitations/invitation_service.hpp"
#include "modules/mail/mail_routes.hpp"
#include "modules/mail/mail_service.hpp"
#include "modules/mail/mail_settings.hpp"
#include "modules/mail/mail_templates.hpp"
#include "modules/mail/outbox_sender.hpp"
#include "modules/mail/smtp_transport.hpp"
#include "modules/organisations/organisation_routes.hpp"
#include "modules/organisations/organisation_service.hpp"
#include "modules/registrations/registration_pages.hpp"
#include "modules/registrations/registration_routes.hpp"
#include "modules/registrations/registration_service.hpp"
#include "modules/registrations/registration_staff_pages.hpp"
#include "server/http_server.hpp"
#include "server/http_settings.hpp"
#include "server/logger.hpp"
#include "server/metrics.hpp"
#include "server/operations.hpp"
#include "server/router.hpp"
#include "server/settings.hpp"
#include "server/static_files.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include <sodium.h>

#include <atomic>
#include <iostream>
#include <optional>
#include <thread>

extern char** environ;

namespace samverkan {
namespace {

constexpr char const* usage =
    "Usage: samverkan [serve|migrate|routes|user …] [settings]\n"
    "  serve    run the HTTP server (the default); applies pending migrations first\n"
    "  migrate  apply pending database migrations and exit\n"
    "  routes   print the route table (method, path, who may call it) as JSON lines\n";

struct app_settings {
    server::http_settings http;
    db::database_settings db;
    unsigned page_cache_ms = 1000;
    bool test_routes = false;
    auth::auth_options auth;
    int registration_rate_limit = 20;
    bool unsafe_disable_seat_lock = false;
    mail::mail_settings mail;
};

void declare_settings(server::settings& s, app_settings& app) {
    server::add_http_settings(s, app.http, SAMVERKAN_DEFAULT_WEB_DIR);
    db::add_database_settings(s, app.db);
    auth::add_auth_settings(s, app.auth);
    mail::add_mail_settings(s, app.mail, SAMVERKAN_DEFAULT_MAIL_TEMPLATES_DIR);
    s.options().add_options()(
        "registration-rate-limit",
        server::po::value(&app.registration_rate_limit)->default_value(app.registration_rate_limit),
        "registrations per client address per minute, shared by all instances; 0 turns it off")(
        "unsafe-disable-seat-lock", server::po::bool_switch(&app.unsafe_disable_seat_lock),
        "TESTS ONLY: registrations read the event without locking it, so capacity can be "
        "exceeded; the concurrency tests' negative control uses it");
    s.options().add_options()(
        "page-cache-ms", server::po::value(&app.page_cache_ms)->default_value(app.page_cache_ms),
        "how old the public event listing may be before it is read again")(
        "enable-test-routes", server::po::bool_switch(&app.test_routes),
        "serve /_test/* routes for the end-to-end tests (never in production)");
}

// Retries until the database answers, then applies migrations; /readyz says 503 until then.
asio::awaitable<void> migrate_when_reachable(db::database& db, server::logger& log,
                                             std::atomic<bool>& migrated) {
    auto const migrations = db::builtin_migrations();
    asio::steady_timer timer{co_await asio::this_coro::executor};
    for (;;) {
        std::string failure;
        try {
            int const count = co_await server::run_blocking(
                db.workers(), [&] { return db::apply_migrations(db, migrations); });
            log.info("migrations applied", {{"applied", count}});
            migrated = true;
            co_return;
        } catch (std::exception const& e) {
            failure = e.what();
        }
        log.error("database not ready, retrying", {{"cause", failure}});
        timer.expires_after(std::chrono::seconds(1));
        co_await timer.async_wait(asio::use_awaitable);
    }
}

// The mail sender claims rows only once the schema it reads is in place.
asio::awaitable<void> start_when_migrated(mail::outbox_sender& sender, asio::io_context& ioc,
                                         std::atomic<bool> const& migrated) {
    asio::steady_timer timer{co_await asio::this_coro::executor};
    while (!migrated) {
        timer.expires_after(std::chrono::milliseconds(100));
        co_await timer.async_wait(asio::use_awaitable);
    }
    sender.start(ioc);
}

// One JSON line per route: what the route table test and operators read.
void print_routes(server::router const& routes) {
    for (auto const& r : routes.routes()) {
        auto const method = http::to_string(r.method);
        std::cout << boost::json::serialize(boost::json::object{
                         {"method", std::string_view{method.data(), method.size()}},
                         {"pattern", r.pattern},
                         {"access", r.access.label}})
                  << "\n";
    }
}

// Links on the staff start page to the modules' staff pages (auth adds its own).
std::vector<auth::staff_link> staff_links() {
    return {{"/staff/events", "Träffar och anmälningar", auth::role::steering},
            {"/admin/outbox", "E-postkö", auth::role::admin}};
}

int serve(app_settings const& app, server::logger& log, bool list_routes = false) {
    db::database db{app.db.url, app.db.pool_size,
                    std::chrono::milliseconds(app.db.lease_timeout_ms)};
    core::page_renderer const pages{std::filesystem::path(app.http.web_dir) / "templates"};
    server::metrics stats;
    stats.add_gauge("samverkan_db_connections_in_use", "Pooled database connections leased now.",
                    [&db] { return static_cast<double>(db.in_use()); });
    stats.add_gauge("samverkan_db_pool_size", "Pooled database connections in all.",
                    [&db] { return static_cast<double>(db.size()); });
    std::atomic<bool> migrated{false};
    auto const migrations = db::builtin_migrations();

    server::router routes{log};
    server::register_operations_routes(routes, stats, [&]() -> asio::awaitable<bool> {
        if (!migrated) co_return false;
        co_return co_await server::run_blocking(
            db.workers(), [&] { return db::migrations_current(db, migrations); });
    });
    server::register_static_routes(routes, std::filesystem::path(app.http.web_dir) / "static");
    routes.set_page_error_renderer(core::html_error_pages(pages));
    events::event_listing listing{db, std::chrono::milliseconds(app.page_cache_ms)};
    events::register_event_pages(routes, listing, pages);
    if (app.test_routes) core::register_diagnostic_routes(routes, db);
    auth::auth_service auth{db, app.auth.finish(app.http.https())};
    auth::register_auth_routes(routes, auth);
    auth::register_auth_pages(routes, auth, pages, staff_links());
    audit::audit_service audit_log{db};
    audit::register_audit_routes(routes, audit_log, auth, pages);
    if (app.registration_rate_limit < 0)
        throw std::runtime_error("registration-rate-limit: must be 0 or more");
    events::event_service event_service{db, listing};
    registrations::registration_service registrations{
        db, event_service, listing,
        {app.http.base_url, app.registration_rate_limit, !app.unsafe_disable_seat_lock}};
    event_service.set_seat_hooks(registrations);
    events::register_event_routes(routes, event_service, auth, app.http.base_url);
    registrations::register_registration_routes(routes, registrations, event_service, auth);
    registrations::register_registration_pages(routes, registrations, event_service, pages);
    events::register_event_staff_pages(routes, event_service, auth, pages);
    registrations::register_registration_staff_pages(routes, registrations, event_service, auth,
                                                     pages);
    mail::template_library const mail_templates{app.mail.templates_dir};
    mail::mail_service mail_service{db, mail_templates, app.http.base_url};
    mail::register_mail_routes(routes, mail_service, auth, pages);
    organisations::organisation_service organisation_service{db};
    organisations::register_organisation_routes(routes, organisation_service, auth);
    invitations::invitation_service invitation_service{db, app.http.base_url};
    invitations::register_invitation_routes(routes, invitation_service, auth, pages);
    mail::outbox_sender mail_sender{db, app.mail, app.http.base_url, mail_templates, log};
    stats.add_gauge("samverkan_mail_sent", "Messages this instance has sent since start.",
                    [&mail_sender] { return static_cast<double>(mail_sender.sent()); });
    stats.add_gauge("samverkan_mail_failed", "Messages this instance marked failed since start.",
                    [&mail_sender] { return static_cast<double>(mail_sender.failed()); });
    if (list_routes) {
        print_routes(routes);
        return 0;
    }

    asio::io_context ioc{static_cast<int>(app.http.io_threads)};
    server::http_server http{ioc, routes, log, stats, app.http.limits(), app.http.trusted_proxies};
    http.listen(app.http.host, app.http.port);
    http.start();
    log.info("listening", {{"address", app.http.host}, {"port", http.port()}});
    asio::co_spawn(ioc, migrate_when_reachable(db, log, migrated), asio::detached);
    if (app.mail.sender_enabled)
        asio::co_spawn(ioc, start_when_migrated(mail_sender, ioc, migrated), asio::detached);

    asio::signal_set signals{ioc, SIGINT, SIGTERM};
    signals.async_wait([&](boost::system::error_code const& ec, int signal) {
        if (ec) return;
        log.info("stopping", {{"signal", signal}});
        // Background jobs finish the message in hand and record it before the loop stops.
        http.shutdown(std::chrono::milliseconds(app.http.shutdown_timeout_ms), [&] {
            mail_sender.stop([&ioc] { ioc.stop(); });
        });
    });
    std::vector<std::thread> threads;
    for (unsigned i = 1; i < app.http.io_threads; ++i) threads.emplace_back([&ioc] { ioc.run(); });
    ioc.run();
    for (auto& t : threads) t.join();
    log.info("stopped", {});
    return 0;
}

int migrate(app_settings const& app, server::logger& log) {
    db::database db{app.db.url, 1};
    int const count = db::apply_migrations(db, db::builtin_migrations());
    log.info("migrations applied", {{"applied", count}});
    return 0;
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
        std::optional<auth::user_command> user_cmd;
        if (command == "user") user_cmd = auth::parse_user_command(args);
        s.load(args, environ);
        if (s.help_requested()) {
            std::cout << s.help_text(std::string{usage} + auth::user_command_usage);
            return 0;
        }
        app.http.finish();
        app.db.finish();
        app.mail.finish();
        mail::curl_global();  // before any thread starts, as libcurl asks
        if (command == "serve") return serve(app, log);
        if (command == "migrate") return migrate(app, log);
        if (command == "routes") return serve(app, log, true);
        if (user_cmd) {
            db::database db{app.db.url, 1};
            return auth::run_user_command(*user_cmd, db, app.auth.finish(app.http.https()),
                                          std::cin, std::cerr, log);
        }
        std::cerr << "samverkan: unknown command '" << command << "'\n" << usage << "\n";
        return 2;
    } catch (std::exception const& e) {
        log.flush();
        std::cerr << "samverkan: " << e.what() << "\n";
        return 2;
    }
}

}  // namespace
}  // namespace samverkan

int main(int argc, char** argv) {
    return samverkan::run(argc, argv);
}

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
#include "modules/organisations/organisation_cli.hpp"
#include "modules/organisations/organisation_pages.hpp"
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
    "  routes   print the route table (method, path, who may call it) as JSON lines\n"
    "  import-organisations FILE.csv  import the organisation register from a CSV file\n";

struct app_settings {
    server::http_settings http;
    db::database_settings db;
    unsigned page_cache_ms = 1000;
    bool test_routes = false;
    auth::auth_options auth;
    int registration_rate_limit = 20;
    bool unsafe_disable_seat_lock = false;
    unsigned idempotency_cleanup_seconds = 600;
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
        "exceeded; the concurrency tests' negative control uses it")(
        "idempotency-cleanup-seconds",
        server::po::value(&app.idempotency_cleanup_seconds)
            ->default_value(app.idempotency_cleanup_seconds),
        "how often Idempotency-Key answers older than 24 hours (they hold manage links) are "
        "deleted");
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
            {"/staff/organisations", "Organisationer", auth::role::organiser},
            {"/admin/outbox", "E-postkö", auth::role::admin}};
}

// Everything `serve` builds once, in dependency order; the routes refer to these objects,
// which live until the program ends.
struct application {
    application(app_settings const& app, server::logger& log)
        : db{app.db.url, app.db.pool_size, std::chrono::milliseconds(app.db.lease_timeout_ms)},
          pages{std::filesystem::path(app.http.web_dir) / "templates"},
          migrations{db::builtin_migrations()},
          listing{db, std::chrono::milliseconds(app.page_cache_ms)},
          auth{db, app.auth.finish(app.http.https())},
          audit_log{db},
          events{db, listing},
          registrations{
              db,
              events,
              listing,
              {app.http.base_url, app.registration_rate_limit, !app.unsafe_disable_seat_lock}},
          mail_templates{app.mail.templates_dir},
          mail{db, mail_templates, app.http.base_url},
          organisations{db},
          invitations{db, app.http.base_url},
          mail_sender{db, app.mail, app.http.base_url, mail_templates, log} {
        events.set_seat_hooks(registrations);
    }

    db::database db;
    core::page_renderer const pages;
    server::metrics stats;
    std::atomic<bool> migrated{false};
    std::vector<db::migration> const migrations;
    events::event_listing listing;
    auth::auth_service auth;
    audit::audit_service audit_log;
    events::event_service events;
    registrations::registration_service registrations;
    mail::template_library const mail_templates;
    mail::mail_service mail;
    organisations::organisation_service organisations;
    invitations::invitation_service invitations;
    mail::outbox_sender mail_sender;
};

void add_gauges(application& a) {
    a.stats.add_gauge("samverkan_db_connections_in_use", "Pooled database connections leased now.",
                      [&a] { return static_cast<double>(a.db.in_use()); });
    a.stats.add_gauge("samverkan_db_pool_size", "Pooled database connections in all.",
                      [&a] { return static_cast<double>(a.db.size()); });
    a.stats.add_gauge("samverkan_mail_sent", "Messages this instance has sent since start.",
                      [&a] { return static_cast<double>(a.mail_sender.sent()); });
    a.stats.add_gauge("samverkan_mail_failed", "Messages this instance marked failed since start.",
                      [&a] { return static_cast<double>(a.mail_sender.failed()); });
    a.stats.add_gauge("samverkan_password_checks", "Argon2id password checks since start.",
                      [&a] { return static_cast<double>(a.auth.password_checks()); });
}

// Periodic jobs that run beside the mail sender (started and stopped with it), each safe
// to run on every instance at once.
void add_background_jobs(application& a, app_settings const& app) {
    a.mail_sender.add_periodic("idempotency-keys",
                               std::chrono::seconds(std::max(1u, app.idempotency_cleanup_seconds)),
                               [&a]() -> asio::awaitable<void> {
                                   (void)co_await a.registrations.forget_old_idempotency_keys();
                               });
    if (app.mail.reminder_days == 0) return;
    auto const days = static_cast<int>(app.mail.reminder_days);
    a.mail_sender.add_periodic(
        "reminders", std::chrono::minutes(1),
        [&a, days]() -> asio::awaitable<void> { co_await a.invitations.queue_reminders(days); });
}

// The whole route table, module by module: explicit, so it can be read in one place.
void wire_routes(server::router& routes, application& a, app_settings const& app) {
    server::register_operations_routes(routes, a.stats, [&a]() -> asio::awaitable<bool> {
        if (!a.migrated) co_return false;
        co_return co_await server::run_blocking(
            a.db.workers(), [&a] { return db::migrations_current(a.db, a.migrations); });
    });
    server::register_static_routes(routes, std::filesystem::path(app.http.web_dir) / "static");
    routes.set_page_error_renderer(core::html_error_pages(a.pages));
    if (app.test_routes) core::register_diagnostic_routes(routes, a.db);
    events::register_event_pages(routes, a.listing, a.pages);
    auth::register_auth_routes(routes, a.auth);
    auth::register_auth_pages(routes, a.auth, a.pages, staff_links());
    audit::register_audit_routes(routes, a.audit_log, a.auth, a.pages);
    events::register_event_routes(routes, a.events, a.auth, app.http.base_url);
    events::register_event_staff_pages(routes, a.events, a.auth, a.pages);
    registrations::register_registration_routes(routes, a.registrations, a.events, a.auth);
    registrations::register_registration_pages(routes, a.registrations, a.events, a.pages);
    registrations::register_registration_staff_pages(routes, a.registrations, a.events, a.auth,
                                                     a.pages);
    mail::register_mail_routes(routes, a.mail, a.auth, a.pages);
    organisations::register_organisation_routes(routes, a.organisations, a.auth);
    organisations::register_organisation_pages(routes, a.organisations, a.auth, a.pages);
    invitations::register_invitation_routes(routes, a.invitations, a.organisations, a.mail, a.auth,
                                            a.pages);
}

// Serves until SIGINT/SIGTERM, then drains connections and stops the background jobs.
int run_http(app_settings const& app, server::logger& log, server::router const& routes,
             application& a) {
    asio::io_context ioc{static_cast<int>(app.http.io_threads)};
    server::http_server http{
        ioc, routes, log, a.stats, app.http.limits(), app.http.trusted_proxies};
    http.listen(app.http.host, app.http.port);
    http.start();
    log.info("listening", {{"address", app.http.host}, {"port", http.port()}});
    asio::co_spawn(ioc, migrate_when_reachable(a.db, log, a.migrated), asio::detached);
    if (app.mail.sender_enabled)
        asio::co_spawn(ioc, start_when_migrated(a.mail_sender, ioc, a.migrated), asio::detached);

    asio::signal_set signals{ioc, SIGINT, SIGTERM};
    signals.async_wait([&](boost::system::error_code const& ec, int signal) {
        if (ec) return;
        log.info("stopping", {{"signal", signal}});
        // Background jobs finish the message in hand and record it before the loop stops.
        http.shutdown(std::chrono::milliseconds(app.http.shutdown_timeout_ms),
                      [&] { a.mail_sender.stop([&ioc] { ioc.stop(); }); });
    });
    std::vector<std::thread> threads;
    for (unsigned i = 1; i < app.http.io_threads; ++i) threads.emplace_back([&ioc] { ioc.run(); });
    ioc.run();
    for (auto& t : threads) t.join();
    log.info("stopped", {});
    return 0;
}

int serve(app_settings const& app, server::logger& log, bool list_routes = false) {
    if (app.registration_rate_limit < 0)
        throw std::runtime_error("registration-rate-limit: must be 0 or more");
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
        if (command == "import-organisations") {
            if (s.positional().size() != 1)
                throw std::runtime_error("import-organisations: name one CSV file");
            db::database db{app.db.url, 1};
            db::apply_migrations(db, db::builtin_migrations());
            return organisations::run_import_command(s.positional().front(), db, std::cout,
                                                     std::cerr);
        }
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

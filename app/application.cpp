#include "app/application.hpp"

#include <algorithm>
#include <chrono>
#include <filesystem>

namespace samverkan::app {

application::application(app_settings const& app, server::logger& log)
    : db{app.db.url, app.db.pool_size, std::chrono::milliseconds(app.db.lease_timeout_ms)},
      heartbeat{db.conninfo(), std::chrono::milliseconds(app.db.heartbeat_ms),
                std::chrono::milliseconds(app.db.heartbeat_timeout_ms), log},
      messages{std::filesystem::path(app.http.web_dir) / "messages"},
      pages{std::filesystem::path(app.http.web_dir) / "templates", messages},
      migrations{db::builtin_migrations()},
      listing{db, std::chrono::milliseconds(app.events.page_cache_ms)},
      auth{db, app.auth.finish(app.http.https())},
      audit_log{db},
      events{db, listing},
      seats{app.registrations.base_url},
      registrations{db, listing, app.registrations},
      self_service{db, listing, app.registrations},
      staff_registrations{db, events, listing, app.registrations},
      mail_templates{app.mail.templates_dir},
      mail{db, mail_templates, app.http.base_url},
      organisations{db},
      invitations{db, app.http.base_url},
      reports{db},
      mail_sender{db, app.mail, app.http.base_url, mail_templates, log},
      privacy{db, retention_policy_of(app, auth.settings())},
      retention{privacy, db, heartbeat, log} {
    events.set_seat_hooks(seats);
    mail_sender.lease_as(heartbeat);
}

privacy::retention_policy retention_policy_of(app_settings const& app,
                                              auth::auth_settings const& auth) {
    // Login attempts are kept as long as the throttling reads them, as auth's own clean-up
    // at each login does (auth_service::login).
    return {app.privacy.retention_days, app.privacy.needs_retention_days,
            app.privacy.outbox_retention_days, auth.session_idle.count(),
            std::max<long long>(auth.failure_window.count(), 24 * 3600)};
}

void add_gauges(application& a) {
    a.stats.add_gauge("samverkan_db_connections_in_use", "Pooled database connections leased now.",
                      [&a] { return static_cast<double>(a.db.in_use()); });
    a.stats.add_gauge("samverkan_db_pool_size", "Pooled database connections in all.",
                      [&a] { return static_cast<double>(a.db.size()); });
    a.stats.add_gauge("samverkan_db_reconnects",
                      "Pooled database connections replaced since start (found broken).",
                      [&a] { return static_cast<double>(a.db.reconnects()); });
    a.stats.add_gauge("samverkan_mail_sent", "Messages this instance has sent since start.",
                      [&a] { return static_cast<double>(a.mail_sender.sent()); });
    a.stats.add_gauge("samverkan_mail_failed", "Messages this instance marked failed since start.",
                      [&a] { return static_cast<double>(a.mail_sender.failed()); });
    a.stats.add_gauge("samverkan_password_checks", "Argon2id password checks since start.",
                      [&a] { return static_cast<double>(a.auth.password_checks()); });
    a.stats.add_counter("samverkan_login_refused_total",
                        "Login attempts refused (429) for too many failures from their address.",
                        [&a] { return static_cast<double>(a.auth.refused_attempts()); });
    a.stats.add_counter("samverkan_login_slowed_total",
                        "Login attempts that waited because their account passed the hourly "
                        "ceiling of failures over all addresses.",
                        [&a] { return static_cast<double>(a.auth.slowed_attempts()); });
    a.stats.add_counter("samverkan_login_slowdown_seconds_total",
                        "Time those attempts were made to wait, in all.",
                        [&a] { return static_cast<double>(a.auth.slowdown_ms()) / 1000.0; });
}

}  // namespace samverkan::app

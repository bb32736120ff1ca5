#include "app/background_jobs.hpp"

#include "app/application.hpp"
#include "server/logger.hpp"
#include "server/run_blocking.hpp"
#include "server/service_notify.hpp"

#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/json/object.hpp>

#include <algorithm>

namespace samverkan::app {

void add_background_jobs(application& a, app_settings const& app) {
    auto const cleanup = std::max(1u, app.registrations.idempotency_cleanup_seconds);
    a.mail_sender.add_periodic("idempotency-keys", std::chrono::seconds(cleanup),
                               [&a]() -> asio::awaitable<void> {
                                   (void)co_await a.registrations.forget_old_idempotency_keys();
                               });
    a.mail_sender.add_periodic("retention",
                               std::chrono::seconds(app.privacy.retention_check_seconds),
                               [&a]() -> asio::awaitable<void> { co_await a.retention.look(); });
    if (app.mail.reminder_days == 0) return;
    auto const days = static_cast<int>(app.mail.reminder_days);
    a.mail_sender.add_periodic(
        "reminders", std::chrono::minutes(1),
        [&a, days]() -> asio::awaitable<void> { co_await a.invitations.queue_reminders(days); });
}

asio::awaitable<void> migrate_then_start_jobs(application& a, app_settings const& app,
                                              server::logger& log, asio::io_context& ioc) {
    asio::steady_timer timer{co_await asio::this_coro::executor};
    for (;;) {
        std::string failure;
        try {
            int const count = co_await server::run_blocking(a.db.workers(), [&a] {
                int const applied = db::apply_migrations(a.db, a.migrations);
                a.heartbeat.start();  // its table is in place now
                return applied;
            });
            log.info("migrations applied", {{"applied", count}});
            a.migrated = true;
            break;
        } catch (std::exception const& e) {
            failure = e.what();
        }
        log.error("database not ready, retrying", {{"cause", failure}});
        timer.expires_after(std::chrono::seconds(1));
        co_await timer.async_wait(asio::use_awaitable);
    }
    // The mail sender claims rows only once the schema it reads is in place.
    if (app.mail.sender_enabled) a.mail_sender.start(ioc);
    server::notify_service_manager("READY=1");  // systemd's Type=notify: /readyz says 200 now
}

}  // namespace samverkan::app

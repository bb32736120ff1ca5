#pragma once

#include "server/asio_fwd.hpp"

#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace samverkan::db {
class database;
class instance_heartbeat;
}  // namespace samverkan::db

namespace samverkan::server {
class logger;
}

namespace samverkan::mail {

struct mail_settings;
class template_library;

/// The outbox sender of one instance: `mail-connections` loops, each claiming a batch of
/// due rows (FOR UPDATE SKIP LOCKED + lease), sending it over its own reused SMTP
/// connection on the sender's thread pool (libcurl blocks; never an I/O thread), and then
/// marking each row sent, retried with exponential back-off, or failed, in one transaction.
/// A crash leaves the batch leased until the dead instance's heartbeat goes stale (seconds;
/// see lease_as) or the lease runs out, when any instance sends it again: at-least-once,
/// with a stable Message-ID per row. Also runs periodic jobs (the reminders) with the same
/// start and stop.
class outbox_sender {
public:
    outbox_sender(db::database& db, mail_settings const& settings, std::string base_url,
                  template_library const& templates, server::logger& log);
    ~outbox_sender();
    outbox_sender(outbox_sender const&) = delete;
    outbox_sender& operator=(outbox_sender const&) = delete;

    /// A job run every `interval` while the sender runs (on the I/O context; it must not
    /// block). Add jobs before start().
    void add_periodic(std::string name, std::chrono::milliseconds interval,
                      std::function<asio::awaitable<void>()> job);

    /// Claims as this instance (its heartbeat started): when it dies, other instances take
    /// its batches over as soon as its heartbeat is stale. Without it the sender claims
    /// anonymously and only the lease time frees a dead sender's batch. Before start().
    void lease_as(db::instance_heartbeat const& self) { self_ = &self; }

    /// Starts the loops on `ioc`.
    void start(asio::io_context& ioc);

    /// Lets every loop finish the message in hand, record what it sent, and stop; `done` is
    /// called once all have stopped (at once when never started).
    void stop(std::function<void()> done);

    /// Totals since start, for /metrics.
    [[nodiscard]] long long sent() const { return sent_.load(); }

    [[nodiscard]] long long failed() const { return failed_.load(); }

    [[nodiscard]] long long retried() const { return retried_.load(); }

private:
    struct worker;
    struct batch_result;
    struct periodic;

    asio::awaitable<void> send_loop(std::shared_ptr<worker> w);
    asio::awaitable<void> periodic_loop(std::shared_ptr<periodic> p);
    asio::awaitable<bool> run_batch(worker& w);
    asio::awaitable<void> record(batch_result const& result);
    asio::awaitable<void> pause(asio::steady_timer& timer, std::chrono::milliseconds d);
    void loop_finished();

    db::database& db_;
    db::instance_heartbeat const* self_ = nullptr;
    mail_settings const& settings_;
    std::string base_url_;
    template_library const& templates_;
    server::logger& log_;
    asio::thread_pool pool_;
    std::unique_ptr<asio::strand<asio::io_context::executor_type>> strand_;
    std::vector<std::shared_ptr<periodic>> jobs_;
    std::vector<asio::steady_timer*> timers_;  // touched only on strand_
    std::atomic<bool> stopping_{false};
    int running_ = 0;  // loops not yet finished; touched only on strand_
    std::function<void()> on_stopped_;
    std::atomic<long long> sent_{0};
    std::atomic<long long> failed_{0};
    std::atomic<long long> retried_{0};
};

}  // namespace samverkan::mail

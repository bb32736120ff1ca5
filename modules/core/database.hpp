#pragma once

#include "server/run_blocking.hpp"

#include <boost/asio/thread_pool.hpp>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

namespace soci {
class session;
}

namespace samverkan::db {

/// A new PostgreSQL session with libpq's notices dropped: by default libpq prints them to
/// stderr (the FATAL a closing server sends an idle connection, a migration's NOTICE), which
/// is not a JSON log line and whose text may hold values. A lost connection is logged by the
/// request it costs. Call again after `reconnect()`, which makes a new libpq connection.
[[nodiscard]] std::unique_ptr<soci::session> open_quiet_session(std::string const& conninfo);
void silence_notices(soci::session& sql);

/// A fixed pool of PostgreSQL sessions and a worker thread per session. Blocking SOCI work
/// runs on the workers; coroutines `co_await run(...)` and never block an I/O thread.
/// A lease that waits longer than the lease timeout is answered 503 (`unavailable`).
/// Broken connections are replaced before a request uses them: on lease, a session whose
/// socket the server has closed (a restart) is found by one poll() and reconnected; after a
/// connection error anywhere, every session is pinged once before its next use; and a
/// transaction whose BEGIN fails on a dead connection starts again on a fresh one. Only a
/// connection lost while a request's statements run costs that request a 503.
class database {
public:
    database(std::string conninfo, std::size_t size,
             std::chrono::milliseconds lease_timeout = std::chrono::milliseconds(2000));
    database(database const&) = delete;
    database& operator=(database const&) = delete;
    ~database();

    /// Blocking: leases a session and runs f(session). For workers, the CLI and tests.
    void with_session(std::function<void(soci::session&)> const& f);

    /// Blocking: the same inside one transaction, committed when f returns normally.
    void in_transaction(std::function<void(soci::session&)> const& f);

    /// On a worker: f(session) → its result.
    template <class F, class R = std::invoke_result_t<F&, soci::session&>>
    asio::awaitable<R> run(F f) {
        return run_on_worker<R>([this, f = std::move(f)](auto&& body) mutable {
            with_session([&](soci::session& sql) { body(f, sql); });
        });
    }

    /// On a worker, inside one transaction: f(session) → its result.
    template <class F, class R = std::invoke_result_t<F&, soci::session&>>
    asio::awaitable<R> transact(F f) {
        return run_on_worker<R>([this, f = std::move(f)](auto&& body) mutable {
            in_transaction([&](soci::session& sql) { body(f, sql); });
        });
    }

    [[nodiscard]] std::size_t size() const { return size_; }

    [[nodiscard]] std::size_t in_use() const { return in_use_.load(); }

    [[nodiscard]] asio::thread_pool& workers() { return workers_; }

    [[nodiscard]] std::string const& conninfo() const { return conninfo_; }

    /// Connections replaced since start, for /metrics.
    [[nodiscard]] long long reconnects() const { return reconnects_.load(); }

private:
    template <class R, class Lease>
    asio::awaitable<R> run_on_worker(Lease lease) {
        return server::run_blocking(workers_, [lease = std::move(lease)]() mutable -> R {
            if constexpr (std::is_void_v<R>) {
                lease([](auto& f, soci::session& sql) { f(sql); });
            } else {
                std::optional<R> out;
                lease([&out](auto& f, soci::session& sql) { out.emplace(f(sql)); });
                return std::move(*out);
            }
        });
    }

    std::size_t lease();
    void give_back(std::size_t position);
    soci::session& open_session(std::size_t position);
    soci::session& reopen_session(std::size_t position);
    void connection_lost();
    void with_lease(std::function<void(soci::session&)> const& f, bool transaction);

    struct pool;
    std::string conninfo_;
    std::size_t size_;
    std::chrono::milliseconds lease_timeout_;
    std::unique_ptr<pool> pool_;
    std::atomic<std::size_t> in_use_{0};
    std::atomic<std::uint64_t> suspect_epoch_{0};  // raised by every connection error
    std::atomic<long long> reconnects_{0};
    asio::thread_pool workers_;
};

/// Appends what every pooled connection needs (UTC session time zone) to a libpq
/// connection string in either form (URI or key=value).
[[nodiscard]] std::string with_connection_defaults(std::string const& conninfo);

}  // namespace samverkan::db

#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

namespace soci {
class session;
}

namespace samverkan::server {
class logger;
}

namespace samverkan::db {

/// This process's row in `instances`, kept fresh by a heartbeat every `interval` on a thread
/// and a connection of its own (so a busy pool never makes a live instance look dead). Work
/// leased by an instance whose heartbeat is older than `timeout` — the outbox, job leases —
/// is taken over by the others; a clean stop marks the row stopped, which frees it at once.
/// Times are the database's clock (now()), so the instances' clocks need not agree.
class instance_heartbeat {
public:
    instance_heartbeat(std::string conninfo, std::chrono::milliseconds interval,
                       std::chrono::milliseconds timeout, server::logger& log);
    instance_heartbeat(instance_heartbeat const&) = delete;
    instance_heartbeat& operator=(instance_heartbeat const&) = delete;
    ~instance_heartbeat();

    /// Blocking (one connection, one round trip): registers this instance, then beats on its
    /// own thread. Throws when the database does not answer; call it again then.
    void start();

    /// Does not block: the thread marks the row stopped and ends (joined by the destructor).
    void stop();

    /// The `instances.id` of this process; 0 before start().
    [[nodiscard]] long long id() const { return id_.load(); }

    /// How old a heartbeat may be before its instance is taken for dead, in seconds (SQL's
    /// make_interval wants them so).
    [[nodiscard]] double timeout_seconds() const {
        return std::chrono::duration<double>(timeout_).count();
    }

private:
    void run();
    void beat();

    std::string conninfo_;
    std::chrono::milliseconds interval_;
    std::chrono::milliseconds timeout_;
    server::logger& log_;
    std::atomic<long long> id_{0};
    std::string host_;  // set by start(), read by the thread
    int pid_ = 0;
    std::unique_ptr<soci::session> sql_;  // start() fills it; then only the thread uses it
    std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
    bool failing_ = false;  // the last beat failed (logged once per failure streak)
    std::thread thread_;
};

}  // namespace samverkan::db

#include "modules/core/instance_heartbeat.hpp"

#include "modules/core/database.hpp"
#include "modules/core/database_errors.hpp"
#include "server/logger.hpp"

#include <boost/json/object.hpp>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>

#include <unistd.h>

namespace samverkan::db {

namespace {

// Rows of instances gone for a week tell nobody anything any more.
constexpr char const* register_sql =
    "with gone as (delete from instances where heartbeat_at < now() - interval '7 days')"
    " insert into instances (host, pid) values (:host, :pid) returning id";

// An upsert, so that a row deleted meanwhile (the instance was cut off for a week) comes back.
constexpr char const* beat_sql =
    "insert into instances (id, host, pid) values (:id, :host, :pid)"
    " on conflict (id) do update set heartbeat_at = now(), stopped_at = null";

constexpr char const* stopped_sql = "update instances set stopped_at = now() where id = :id";

std::string host_name() {
    char name[256] = {};
    if (::gethostname(name, sizeof name - 1) != 0) return "unknown";
    return name;
}

}  // namespace

instance_heartbeat::instance_heartbeat(std::string conninfo, std::chrono::milliseconds interval,
                                       std::chrono::milliseconds timeout, server::logger& log)
    : conninfo_(std::move(conninfo)), interval_(interval), timeout_(timeout), log_(log) {}

instance_heartbeat::~instance_heartbeat() {
    stop();
    if (thread_.joinable()) thread_.join();
}

void instance_heartbeat::start() {
    if (thread_.joinable()) return;
    sql_ = db::open_quiet_session(conninfo_);
    host_ = host_name();
    pid_ = static_cast<int>(::getpid());
    long long id = 0;
    *sql_ << register_sql, soci::use(host_, "host"), soci::use(pid_, "pid"), soci::into(id);
    id_ = id;
    log_.info("instance registered", {{"instance", id}, {"pid", pid_}});
    thread_ = std::thread([this] { run(); });
}

void instance_heartbeat::stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
}

void instance_heartbeat::run() {
    std::unique_lock lock(mutex_);
    while (!wake_.wait_for(lock, interval_, [this] { return stopping_; })) {
        lock.unlock();
        beat();
        lock.lock();
    }
    lock.unlock();
    try {
        if (sql_) {
            long long const id = id_.load();
            *sql_ << stopped_sql, soci::use(id, "id");
        }
    } catch (std::exception const&) {
        // The row goes stale instead: the others take over after the timeout.
    }
}

void instance_heartbeat::beat() {
    try {
        if (!sql_) sql_ = db::open_quiet_session(conninfo_);
        long long const id = id_.load();
        *sql_ << beat_sql, soci::use(id, "id"), soci::use(host_, "host"), soci::use(pid_, "pid");
        if (failing_) log_.info("heartbeat restored", {{"instance", id}});
        failing_ = false;
    } catch (soci::soci_error const& e) {
        sql_.reset();  // a fresh connection next time
        if (!failing_)
            log_.error("heartbeat failed", {{"instance", id_.load()}, {"cause", describe(e)}});
        failing_ = true;
    }
}

}  // namespace samverkan::db

#include "modules/core/job_lease.hpp"

#include "modules/core/database.hpp"
#include "modules/core/instance_heartbeat.hpp"

#include <soci/soci.h>

namespace samverkan::db {

namespace {

// One statement, serialised on the job's row by the upsert: of instances asking at once,
// exactly one gets a row back. Held by the asker: renewed. Otherwise taken when free (no
// holder, hold run out, holder's heartbeat stale or stopped) and due.
constexpr char const* acquire_sql =
    "insert into job_leases as j (name, owner, lease_until)"
    " values (:name, :owner, now() + make_interval(secs => :hold))"
    " on conflict (name) do update set owner = excluded.owner, lease_until = excluded.lease_until"
    " where (j.owner = excluded.owner and j.lease_until >= now())"
    "    or ((j.owner is null or j.lease_until < now()"
    "         or not exists (select 1 from instances i where i.id = j.owner"
    "                         and i.stopped_at is null"
    "                         and i.heartbeat_at > now() - make_interval(secs => :stale)))"
    "        and (j.finished_at is null"
    "             or j.finished_at <= now() - make_interval(secs => :due)))"
    " returning owner";

constexpr char const* renew_sql =
    "update job_leases set lease_until = now() + make_interval(secs => :hold)"
    " where name = :name and owner = :owner and lease_until >= now() returning owner";

constexpr char const* finish_sql =
    "update job_leases set owner = null, lease_until = null,"
    " finished_at = case when :finished = 1 then now() else finished_at end"
    " where name = :name and owner = :owner";

}  // namespace

job_lease::job_lease(database& db, instance_heartbeat const& self, std::string name,
                     std::chrono::seconds hold)
    : db_(db), self_(self), name_(std::move(name)), hold_(hold) {}

asio::awaitable<bool> job_lease::try_acquire(std::chrono::seconds due_every) {
    long long const owner = self_.id();
    if (owner == 0) co_return false;
    double const stale = self_.timeout_seconds();
    double const hold = static_cast<double>(hold_.count());
    double const due = static_cast<double>(due_every.count());
    co_return co_await db_.run([&](soci::session& sql) {
        long long holder = 0;
        sql << acquire_sql, soci::use(name_, "name"), soci::use(owner, "owner"),
            soci::use(hold, "hold"), soci::use(stale, "stale"), soci::use(due, "due"),
            soci::into(holder);
        return sql.got_data() && holder == owner;
    });
}

asio::awaitable<bool> job_lease::renew() {
    long long const owner = self_.id();
    if (owner == 0) co_return false;
    double const hold = static_cast<double>(hold_.count());
    co_return co_await db_.run([&](soci::session& sql) {
        long long holder = 0;
        sql << renew_sql, soci::use(hold, "hold"), soci::use(name_, "name"),
            soci::use(owner, "owner"), soci::into(holder);
        return sql.got_data();
    });
}

asio::awaitable<void> job_lease::finish() {
    co_await free(true);
}

asio::awaitable<void> job_lease::release() {
    co_await free(false);
}

asio::awaitable<void> job_lease::free(bool finished) {
    long long const owner = self_.id();
    int const done = finished ? 1 : 0;
    co_await db_.run([&](soci::session& sql) {
        sql << finish_sql, soci::use(done, "finished"), soci::use(name_, "name"),
            soci::use(owner, "owner");
    });
}

}  // namespace samverkan::db

#pragma once

#include "server/asio_fwd.hpp"

#include <boost/asio/awaitable.hpp>

#include <chrono>
#include <string>

namespace samverkan::db {

class database;
class instance_heartbeat;

/// A lease on a named singleton job: any number of instances run the job's timer, one at a
/// time does the work. The lease lives in `job_leases` (one row per job name) and names the
/// holding instance; it is free when nobody holds it, when its `hold` time has run out, or
/// when its holder's heartbeat is older than the heartbeat timeout (a dead or stopped
/// instance), so a crash costs seconds, not the whole hold time.
///
///     db::job_lease retention{db, heartbeat, "retention", std::chrono::minutes(30)};
///     // every few minutes, on every instance:
///     if (co_await retention.try_acquire(std::chrono::hours(24))) {
///         co_await anonymise_what_is_due();   // long work: call renew() now and then
///         co_await retention.finish();        // records that it ran; frees the lease
///     }
///
/// Every call is one statement on the database pool (co_await, never blocks an I/O thread);
/// errors (the database being down) are thrown as from db::database::run. The heartbeat must
/// have been started: an instance without an id acquires nothing.
class job_lease {
public:
    /// `hold`: how long an acquisition or renewal holds the lease at most.
    job_lease(database& db, instance_heartbeat const& self, std::string name,
              std::chrono::seconds hold);

    /// True when this instance holds the lease now (taken, or renewed when it held it
    /// already). With `due_every` > 0 a free lease is taken only when the job last finished
    /// at least that long ago (never finished: due), so a daily job runs once a day however
    /// many instances ask.
    asio::awaitable<bool> try_acquire(std::chrono::seconds due_every = std::chrono::seconds(0));

    /// Extends a held lease by `hold` from now; false when this instance no longer holds it
    /// (it was taken over: stop working).
    asio::awaitable<bool> renew();

    /// The work is done: records the time (for `due_every`) and frees the lease.
    asio::awaitable<void> finish();

    /// Frees a held lease without recording the job as done (it failed; another may retry).
    asio::awaitable<void> release();

    [[nodiscard]] std::string const& name() const { return name_; }

private:
    asio::awaitable<void> free(bool finished);

    database& db_;
    instance_heartbeat const& self_;
    std::string name_;
    std::chrono::seconds hold_;
};

}  // namespace samverkan::db

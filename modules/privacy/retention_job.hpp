#pragma once

// The retention run inside `samverkan serve`, daily: every instance looks now and then, one
// does the work (db::job_lease "retention", due once every 24 hours), so any number may
// run. Added to the outbox sender's periodic jobs, which start and stop with it.
#include "modules/core/job_lease.hpp"
#include "server/asio_fwd.hpp"

#include <boost/asio/awaitable.hpp>

namespace samverkan::server {
class logger;
}

namespace samverkan::privacy {

class privacy_service;

class retention_job {
public:
    retention_job(privacy_service& service, db::database& db, db::instance_heartbeat const& self,
                  server::logger& log);

    /// One look: when the run is due and no other instance holds it, runs it and records
    /// that it ran. The first look, when the sender starts, only waits for the next: a
    /// fresh instance (or a test's server) leaves the audit log as it was for one interval.
    asio::awaitable<void> look();

private:
    privacy_service& service_;
    db::job_lease lease_;
    server::logger& log_;
    bool started_ = false;
};

}  // namespace samverkan::privacy

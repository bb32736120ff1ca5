#pragma once

// The work `serve` does besides answering requests: migrating once the database answers,
// then the outbox sender and the periodic jobs, each safe to run on every instance at once.
#include "server/asio_fwd.hpp"

#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>

namespace samverkan::server {
class logger;
}

namespace samverkan::app {

struct app_settings;
struct application;

/// Adds the periodic jobs to the sender's loop (started and stopped with it).
void add_background_jobs(application& a, app_settings const& app);

/// Retries until the database answers, then applies migrations, registers the instance's
/// heartbeat and starts the sender (when this instance runs it), and tells systemd it is
/// ready; /readyz says 503 until the migrations are in.
asio::awaitable<void> migrate_then_start_jobs(application& a, app_settings const& app,
                                              server::logger& log, asio::io_context& ioc);

}  // namespace samverkan::app

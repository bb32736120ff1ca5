#pragma once

#include "server/asio_fwd.hpp"

#include <boost/asio/awaitable.hpp>

#include <functional>

namespace samverkan::server {

class metrics;
class router;

/// /healthz (the process answers), /readyz (`ready()` says the service can do its work: 503
/// otherwise) and /metrics (Prometheus text).
void register_operations_routes(router& routes, metrics& stats,
                                std::function<asio::awaitable<bool>()> ready);

}  // namespace samverkan::server

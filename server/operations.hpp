#pragma once

#include "server/asio_fwd.hpp"
#include "server/ip_address.hpp"

#include <boost/asio/awaitable.hpp>

#include <functional>
#include <vector>

namespace samverkan::server {

class metrics;
class router;

/// /healthz (the process answers), /readyz (`ready()` says the service can do its work: 503
/// otherwise) and /metrics (Prometheus text, 403 for a client outside `metrics_allow`: the
/// figures tell an attacker how busy the service is and whether an attack works).
void register_operations_routes(router& routes, metrics& stats,
                                std::function<asio::awaitable<bool>()> ready,
                                std::vector<address_range> metrics_allow);

}  // namespace samverkan::server

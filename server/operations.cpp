#include "server/operations.hpp"

#include "server/api_error.hpp"
#include "server/metrics.hpp"
#include "server/response.hpp"
#include "server/router.hpp"

#include <boost/json/value.hpp>

namespace samverkan::server {

void register_operations_routes(router& routes, metrics& stats,
                                std::function<asio::awaitable<bool>()> ready,
                                std::vector<address_range> metrics_allow) {
    routes.add(http::verb::get, "/healthz", [](request&) -> asio::awaitable<response> {
        co_return text_response(200, "ok\n", "text/plain; charset=utf-8");
    });
    routes.add(http::verb::get, "/readyz", [ready](request&) -> asio::awaitable<response> {
        bool ok = false;
        try {
            ok = co_await ready();
        } catch (...) {
            ok = false;  // the check itself failing means not ready
        }
        auto res = json_response(ok ? 200 : 503, {{"ready", ok}});
        res.set(http::field::cache_control, "no-store");
        co_return res;
    });
    // Checked as the route's guard, so that `samverkan routes` shows who may read it.
    auto allowed = [allow = std::move(metrics_allow)](request& req) -> asio::awaitable<void> {
        if (!in_ranges(allow, req.client_ip))
            throw api_error(error_kind::forbidden, message::of("error.metrics_forbidden"));
        co_return;
    };
    routes.add(
        http::verb::get, "/metrics",
        [&stats](request&) -> asio::awaitable<response> {
            co_return text_response(200, stats.render(),
                                    "text/plain; version=0.0.4; charset=utf-8");
        },
        access{"metrics-allow", std::move(allowed)});
}

}  // namespace samverkan::server

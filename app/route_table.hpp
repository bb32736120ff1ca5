#pragma once

namespace samverkan::server {
class router;
}

namespace samverkan::app {

struct app_settings;
struct application;

/// The whole route table, module by module: explicit, so it can be read in one place.
void wire_routes(server::router& routes, application& a, app_settings const& app);

/// One JSON line per route (method, pattern, who may call it): what `samverkan routes`
/// prints and the route table tests read.
void print_routes(server::router const& routes);

}  // namespace samverkan::app

#pragma once

namespace samverkan::server {
class router;
}

namespace samverkan::core {
class page_renderer;
}

namespace samverkan::auth {
class auth_service;
}

namespace samverkan::reports {

class report_service;

/// Steering and up: GET /api/v1/reports/participation?from=&to= (API.md), each table as
/// GET /api/v1/reports/participation/{table}.csv?from=&to=, the page /staff/reports and the
/// printable yearly follow-up /staff/reports/print.
void register_report_routes(server::router& routes, report_service& service,
                            auth::auth_service& auth, core::page_renderer const& pages);

}  // namespace samverkan::reports

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

namespace samverkan::audit {

class audit_service;

/// GET /api/v1/audit?page=N and the page GET /admin/audit?page=N (admin), newest first.
void register_audit_routes(server::router& routes, audit_service& audit, auth::auth_service& auth,
                           core::page_renderer const& pages);

}  // namespace samverkan::audit

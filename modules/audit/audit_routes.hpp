#pragma once

#include "server/router.hpp"

namespace samverkan::server {
class router;
}

namespace samverkan::core {
class page_renderer;
}

namespace samverkan::audit {

class audit_service;

/// GET /api/v1/audit?page=N and the page GET /admin/audit?page=N, newest first, behind
/// `admin` (the program hands the guard in, so the log needs nothing of the auth module,
/// which records into it).
void register_audit_routes(server::router& routes, audit_service& audit,
                           server::access const& admin, core::page_renderer const& pages);

}  // namespace samverkan::audit

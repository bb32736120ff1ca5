#pragma once

namespace samverkan::server {
class router;
}

namespace samverkan::core {
class page_renderer;
}

namespace samverkan::auth {

class auth_service;

/// GET/POST /admin/users and POST /admin/users/{id}/deactivate (admin).
void register_admin_user_pages(server::router& routes, auth_service& auth,
                               core::page_renderer const& pages);

}  // namespace samverkan::auth

#pragma once

#include "modules/auth/auth.hpp"

#include <string>
#include <vector>

namespace samverkan::server {
class router;
}

namespace samverkan::core {
class page_renderer;
}

namespace samverkan::auth {

class auth_service;

/// A link on the staff start page, shown to `least` and higher roles. Modules' staff pages
/// are linked from main.
struct staff_link {
    std::string href;
    std::string label;
    role least = role::steering;
};

/// The staff pages (Swedish, no JavaScript): GET/POST /login, GET/POST /logout, GET /staff,
/// GET/POST /account/password, and for admins GET/POST /admin/users and
/// POST /admin/users/{id}/deactivate. Form posts answer 303 after success.
void register_auth_pages(server::router& routes, auth_service& auth,
                         core::page_renderer const& pages, std::vector<staff_link> links);

}  // namespace samverkan::auth

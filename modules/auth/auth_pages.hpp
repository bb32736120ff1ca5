#pragma once

#include "modules/auth/auth.hpp"
#include "server/message.hpp"

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
/// are linked from the program (app/); the label is a catalogue message (or, until it has a
/// key, a literal).
struct staff_link {
    std::string href;
    server::message label;
    role least = role::steering;
};

/// The staff pages (Swedish, from the catalogue; no JavaScript): GET/POST /login, GET/POST /logout,
/// GET /staff, GET/POST /account/password, and for admins GET/POST /admin/users and POST
/// /admin/users/{id}/deactivate. Form posts answer 303 after success.
void register_auth_pages(server::router& routes, auth_service& auth,
                         core::page_renderer const& pages, std::vector<staff_link> links);

}  // namespace samverkan::auth

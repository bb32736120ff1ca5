#pragma once

namespace samverkan::server {
class router;
}

namespace samverkan::auth {

class auth_service;

/// The JSON API of staff sessions and accounts (API.md "Staff sessions"):
///   POST /api/v1/auth/login, POST /api/v1/auth/logout, GET /api/v1/auth/me,
///   POST /api/v1/auth/password, GET|POST /api/v1/users, POST /api/v1/users/{id}/deactivate.
void register_auth_routes(server::router& routes, auth_service& auth);

}  // namespace samverkan::auth

#pragma once

// The auth module's public face: what other modules use to protect their staff routes and
// to learn who is calling. Everything else of the module stays behind this header.
#include "server/router.hpp"

#include <boost/json/fwd.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace samverkan::auth {

/// Staff roles, in increasing power: a route names the least role it needs.
enum class role { steering = 1, organiser = 2, admin = 3 };

[[nodiscard]] char const* to_string(role r);

/// "admin" → role::admin; nullopt for anything else.
[[nodiscard]] std::optional<role> role_from_string(std::string_view text);

/// The Swedish name shown on pages ("Administratör", "Arrangör", "Styrgrupp").
[[nodiscard]] char const* role_label(role r);

/// The signed-in staff member, put into `server::request::identity` by the guard.
struct identity {
    long long user_id = 0;
    std::string email;
    std::string name;
    auth::role role = role::steering;
    std::string csrf_token;
};

class auth_service;

/// Route access for staff routes: no valid session → 401, role below `least` → 403, and for
/// unsafe methods (POST, PUT, PATCH, DELETE) a missing or wrong CSRF token (header
/// X-CSRF-Token, or form field `csrf_token` for HTML forms) → 403. The label is
/// "staff:<role>" so the route table test can check every staff route. Every answer of a
/// staff route goes with Cache-Control: no-store (`server::access::no_store`).
[[nodiscard]] server::access require(auth_service& auth, role least);

/// The identity the guard stored; only valid inside a route protected by `require`.
[[nodiscard]] identity const& current_user(server::request const& req);

/// What every staff page's template needs besides its own data: "title", "user_name",
/// "role_label", "csrf_token" (for forms), "is_admin", "is_organiser" and "staff". The
/// partial {{> _auth_staff_nav}} renders the staff navigation from it.
[[nodiscard]] boost::json::object staff_page_data(server::request const& req,
                                                  std::string_view title);

}  // namespace samverkan::auth

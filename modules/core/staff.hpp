#pragma once

// Who a staff request comes from, as every module with staff routes needs it: the roles,
// the signed-in identity a route guard puts into the request (the auth module's guard does;
// core only reads it), the actor recorded in the audit log, and what every staff page's
// template needs. Modules use this header and the access objects the program hands them;
// none needs the auth module's internals.
#include "server/request.hpp"

#include <boost/json/fwd.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace samverkan::core {

/// Staff roles, in increasing power: a route names the least role it needs.
enum class role { steering = 1, organiser = 2, admin = 3 };

[[nodiscard]] char const* to_string(role r);

/// "admin" → role::admin; nullopt for anything else.
[[nodiscard]] std::optional<role> role_from_string(std::string_view text);

/// The signed-in staff member, put into `server::request::identity` by the guard.
struct staff_identity {
    long long user_id = 0;
    std::string email;
    std::string name;
    core::role role = role::steering;
    std::string csrf_token;
};

/// The identity the guard stored; only valid inside a guarded route (500 otherwise).
[[nodiscard]] staff_identity const& current_user(server::request const& req);

/// Who does something, for the audit log.
struct actor {
    long long user_id = 0;
    std::string client_address;
};

/// The signed-in staff member and the client address of the request.
[[nodiscard]] actor actor_of(server::request const& req);

/// What every staff page's template needs besides its own data: "title", "user_name",
/// "role" flags ("is_admin", "is_organiser", "is_steering_only", "is_organiser_only"),
/// "csrf_token" (for forms) and "staff". The partial {{> _auth_staff_nav}} renders the
/// staff navigation from it.
[[nodiscard]] boost::json::object staff_page_data(server::request const& req,
                                                  std::string_view title);

}  // namespace samverkan::core

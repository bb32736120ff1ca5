#pragma once

// The auth module's public face: what other modules use to protect their staff routes and
// to learn who is calling. Everything else of the module stays behind this header.
#include "modules/core/staff.hpp"
#include "server/router.hpp"

#include <boost/json/fwd.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace samverkan::auth {

/// Staff roles and the signed-in identity live in core (modules/core/staff.hpp), so that
/// every module can read who is calling without this module.
using core::role;
using core::role_from_string;
using core::to_string;
using identity = core::staff_identity;

class auth_service;

/// Route access for staff routes: no valid session → 401, role below `least` → 403, and for
/// unsafe methods (POST, PUT, PATCH, DELETE) a missing or wrong CSRF token (header
/// X-CSRF-Token, or form field `csrf_token` for HTML forms) → 403. The label is
/// "staff:<role>" so the route table test can check every staff route. Every answer of a
/// staff route goes with Cache-Control: no-store (`server::access::no_store`).
[[nodiscard]] server::access require(auth_service& auth, role least);

using core::current_user;
using core::staff_page_data;

}  // namespace samverkan::auth

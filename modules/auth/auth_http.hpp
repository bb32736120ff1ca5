#pragma once

// The session cookie as routes and pages set, read and clear it.
#include "modules/auth/auth_types.hpp"
#include "server/request.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace samverkan::auth {

inline constexpr std::string_view session_cookie_name = "samverkan_session";

/// Set-Cookie value for a new session: HttpOnly, SameSite=Lax, Path=/, Max-Age of the
/// absolute lifetime, and Secure when the public base URL is https.
[[nodiscard]] std::string session_cookie(std::string const& token, auth_settings const& s);

/// Set-Cookie value that removes the session cookie.
[[nodiscard]] std::string cleared_session_cookie(auth_settings const& s);

/// The session token the request carries, if any.
[[nodiscard]] std::optional<std::string> session_token(server::request const& req);

}  // namespace samverkan::auth

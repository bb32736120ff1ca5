#pragma once

// The session cookie as routes and pages set, read and clear it.
#include "modules/auth/auth_types.hpp"
#include "server/request.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace samverkan::auth {

/// "samverkan_session"; under an https base URL "__Host-samverkan_session", a name browsers
/// accept only with Secure, Path=/ and no Domain, so no other host of the domain (and no
/// plain-http page) can plant or overwrite it.
[[nodiscard]] std::string_view session_cookie_name(auth_settings const& s);

/// Set-Cookie value for a new session: HttpOnly, SameSite=Lax, Path=/, Max-Age of the
/// absolute lifetime, and Secure when the public base URL is https.
[[nodiscard]] std::string session_cookie(std::string const& token, auth_settings const& s);

/// Set-Cookie value that removes the session cookie.
[[nodiscard]] std::string cleared_session_cookie(auth_settings const& s);

/// The session token the request carries, if any.
[[nodiscard]] std::optional<std::string> session_token(server::request const& req,
                                                       auth_settings const& s);

}  // namespace samverkan::auth

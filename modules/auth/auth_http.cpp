#include "modules/auth/auth_http.hpp"

namespace samverkan::auth {

namespace {

std::string attributes(auth_settings const& s) {
    std::string out = "; Path=/; HttpOnly; SameSite=Lax";
    if (s.secure_cookie) out += "; Secure";
    return out;
}

}  // namespace

std::string_view session_cookie_name(auth_settings const& s) {
    return s.secure_cookie ? "__Host-samverkan_session" : "samverkan_session";
}

std::string session_cookie(std::string const& token, auth_settings const& s) {
    return std::string{session_cookie_name(s)} + "=" + token + attributes(s) +
           "; Max-Age=" + std::to_string(s.session_lifetime.count());
}

std::string cleared_session_cookie(auth_settings const& s) {
    return std::string{session_cookie_name(s)} + "=" + attributes(s) + "; Max-Age=0";
}

std::optional<std::string> session_token(server::request const& req, auth_settings const& s) {
    auto const value = req.cookie(session_cookie_name(s));
    if (!value || value->empty()) return std::nullopt;
    return std::string{*value};
}

}  // namespace samverkan::auth

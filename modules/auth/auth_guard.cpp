// The one place where staff routes are protected: session, role and CSRF checks.
#include "modules/auth/auth.hpp"
#include "modules/auth/auth_crypto.hpp"
#include "modules/auth/auth_http.hpp"
#include "modules/auth/auth_service.hpp"
#include "modules/core/form_input.hpp"
#include "server/api_error.hpp"

namespace samverkan::auth {

using server::api_error;
using server::error_kind;
using server::message;

namespace {

bool changes_state(http::verb method) {
    return method != http::verb::get && method != http::verb::head && method != http::verb::options;
}

// The header for JSON clients, the hidden form field for HTML forms.
bool csrf_matches(server::request const& req, std::string const& expected) {
    auto const header = req.header("X-CSRF-Token");
    if (!header.empty()) return equal_secrets(header, expected);
    if (!core::is_form(req)) return false;
    try {
        auto const form = core::form_input::from_request(req);
        return equal_secrets(form.get("csrf_token").value_or(""), expected);
    } catch (api_error const&) {
        return false;  // an unreadable form carries no valid token
    }
}

}  // namespace

server::access require(auth_service& auth, role least) {
    auto check = [&auth, least](server::request& req) -> asio::awaitable<void> {
        auto const token = session_token(req, auth.settings());
        std::optional<identity> who;
        if (token) who = co_await auth.authenticate(*token);
        if (!who) throw api_error(error_kind::unauthenticated, message::of("login.required"));
        if (static_cast<int>(who->role) < static_cast<int>(least))
            throw api_error(error_kind::forbidden, message::of("login.role_too_low"));
        if (changes_state(req.message.method()) && !csrf_matches(req, who->csrf_token))
            throw api_error(error_kind::forbidden, message::of("login.csrf"));
        req.identity = std::move(*who);
    };
    // Staff answers hold personal data: never kept by a cache on the way.
    return server::access{std::string{"staff:"} + to_string(least), std::move(check), true};
}

}  // namespace samverkan::auth

#include "modules/auth/auth_input.hpp"

#include "modules/core/field_reader.hpp"

namespace samverkan::auth {

namespace {

using server::message;

// A text exactly as sent (a password must not be trimmed); "" and a problem when missing.
std::string required_as_sent(core::field_reader& in, std::string_view key, char const* missing) {
    auto value = in.raw_text(key);
    if (value.empty()) in.fail(key, message::of(missing));
    return value;
}

// A form repeats a new password so that a typing mistake does not lock its owner out.
std::string new_password(core::field_reader& in) {
    auto value = in.raw_text("new_password");
    if (in.is_form() && in.raw_text("new_password_repeat") != value)
        in.fail("new_password_repeat", message::of("password.repeat_differs"));
    return value;
}

}  // namespace

login_input read_login(core::field_reader& in) {
    login_input out;
    out.email = required_as_sent(in, "email", "login.email_required");
    out.password = required_as_sent(in, "password", "login.password_required");
    return out;
}

password_change_input read_password_change(core::field_reader& in) {
    password_change_input out;
    out.current = required_as_sent(in, "current_password", "accounts.required");
    out.replacement = new_password(in);
    return out;
}

std::string read_new_password(core::field_reader& in) {
    return new_password(in);
}

new_user read_new_user(core::field_reader& in) {
    return new_user{.email = in.raw_text("email"),
                    .name = in.raw_text("name"),
                    .role = in.raw_text("role"),
                    .password = in.raw_text("password")};
}

}  // namespace samverkan::auth

#pragma once

// What the auth module reads from request bodies: the same readers serve the API's JSON and
// the pages' forms (core::field_reader). A value of the wrong JSON type is a 400 at once;
// every other problem goes into the reader's field errors, for one 422 together with what
// the rules find (auth_rules, the service). Passwords are taken exactly as sent, never
// trimmed.
#include "modules/auth/auth_types.hpp"

#include <string>

namespace samverkan::core {
class field_reader;
}

namespace samverkan::auth {

struct login_input {
    std::string email;
    std::string password;
};

/// `email` and `password`, both required.
[[nodiscard]] login_input read_login(core::field_reader& in);

struct password_change_input {
    std::string current;
    std::string replacement;
};

/// `current_password` (required) and `new_password`; a form also repeats the new password
/// in `new_password_repeat`, which must match. The new password's rules are the service's.
[[nodiscard]] password_change_input read_password_change(core::field_reader& in);

/// An admin's new password for someone else: `new_password` (and in a form
/// `new_password_repeat`, which must match).
[[nodiscard]] std::string read_new_password(core::field_reader& in);

/// A new account's `email`, `name`, `role` and `password` as sent; the service checks them
/// by the rules (check_new_user), as it does for the CLI.
[[nodiscard]] new_user read_new_user(core::field_reader& in);

}  // namespace samverkan::auth

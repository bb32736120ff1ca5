#pragma once

// The rules for accounts and passwords. No I/O: the service, the pages and the CLI all check
// with these. Problems are catalogue messages (web/messages/auth.msg), put into words where
// the answer is made: Swedish on the pages, English in the API and the CLI.
#include "modules/auth/auth_types.hpp"
#include "server/api_error.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace samverkan::auth {

inline constexpr std::size_t min_password_length = 12;
inline constexpr std::size_t max_password_length = 256;
inline constexpr std::size_t max_name_length = 200;

/// What is wrong with a new password (missing, length in characters, the common-password
/// list, the e-mail address itself); nullopt when it is acceptable.
[[nodiscard]] std::optional<server::message> check_password(std::string_view password,
                                                            std::string_view email);

/// Every problem of a new account's fields (e-mail, name, role, password), by field name;
/// empty when it is acceptable. The e-mail is compared normalised.
[[nodiscard]] server::field_errors check_new_user(new_user const& u);

/// Lower-cases ASCII letters and trims spaces: e-mail addresses compare this way.
[[nodiscard]] std::string normalise_email(std::string_view email);

}  // namespace samverkan::auth

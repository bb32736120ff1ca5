#pragma once

// The rules for accounts and passwords, with their messages in Swedish (pages) and English
// (the API). No I/O: the service, the pages and the CLI all check with these.
#include "modules/auth/auth_types.hpp"
#include "server/api_error.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace samverkan::auth {

inline constexpr std::size_t min_password_length = 12;
inline constexpr std::size_t max_password_length = 256;

enum class problem {
    required,
    bad_email,
    bad_name,
    bad_characters,
    unknown_role,
    password_too_short,
    password_too_long,
    password_too_common,
    password_dictionary_word,  ///< cracklib: based on a word of its dictionary
    password_too_simple,       ///< cracklib: a pattern, or too few different characters
    password_is_email,
    wrong_current_password,
    passwords_differ,
    email_taken,
};

struct field_problem {
    std::string field;
    problem what;
};

/// What is wrong with a new password (length in characters, the common-password list, the
/// e-mail address itself); nullopt when it is acceptable.
[[nodiscard]] std::optional<problem> check_password(std::string_view password,
                                                    std::string_view email);

/// Every problem of a new account's fields (e-mail, name, role, password).
[[nodiscard]] std::vector<field_problem> check_new_user(new_user const& u);

/// The message for a problem: `language` "sv" for pages, anything else English.
[[nodiscard]] std::string message(problem p, std::string_view language);

/// The 422 field map in one language.
[[nodiscard]] server::field_errors to_field_errors(std::vector<field_problem> const& problems,
                                                   std::string_view language);

/// Lower-cases ASCII letters and trims spaces: e-mail addresses compare this way.
[[nodiscard]] std::string normalise_email(std::string_view email);

}  // namespace samverkan::auth

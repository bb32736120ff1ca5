#include "modules/auth/auth_rules.hpp"

#include "modules/core/json_input.hpp"
#include "modules/core/text.hpp"

#include <algorithm>

namespace samverkan::auth {

namespace {

using core::lower_ascii;

// Frequent passwords of at least the minimum length, from public breach statistics and
// their Swedish counterparts; shorter ones already fail the length rule. Compared
// case-insensitively.
constexpr std::string_view common_passwords[] = {
    "123456789012",  "1234567890123",    "12345678901234",  "123456123456",
    "111111111111",  "000000000000",     "123123123123",    "qwertyuiopasdf",
    "qwertyuiop123", "qwerty123456",     "qwertyuiopå",     "1q2w3e4r5t6y",
    "1qaz2wsx3edc",  "zaq12wsxcde3",     "password1234",    "password12345",
    "password123!",  "passwordpassword", "iloveyou1234",    "welcome12345",
    "letmein12345",  "abcdefghijkl",     "abc123abc123",    "aaaaaaaaaaaa",
    "administrator", "administratör",    "admin1234567",    "adminadmin12",
    "changeme1234",  "lösenord1234",     "losenord1234",    "lösenordlösenord",
    "sommar2024!!",  "sommaren2025",     "vinter2024!!",    "hösten2025!!",
    "kristianstad",  "kristianstad1",    "kristianstad123", "kristianstads kommun",
    "samverkan123",  "samverkan2025",    "samverkan2026",   "styrgruppen1",
    "föreningen123", "sverige123456",    "hejsan123456",    "välkommen123",
};

// ASCII and Latin-1 letters (Å, Ä, Ö, É …) to lower case: enough to catch "LÖSENORD1234".
std::string fold_case(std::string_view text) {
    std::string out = lower_ascii(text);
    for (std::size_t i = 0; i + 1 < out.size(); ++i) {
        auto const lead = static_cast<unsigned char>(out[i]);
        auto const next = static_cast<unsigned char>(out[i + 1]);
        if (lead == 0xC3 && next >= 0x80 && next <= 0x9E && next != 0x97)
            out[i + 1] = static_cast<char>(next + 0x20);
    }
    return out;
}

}  // namespace

std::string normalise_email(std::string_view email) {
    while (!email.empty() && (email.front() == ' ' || email.front() == '\t'))
        email.remove_prefix(1);
    while (!email.empty() && (email.back() == ' ' || email.back() == '\t')) email.remove_suffix(1);
    return lower_ascii(email);
}

std::optional<problem> check_password(std::string_view password, std::string_view email) {
    if (password.empty()) return problem::required;
    if (!core::clean_text(password, false)) return problem::bad_characters;
    auto const length = core::utf8_length(password);
    if (length < min_password_length) return problem::password_too_short;
    if (length > max_password_length) return problem::password_too_long;
    auto const lowered = fold_case(password);
    for (auto const common : common_passwords)
        if (lowered == common) return problem::password_too_common;
    if (!email.empty() && lowered == normalise_email(email)) return problem::password_is_email;
    return std::nullopt;
}

std::vector<field_problem> check_new_user(new_user const& u) {
    std::vector<field_problem> out;
    auto const email = normalise_email(u.email);
    if (email.empty())
        out.push_back({"email", problem::required});
    else if (!core::valid_email(email))
        out.push_back({"email", problem::bad_email});
    if (u.name.empty())
        out.push_back({"name", problem::required});
    else if (!core::clean_text(u.name, false) || core::utf8_length(u.name) > 200)
        out.push_back({"name", problem::bad_name});
    if (u.role.empty())
        out.push_back({"role", problem::required});
    else if (!role_from_string(u.role))
        out.push_back({"role", problem::unknown_role});
    if (auto const p = check_password(u.password, email)) out.push_back({"password", *p});
    return out;
}

std::string message(problem p, std::string_view language) {
    bool const sv = language == "sv";
    switch (p) {
        case problem::required:
            return sv ? "Fyll i fältet." : "Required.";
        case problem::bad_email:
            return sv ? "Skriv en giltig e-postadress, till exempel namn@kristianstad.se."
                      : "Not a valid e-mail address.";
        case problem::bad_name:
            return sv ? "Skriv ett namn på högst 200 tecken, utan specialtecken."
                      : "Must be 1–200 characters without control characters.";
        case problem::bad_characters:
            return sv ? "Lösenordet innehåller tecken som inte är tillåtna."
                      : "Contains characters that are not allowed.";
        case problem::unknown_role:
            return sv ? "Välj en av rollerna." : "Must be one of: admin, organiser, steering.";
        case problem::password_too_short:
            return sv ? "Lösenordet måste ha minst 12 tecken." : "Must be at least 12 characters.";
        case problem::password_too_long:
            return sv ? "Lösenordet får ha högst 256 tecken." : "Must be at most 256 characters.";
        case problem::password_too_common:
            return sv ? "Lösenordet är för vanligt och lätt att gissa. Välj ett annat."
                      : "Too common and easy to guess; choose another.";
        case problem::password_dictionary_word:
            return sv ? "Lösenordet bygger på ett ord ur en ordlista och är lätt att gissa. Välj "
                        "ett annat, till exempel några ord som inte hör ihop."
                      : "Too easy to guess: it is based on a dictionary word.";
        case problem::password_too_simple:
            return sv ? "Lösenordet är för enkelt att gissa: det följer ett mönster eller har för "
                        "få olika tecken. Välj ett annat."
                      : "Too easy to guess: a simple pattern or too few different characters.";
        case problem::password_is_email:
            return sv ? "Lösenordet får inte vara e-postadressen."
                      : "Must not be the e-mail address.";
        case problem::wrong_current_password:
            return sv ? "Det nuvarande lösenordet stämmer inte." : "The current password is wrong.";
        case problem::passwords_differ:
            return sv ? "Lösenorden är inte likadana." : "The passwords do not match.";
        case problem::email_taken:
            return sv ? "Det finns redan en användare med den e-postadressen."
                      : "A user with this e-mail address already exists.";
    }
    return {};
}

server::field_errors to_field_errors(std::vector<field_problem> const& problems,
                                     std::string_view language) {
    server::field_errors out;
    for (auto const& p : problems) out.emplace(p.field, message(p.what, language));
    return out;
}

}  // namespace samverkan::auth

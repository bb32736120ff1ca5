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

std::optional<server::message> check_password(std::string_view password, std::string_view email) {
    using server::message;
    if (password.empty()) return message::of("accounts.required");
    if (!core::clean_text(password, false)) return message::of("password.bad_characters");
    auto const length = core::utf8_length(password);
    if (length < min_password_length)
        return message::of("password.too_short", {{"min", std::to_string(min_password_length)}});
    if (length > max_password_length)
        return message::of("password.too_long", {{"max", std::to_string(max_password_length)}});
    auto const lowered = fold_case(password);
    for (auto const common : common_passwords)
        if (lowered == common) return message::of("password.too_common");
    if (!email.empty() && lowered == normalise_email(email))
        return message::of("password.is_email");
    return std::nullopt;
}

server::field_errors check_new_user(new_user const& u) {
    using server::message;
    server::field_errors out;
    auto const email = normalise_email(u.email);
    if (email.empty())
        out.emplace("email", message::of("accounts.required"));
    else if (!core::valid_email(email))
        out.emplace("email", message::of("accounts.email_invalid"));
    if (u.name.empty())
        out.emplace("name", message::of("accounts.required"));
    else if (!core::clean_text(u.name, false) || core::utf8_length(u.name) > max_name_length)
        out.emplace("name", message::of("accounts.name_invalid",
                                        {{"max", std::to_string(max_name_length)}}));
    if (u.role.empty())
        out.emplace("role", message::of("accounts.required"));
    else if (!role_from_string(u.role))
        out.emplace("role", message::of("accounts.role_unknown"));
    if (auto p = check_password(u.password, email)) out.emplace("password", std::move(*p));
    return out;
}

}  // namespace samverkan::auth

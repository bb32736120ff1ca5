#include "modules/auth/auth_rules.hpp"

#include "modules/auth/auth_crypto.hpp"
#include "modules/core/messages.hpp"

#include <boost/test/unit_test.hpp>
#include <sodium.h>

using namespace samverkan;

namespace {

core::message_catalogue const& catalogue() {
    static core::message_catalogue const messages{std::filesystem::path{SAMVERKAN_SOURCE_DIR} /
                                                  "web/messages"};
    return messages;
}

// The key of the password's problem, "" when it has none.
std::string password_problem(std::string_view password, std::string_view email) {
    auto const p = auth::check_password(password, email);
    return p ? p->text() : std::string{};
}

}  // namespace

BOOST_AUTO_TEST_SUITE(auth_rules)

BOOST_AUTO_TEST_CASE(passwords_need_twelve_characters_and_must_not_be_common) {
    BOOST_TEST(password_problem("rätt häst batteri", "a@example.org").empty());
    BOOST_TEST(password_problem("elva tecken", "") == "password.too_short");
    BOOST_TEST(password_problem("åäöåäöåäöåäö", "").empty());  // characters, not bytes
    BOOST_TEST(password_problem("Password1234", "") == "password.too_common");
    BOOST_TEST(password_problem("LÖSENORD1234", "") == "password.too_common");
    BOOST_TEST(password_problem("qwerty123456", "") == "password.too_common");
    BOOST_TEST(password_problem("Anna@Example.org", "anna@example.org") == "password.is_email");
    BOOST_TEST(password_problem(std::string(257, 'x'), "") == "password.too_long");
    BOOST_TEST(password_problem("", "") == "accounts.required");
    BOOST_TEST(password_problem("tolv\ttecken här", "") == "password.bad_characters");
}

BOOST_AUTO_TEST_CASE(password_problems_name_their_limits_in_both_languages) {
    auto const too_short = auth::check_password("kort", "").value();
    BOOST_TEST(catalogue().say(core::language::sv, too_short) ==
               "Lösenordet måste ha minst 12 tecken.");
    BOOST_TEST(catalogue().say(core::language::en, too_short) == "Must be at least 12 characters.");
    auto const too_long = auth::check_password(std::string(257, 'x'), "").value();
    BOOST_TEST(catalogue().say(core::language::en, too_long) == "Must be at most 256 characters.");
}

BOOST_AUTO_TEST_CASE(new_users_are_checked_field_by_field) {
    auto const problems =
        auth::check_new_user({.email = "nope", .name = "", .role = "boss", .password = "kort"});
    BOOST_TEST(problems.size() == 4u);
    auto const sv = [&](char const* field) {
        return catalogue().say(core::language::sv, problems.at(field));
    };
    BOOST_TEST(sv("email") == "Skriv en giltig e-postadress, till exempel namn@kristianstad.se.");
    BOOST_TEST(sv("name") == "Fyll i fältet.");
    BOOST_TEST(sv("role") == "Välj en av rollerna.");
    BOOST_TEST(sv("password") == "Lösenordet måste ha minst 12 tecken.");
    BOOST_TEST(catalogue().say(core::language::en, problems.at("role")) ==
               "Must be one of: admin, organiser, steering.");
    auto const long_name = auth::check_new_user({.email = "eva@example.org",
                                                 .name = std::string(201, 'E'),
                                                 .role = "admin",
                                                 .password = "ett långt och bra lösenord"});
    BOOST_TEST(catalogue().say(core::language::sv, long_name.at("name")) ==
               "Skriv ett namn på högst 200 tecken, utan specialtecken.");
    BOOST_TEST(auth::check_new_user({.email = " Eva@Example.org ",
                                     .name = "Eva",
                                     .role = "steering",
                                     .password = "ett långt och bra lösenord"})
                   .empty());
}

BOOST_AUTO_TEST_CASE(every_role_has_a_name_and_a_hint_in_the_catalogue) {
    for (auto const r : {core::role::steering, core::role::organiser, core::role::admin}) {
        BOOST_TEST(catalogue().has(std::string{"staff.role."} + core::to_string(r)));
        BOOST_TEST(catalogue().has(std::string{"accounts.role_hint."} + core::to_string(r)));
    }
    for (auto const* done : {"added", "deactivated", "reactivated", "password"})
        BOOST_TEST(catalogue().has(std::string{"accounts.done."} + done));
}

BOOST_AUTO_TEST_CASE(tokens_are_256_random_bits_and_hashes_verify) {
    BOOST_REQUIRE(sodium_init() >= 0);
    auto const a = auth::random_token();
    auto const b = auth::random_token();
    BOOST_TEST(a != b);
    BOOST_TEST(auth::looks_like_token(a));
    BOOST_TEST(!auth::looks_like_token(a + "x"));
    BOOST_TEST(!auth::looks_like_token("not a token"));
    BOOST_TEST(auth::sha256_hex("abc") ==
               "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    BOOST_TEST(auth::equal_secrets(a, a));
    BOOST_TEST(!auth::equal_secrets(a, b));
    BOOST_TEST(!auth::equal_secrets("", ""));
    auto const hash = auth::hash_password("rätt häst batteri");
    BOOST_TEST(hash.rfind("$argon2id$", 0) == 0u);
    BOOST_TEST(auth::verify_password(hash, "rätt häst batteri"));
    BOOST_TEST(!auth::verify_password(hash, "rätt häst batteri "));
    BOOST_TEST(auth::generate_password().size() == 24u);
}

BOOST_AUTO_TEST_SUITE_END()

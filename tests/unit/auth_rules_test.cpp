#include "modules/auth/auth_rules.hpp"

#include "modules/auth/auth_crypto.hpp"

#include <boost/test/unit_test.hpp>
#include <sodium.h>

using namespace samverkan;
using auth::problem;

BOOST_AUTO_TEST_SUITE(auth_rules)

BOOST_AUTO_TEST_CASE(passwords_need_twelve_characters_and_must_not_be_common) {
    BOOST_TEST(!auth::check_password("rätt häst batteri", "a@example.org").has_value());
    BOOST_TEST((auth::check_password("elva tecken", "") == problem::password_too_short));
    BOOST_TEST(!auth::check_password("åäöåäöåäöåäö", "").has_value());  // characters, not bytes
    BOOST_TEST((auth::check_password("Password1234", "") == problem::password_too_common));
    BOOST_TEST((auth::check_password("LÖSENORD1234", "") == problem::password_too_common));
    BOOST_TEST((auth::check_password("qwerty123456", "") == problem::password_too_common));
    BOOST_TEST((auth::check_password("Anna@Example.org", "anna@example.org") ==
                problem::password_is_email));
    BOOST_TEST((auth::check_password(std::string(257, 'x'), "") == problem::password_too_long));
    BOOST_TEST((auth::check_password("", "") == problem::required));
    BOOST_TEST((auth::check_password("tolv\ttecken här", "") == problem::bad_characters));
}

BOOST_AUTO_TEST_CASE(new_users_are_checked_field_by_field) {
    auto const problems =
        auth::check_new_user({.email = "nope", .name = "", .role = "boss", .password = "kort"});
    BOOST_TEST(problems.size() == 4u);
    auto const fields = auth::to_field_errors(problems, "sv");
    BOOST_TEST(fields.at("email").text().find("giltig e-postadress") != std::string::npos);
    BOOST_TEST(fields.at("name").text() == "Fyll i fältet.");
    BOOST_TEST(fields.at("password").text() == "Lösenordet måste ha minst 12 tecken.");
    BOOST_TEST(auth::check_new_user({.email = " Eva@Example.org ",
                                     .name = "Eva",
                                     .role = "steering",
                                     .password = "ett långt och bra lösenord"})
                   .empty());
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

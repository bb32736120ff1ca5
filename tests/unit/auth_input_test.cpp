// The auth module's readers without a server: login, password change, an admin's new
// password and a new account, each from JSON and from a form, with the errors they find (a
// wrong JSON type at once as a 400, everything else collected per field for one 422), and
// how the pages put those errors into Swedish in the form's order.
#include "modules/auth/auth_input.hpp"

#include "modules/auth/auth_page_support.hpp"
#include "modules/core/field_reader.hpp"
#include "modules/core/form_input.hpp"
#include "modules/core/messages.hpp"

#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>

using namespace samverkan;
namespace json = boost::json;

namespace {

core::message_catalogue const& catalogue() {
    static core::message_catalogue const messages{std::filesystem::path{SAMVERKAN_SOURCE_DIR} /
                                                  "web/messages"};
    return messages;
}

// The catalogue key of each field's problem.
std::map<std::string, std::string> keys(server::field_errors const& errors) {
    std::map<std::string, std::string> out;
    for (auto const& [field, m] : errors) {
        BOOST_TEST(m.keyed());
        BOOST_TEST(catalogue().has(m.text()), m.text());
        out.emplace(field, m.text());
    }
    return out;
}

// What `read` finds in a JSON body, and what it returns.
template <class Read>
auto from_json(json::object const& body, server::field_errors& errors, Read read) {
    core::field_reader in{body, errors};
    return read(in);
}

template <class Read>
auto from_form(std::string_view encoded, server::field_errors& errors, Read read) {
    core::form_input const form{encoded};
    core::field_reader in{form, errors};
    return read(in);
}

// The 400 of a value of the wrong JSON type, with the field it names.
template <class Read>
void refuses_the_wrong_type(json::object const& body, std::string const& field, Read read) {
    server::field_errors errors;
    try {
        (void)from_json(body, errors, read);
        BOOST_ERROR("no 400 for " << field);
    } catch (server::api_error const& e) {
        BOOST_TEST((e.kind() == server::error_kind::bad_request));
        BOOST_TEST(catalogue().say(core::language::en, e.text()) ==
                   "Field '" + field + "' must be a string.");
    }
}

auto const login = [](core::field_reader& in) {
    return auth::read_login(in);
};
auto const change = [](core::field_reader& in) {
    return auth::read_password_change(in);
};
auto const reset = [](core::field_reader& in) {
    return auth::read_new_password(in);
};
auto const account = [](core::field_reader& in) {
    return auth::read_new_user(in);
};

}  // namespace

BOOST_AUTO_TEST_SUITE(auth_input)

BOOST_AUTO_TEST_CASE(a_login_needs_both_fields_and_keeps_the_password_as_sent) {
    server::field_errors errors;
    auto const given =
        from_json({{"email", "Eva@Example.org"}, {"password", " med mellanslag "}}, errors, login);
    BOOST_TEST(errors.empty());
    BOOST_TEST(given.email == "Eva@Example.org");  // the service normalises it
    BOOST_TEST(given.password == " med mellanslag ");
    server::field_errors missing;
    (void)from_json({{"email", ""}, {"password", nullptr}}, missing, login);
    BOOST_TEST((keys(missing) ==
                std::map<std::string, std::string>{{"email", "login.email_required"},
                                                   {"password", "login.password_required"}}));
    BOOST_TEST(catalogue().say(core::language::sv, missing.at("email")) ==
               "Fyll i din e-postadress.");
    refuses_the_wrong_type({{"email", 7}, {"password", "x"}}, "email", login);
    refuses_the_wrong_type({{"email", "a@b.se"}, {"password", json::array{}}}, "password", login);
}

BOOST_AUTO_TEST_CASE(a_login_form_reads_the_same_way) {
    server::field_errors errors;
    auto const given = from_form("email=eva%40example.org&password=+hemligt+", errors, login);
    BOOST_TEST(errors.empty());
    BOOST_TEST(given.email == "eva@example.org");
    BOOST_TEST(given.password == " hemligt ");
    server::field_errors missing;
    (void)from_form("email=eva%40example.org", missing, login);
    BOOST_TEST((keys(missing) ==
                std::map<std::string, std::string>{{"password", "login.password_required"}}));
}

BOOST_AUTO_TEST_CASE(a_password_change_needs_the_current_password_and_a_form_its_repeat) {
    server::field_errors errors;
    auto const given = from_json(
        {{"current_password", "det gamla"}, {"new_password", "ett helt nytt"}}, errors, change);
    BOOST_TEST(errors.empty());  // JSON has no repeat field
    BOOST_TEST(given.current == "det gamla");
    BOOST_TEST(given.replacement == "ett helt nytt");
    server::field_errors missing;
    (void)from_json({{"new_password", "ett helt nytt"}}, missing, change);
    BOOST_TEST((keys(missing) ==
                std::map<std::string, std::string>{{"current_password", "accounts.required"}}));
    refuses_the_wrong_type({{"current_password", true}}, "current_password", change);

    server::field_errors form;
    (void)from_form("new_password=ett+helt+nytt&new_password_repeat=ett+annat", form, change);
    BOOST_TEST((keys(form) == std::map<std::string, std::string>{
                                  {"current_password", "accounts.required"},
                                  {"new_password_repeat", "password.repeat_differs"}}));
    server::field_errors same;
    (void)from_form("current_password=x&new_password=ett&new_password_repeat=ett", same, change);
    BOOST_TEST(same.empty());
    server::field_errors no_repeat;
    (void)from_form("current_password=x&new_password=ett", no_repeat, change);
    BOOST_TEST(no_repeat.contains("new_password_repeat"));
}

BOOST_AUTO_TEST_CASE(an_admins_new_password_is_repeated_in_the_form) {
    server::field_errors errors;
    BOOST_TEST(from_json({{"new_password", " exakt "}}, errors, reset) == " exakt ");
    BOOST_TEST(errors.empty());
    refuses_the_wrong_type({{"new_password", 12}}, "new_password", reset);
    server::field_errors differ;
    (void)from_form("new_password=ett&new_password_repeat=tv%C3%A5", differ, reset);
    BOOST_TEST((keys(differ) == std::map<std::string, std::string>{
                                    {"new_password_repeat", "password.repeat_differs"}}));
    BOOST_TEST(catalogue().say(core::language::sv, differ.at("new_password_repeat")) ==
               "Lösenorden är inte likadana.");
}

BOOST_AUTO_TEST_CASE(a_new_account_is_read_as_sent_for_the_rules_to_judge) {
    server::field_errors errors;
    auto const u = from_json(
        {{"email", " Eva@Example.org "}, {"name", "Eva"}, {"role", "boss"}, {"password", nullptr}},
        errors, account);
    BOOST_TEST(errors.empty());
    BOOST_TEST(u.email == " Eva@Example.org ");
    BOOST_TEST(u.role == "boss");
    BOOST_TEST(u.password.empty());
    refuses_the_wrong_type({{"email", 3}}, "email", account);
    refuses_the_wrong_type({{"name", json::object{}}}, "name", account);
    auto const f = from_form("name=Eva+Exempel&email=eva%40example.org&role=organiser&password=x",
                             errors, account);
    BOOST_TEST(f.name == "Eva Exempel");
    BOOST_TEST(f.role == "organiser");
}

BOOST_AUTO_TEST_CASE(pages_show_the_errors_in_swedish_in_the_forms_order) {
    server::field_errors const errors{
        {"password", server::message::of("password.too_short", {{"min", "12"}})},
        {"email", server::message::of("accounts.email_invalid")},
        {"role", server::message::of("accounts.role_unknown")},
        {"extra", server::message{"as it is"}}};
    json::object data;
    auth::add_field_errors(data, errors, {catalogue(), core::language::sv},
                           {"email", "name", "role", "password"});
    BOOST_TEST(data.at("has_errors").as_bool());
    BOOST_TEST(data.at("password_error").as_string() == "Lösenordet måste ha minst 12 tecken.");
    auto const& summary = data.at("errors").as_array();
    BOOST_REQUIRE_EQUAL(summary.size(), 4u);
    BOOST_TEST(summary[0].at("field").as_string() == "email");
    BOOST_TEST(summary[1].at("field").as_string() == "role-steering");  // the first radio
    BOOST_TEST(summary[2].at("field").as_string() == "password");
    BOOST_TEST(summary[3].at("message").as_string() == "as it is");  // not in the form: last
    json::object none;
    auth::add_field_errors(none, {}, {catalogue(), core::language::sv}, {"email"});
    BOOST_TEST(!none.at("has_errors").as_bool());
}

BOOST_AUTO_TEST_SUITE_END()

// The organisation register's input readers without I/O: each field's check (used by the
// API, the staff form and the CSV import alike), the API's JSON body for a new
// organisation and for a PATCH, with the words of every error in English and Swedish.
#include "modules/core/messages.hpp"
#include "modules/organisations/organisation_input.hpp"
#include "tests/support/catalogue.hpp"

#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>

using namespace samverkan;
using namespace samverkan::organisations;
namespace json = boost::json;

namespace {

using test::catalogue;

std::string english(checked const& c) {
    return c.error ? catalogue().say(core::language::en, *c.error) : "";
}

std::string swedish(checked const& c) {
    return c.error ? catalogue().say(core::language::sv, *c.error) : "";
}

std::string english(server::field_errors const& errors, std::string const& field) {
    return test::said(errors, field, core::language::en);
}

json::object contact_json(std::string const& name, std::string const& email) {
    return {{"name", name}, {"email", email}};
}

}  // namespace

BOOST_AUTO_TEST_SUITE(organisations_input)

BOOST_AUTO_TEST_CASE(names_are_trimmed_required_single_line_and_at_most_200_characters) {
    BOOST_TEST(check_name("  Åhus IF  ").value == "Åhus IF");
    BOOST_TEST(!check_name("Åhus IF").error);
    BOOST_TEST(english(check_name("   ")) == "A name is required.");
    BOOST_TEST(swedish(check_name("")) == "Skriv organisationens namn.");
    BOOST_TEST(english(check_name("Åhus\nIF")) == "The name contains control characters.");
    BOOST_TEST(swedish(check_name("Åhus\tIF")) ==
               "Namnet innehåller otillåtna tecken (radbrytningar, tabbar).");
    std::string two_hundred;
    for (int i = 0; i < 200; ++i) two_hundred += "å";  // characters, not bytes
    BOOST_TEST(!check_name(two_hundred).error);
    BOOST_TEST(english(check_name(two_hundred + "a")) == "The name is longer than 200 characters.");
    BOOST_TEST(swedish(check_name(two_hundred + "a")) == "Namnet får vara högst 200 tecken.");
}

BOOST_AUTO_TEST_CASE(optional_texts_have_their_own_limits_and_words) {
    BOOST_TEST(check_locality("").value.empty());
    BOOST_TEST(!check_locality("").error);
    BOOST_TEST(english(check_locality(std::string(101, 'a'))) ==
               "The locality is longer than 100 characters.");
    BOOST_TEST(!check_phone(std::string(40, '1')).error);
    BOOST_TEST(swedish(check_phone(std::string(41, '1'))) ==
               "Telefonnumret får vara högst 40 tecken.");
    BOOST_TEST(english(check_phone("044\r\n")) == "");  // trimmed: the line break was outside
    BOOST_TEST(english(check_phone("044\n13")) == "The phone number contains control characters.");
    BOOST_TEST(!check_contact_name("").error);  // the address stands for a missing name
    BOOST_TEST(!check_contact_name(std::string(200, 'a')).error);
    BOOST_TEST(english(check_contact_name(std::string(201, 'a'))) ==
               "The contact's name is longer than 200 characters.");
}

BOOST_AUTO_TEST_CASE(organisation_numbers_are_normalised_or_refused_and_may_be_left_out) {
    BOOST_TEST(check_org_number(" 8024001235 ").value == "802400-1235");
    BOOST_TEST(check_org_number("802400-1235").value == "802400-1235");
    BOOST_TEST(!check_org_number("").error);
    BOOST_TEST(check_org_number("").value.empty());
    BOOST_TEST(english(check_org_number("802400-1234")) ==
               "Not a valid organisationsnummer (NNNNNN-NNNN).");
    BOOST_TEST(
        swedish(check_org_number("12345")).starts_with("Organisationsnumret är inte giltigt"));
}

BOOST_AUTO_TEST_CASE(kinds_take_the_codes_and_the_swedish_words) {
    BOOST_TEST(check_kind("").value == "association");  // the default
    BOOST_TEST(check_kind("study_association").value == "study_association");
    BOOST_TEST(check_kind(" Förening ").value == "association");
    BOOST_TEST(check_kind("BYALAG").value == "village_association");
    BOOST_TEST(check_kind("bygderåd").value == "village_association");
    BOOST_TEST(check_kind("Ekonomisk förening").value == "cooperative");
    BOOST_TEST(check_kind("övrigt").value == "other");
    BOOST_TEST(english(check_kind("club")).starts_with("Unknown kind: use association,"));
    BOOST_TEST(swedish(check_kind("klubb")).starts_with("Okänd typ:"));
    for (auto const k : kinds()) BOOST_TEST(check_kind(k).value == k);
}

BOOST_AUTO_TEST_CASE(areas_are_urban_or_rural_in_either_language) {
    BOOST_TEST(check_area("Stad").value == "urban");
    BOOST_TEST(check_area("urban").value == "urban");
    BOOST_TEST(check_area(" landsbygd ").value == "rural");
    BOOST_TEST(check_area("RURAL").value == "rural");
    BOOST_TEST(!check_area("").error);
    BOOST_TEST(english(check_area("city")) == "Area must be urban or rural.");
    BOOST_TEST(swedish(check_area("city")) == "Välj stad eller landsbygd.");
}

BOOST_AUTO_TEST_CASE(dates_must_be_real_calendar_days_written_yyyy_mm_dd) {
    BOOST_TEST(check_date("2025-03-01").value == "2025-03-01");
    BOOST_TEST(!check_date("2024-02-29").error);  // a leap year
    BOOST_TEST(!check_date("2000-02-29").error);  // divisible by 400
    BOOST_TEST(english(check_date("1900-02-29")) == "Not a real date.");
    BOOST_TEST(english(check_date("2025-02-29")) == "Not a real date.");
    BOOST_TEST(english(check_date("2025-04-31")) == "Not a real date.");
    BOOST_TEST(english(check_date("2025-13-01")) == "Not a real date.");
    BOOST_TEST(swedish(check_date("2025-00-10")) == "Det datumet finns inte.");
    BOOST_TEST(english(check_date("01/03/2025")) == "Use a date like 2025-03-01.");
    BOOST_TEST(swedish(check_date("2025-3-1")) == "Skriv datumet som 2025-03-01.");
    BOOST_TEST(english(check_date("2025-0a-01")) == "Not a real date.");
    BOOST_TEST(!check_date("").error);
}

BOOST_AUTO_TEST_CASE(contact_addresses_are_required_and_plausible) {
    BOOST_TEST(check_email(" asa@byalag.example ").value == "asa@byalag.example");
    BOOST_TEST(english(check_email("")) == "An e-mail address is required.");
    BOOST_TEST(english(check_email("inte-en-adress")) == "Not a valid e-mail address.");
    BOOST_TEST(swedish(check_email("a@b")) == "E-postadressen är inte giltig.");
}

BOOST_AUTO_TEST_CASE(a_new_organisation_from_json_takes_every_field) {
    server::field_errors errors;
    auto const o = read_organisation(
        json::object{{"name", " Tosteberga Byalag "},
                     {"org_number", "8024001235"},
                     {"kind", "byalag"},
                     {"area", "landsbygd"},
                     {"locality", "Tosteberga"},
                     {"agreement_joined_on", "2025-03-01"},
                     {"contacts", json::array{contact_json("Åsa Öberg", "asa@byalag.example"),
                                              json::object{{"name", "Bo Ek"},
                                                           {"email", "bo@byalag.example"},
                                                           {"phone", "044-123"}}}}},
        errors);
    BOOST_TEST(errors.empty());
    BOOST_TEST(o.name == "Tosteberga Byalag");
    BOOST_TEST(o.org_number == "802400-1235");
    BOOST_TEST(o.kind == "village_association");
    BOOST_TEST(o.area == "rural");
    BOOST_TEST(o.locality == "Tosteberga");
    BOOST_TEST(o.agreement_joined_on == "2025-03-01");
    BOOST_REQUIRE_EQUAL(o.contacts.size(), 2u);
    BOOST_TEST(o.contacts[1].phone == "044-123");
    BOOST_TEST(o.contacts[0].phone.empty());

    auto const minimal = read_organisation(json::object{{"name", "Ett"}}, errors);
    BOOST_TEST(errors.empty());
    BOOST_TEST(minimal.kind == "association");
    BOOST_TEST(minimal.contacts.empty());
}

BOOST_AUTO_TEST_CASE(every_problem_of_a_new_organisation_is_reported_by_field_at_once) {
    server::field_errors errors;
    (void)read_organisation(
        json::object{{"org_number", "802400-1234"},
                     {"kind", "club"},
                     {"area", "city"},
                     {"locality", 7},
                     {"agreement_joined_on", "2025-02-30"},
                     {"contacts", json::array{contact_json("X", "not-an-address"), 5,
                                              contact_json("Y", "Y@Example.se"),
                                              contact_json("Z", "y@example.se")}}},
        errors);
    BOOST_TEST(english(errors, "name") == "A name is required.");
    BOOST_TEST(english(errors, "org_number") == "Not a valid organisationsnummer (NNNNNN-NNNN).");
    BOOST_TEST(english(errors, "kind").starts_with("Unknown kind"));
    BOOST_TEST(english(errors, "area") == "Area must be urban or rural.");
    BOOST_TEST(english(errors, "locality") == "Must be a string.");
    BOOST_TEST(english(errors, "agreement_joined_on") == "Not a real date.");
    BOOST_TEST(english(errors, "contacts[0].email") == "Not a valid e-mail address.");
    BOOST_TEST(english(errors, "contacts[1]") == "Must be an object.");
    BOOST_TEST(english(errors, "contacts[2].email") == "");
    BOOST_TEST(english(errors, "contacts[3].email") == "The same e-mail address is listed twice.");
}

BOOST_AUTO_TEST_CASE(contacts_must_be_a_list_of_at_most_fifty) {
    server::field_errors not_a_list;
    (void)read_organisation(json::object{{"name", "Ett"}, {"contacts", "asa@x.se"}}, not_a_list);
    BOOST_TEST(english(not_a_list, "contacts") == "Must be a list.");

    json::array many;
    for (int i = 0; i < 51; ++i) {
        std::string email = "k";  // appended, not "k" + …: GCC 12 warns falsely (-Wrestrict)
        email += std::to_string(i);
        email += "@x.se";
        many.push_back(contact_json("K", email));
    }
    server::field_errors too_many;
    auto const o = read_organisation(json::object{{"name", "Ett"}, {"contacts", many}}, too_many);
    BOOST_TEST(english(too_many, "contacts") == "At most 50 contacts.");
    BOOST_TEST(o.contacts.size() == 50u);  // the rest is not read
    BOOST_TEST(too_many.size() == 1u);
}

BOOST_AUTO_TEST_CASE(a_patch_holds_only_the_keys_sent_and_null_clears) {
    server::field_errors errors;
    auto const p = read_patch(json::object{{"area", "urban"}, {"locality", nullptr}}, errors);
    BOOST_TEST(errors.empty());
    BOOST_TEST(!p.name.has_value());
    BOOST_TEST(!p.org_number.has_value());
    BOOST_TEST(!p.kind.has_value());
    BOOST_TEST(p.area.value() == "urban");
    BOOST_TEST(p.locality.value().empty());  // given as null: cleared
    BOOST_TEST(!p.contacts.has_value());     // not sent: kept

    auto const cleared = read_patch(json::object{{"contacts", nullptr}}, errors);
    BOOST_TEST(cleared.contacts.value().empty());  // null: no contacts
    auto const named = read_patch(json::object{{"name", ""}}, errors);
    BOOST_TEST(english(errors, "name") == "A name is required.");  // a name cannot be cleared
    BOOST_TEST(named.name.value().empty());
}

BOOST_AUTO_TEST_SUITE_END()

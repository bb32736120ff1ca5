// Registration input rules without I/O: the organisationsnummer check digit, field paths
// and languages of the messages, CSV cells that cannot run as formulas.
#include "modules/core/csv_writer.hpp"
#include "modules/core/form_input.hpp"
#include "modules/core/messages.hpp"
#include "modules/core/org_number.hpp"
#include "modules/registrations/manage_token.hpp"
#include "modules/registrations/registration_csv.hpp"
#include "modules/registrations/registration_input.hpp"

#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>

#include <set>

using namespace samverkan::registrations;

namespace {

raw_registration valid_raw() {
    raw_registration raw;
    raw.contact_name = "Anna";
    raw.contact_email = "anna@example.test";
    raw_attendee a;
    a.name = "Anna";
    raw.attendees.push_back(a);
    raw.consent = true;
    return raw;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(registrations_input)

BOOST_AUTO_TEST_CASE(org_numbers_need_ten_digits_and_a_correct_luhn_check_digit) {
    BOOST_TEST(samverkan::core::normalise_org_number("802400-1235") == "802400-1235");
    BOOST_TEST(samverkan::core::normalise_org_number("8024001235") == "802400-1235");
    BOOST_TEST(samverkan::core::normalise_org_number("556036-0793") == "556036-0793");
    BOOST_TEST(samverkan::core::normalise_org_number("802400-1234").empty());  // wrong check digit
    BOOST_TEST(
        samverkan::core::normalise_org_number("80240-01235").empty());  // dash in the wrong place
    BOOST_TEST(samverkan::core::normalise_org_number("802400-123").empty());
    BOOST_TEST(samverkan::core::normalise_org_number("80240a-1235").empty());
}

BOOST_AUTO_TEST_CASE(a_valid_registration_has_no_problems) {
    samverkan::server::field_errors errors;
    auto const in = validate_registration(valid_raw(), errors);
    BOOST_TEST(errors.empty());
    BOOST_TEST(in.language == "sv");
    BOOST_TEST(in.attendees.at(0).affiliation == "civil_society");
}

BOOST_AUTO_TEST_CASE(problems_are_reported_per_field_path_in_either_language) {
    auto raw = valid_raw();
    raw.contact_email = "not-an-address";
    raw.attendees.push_back(raw_attendee{});
    raw.attendees[1].dietary = {"vegan", "chocolate"};
    raw.consent = false;
    samverkan::server::field_errors en;
    (void)validate_registration(raw, en);
    BOOST_TEST(en.count("contact.email") == 1u);
    BOOST_TEST(en.count("attendees[1].name") == 1u);
    BOOST_TEST(en.count("attendees[1].dietary") == 1u);
    BOOST_TEST(en.count("consent") == 1u);
    // The problems are catalogue messages, put into words in the reader's language.
    samverkan::core::message_catalogue const messages{SAMVERKAN_SOURCE_DIR "/web/messages"};
    auto const& email = en.at("contact.email");
    BOOST_TEST(email.keyed());
    BOOST_TEST(messages.say(samverkan::core::language::sv, email).find("giltig e-postadress") !=
               std::string::npos);
    BOOST_TEST(messages.say(samverkan::core::language::en, email) == "Not a valid e-mail address.");
}

BOOST_AUTO_TEST_CASE(blank_extra_fieldsets_of_the_form_are_left_out_but_not_in_the_api) {
    auto raw = valid_raw();
    raw.attendees.push_back(raw_attendee{});
    raw.form = true;
    samverkan::server::field_errors errors;
    auto const in = validate_registration(raw, errors);
    BOOST_TEST(errors.empty());
    BOOST_TEST(in.attendees.size() == 1u);
    raw.form = false;
    (void)validate_registration(raw, errors);
    BOOST_TEST(errors.count("attendees[1].name") == 1u);
}

BOOST_AUTO_TEST_CASE(the_form_and_the_json_body_are_read_alike) {
    auto const body = boost::json::parse(R"({"organisation": {"name": "Tosteberga Byalag"},
        "contact": {"name": "Anna", "email": "anna@example.test", "phone": "+46 70"},
        "attendees": [{"name": "Anna", "dietary": ["vegan", "nut_allergy"]},
                      {"name": "Bo", "accessibility": "hörslinga", "affiliation": "other"}],
        "consent": true, "language": "en"})")
                          .as_object();
    samverkan::core::form_input const form{
        "organisation.name=Tosteberga+Byalag&contact.name=Anna&contact.email=anna%40example.test"
        "&contact.phone=%2B46+70&attendees%5B0%5D.name=Anna&attendees%5B0%5D.dietary=vegan"
        "&attendees%5B0%5D.dietary=nut_allergy&attendees%5B1%5D.name=Bo"
        "&attendees%5B1%5D.accessibility=h%C3%B6rslinga&attendees%5B1%5D.affiliation=other"
        "&consent=yes&language=en"};
    auto const j = raw_from_json(body);
    auto const f = raw_from_form(form);
    BOOST_TEST(f.form);
    BOOST_TEST(!j.form);
    for (auto const* r : {&j, &f}) {
        BOOST_TEST(r->organisation_name == "Tosteberga Byalag");
        BOOST_TEST(r->contact_email == "anna@example.test");
        BOOST_TEST(r->contact_phone == "+46 70");
        BOOST_REQUIRE_EQUAL(r->attendees.size(), 2u);
        BOOST_TEST(r->attendees[0].dietary.size() == 2u);
        BOOST_TEST(r->attendees[1].accessibility == "hörslinga");
        BOOST_TEST(r->attendees[1].affiliation == "other");
        BOOST_TEST(r->consent);
        BOOST_TEST(r->language == "en");
    }
    samverkan::server::field_errors errors;
    (void)validate_registration(f, errors);
    BOOST_TEST(errors.empty());
}

BOOST_AUTO_TEST_CASE(wrong_json_types_are_a_bad_request) {
    auto const body = boost::json::parse(R"({"attendees": "Anna"})").as_object();
    BOOST_CHECK_THROW((void)raw_from_json(body), samverkan::server::api_error);
    auto const consent = boost::json::parse(R"({"consent": "yes"})").as_object();
    BOOST_CHECK_THROW((void)raw_from_json(consent), samverkan::server::api_error);
}

BOOST_AUTO_TEST_CASE(csv_cells_that_could_be_formulas_are_neutralised_and_quoted) {
    BOOST_TEST(samverkan::core::csv_cell("=HYPERLINK(\"x\")") == "\"'=HYPERLINK(\"\"x\"\")\"");
    BOOST_TEST(samverkan::core::csv_cell("+46 70 123") == "'+46 70 123");
    BOOST_TEST(samverkan::core::csv_cell("-1") == "'-1");
    BOOST_TEST(samverkan::core::csv_cell("@SUM(A1)") == "'@SUM(A1)");
    BOOST_TEST(samverkan::core::csv_cell("a;b") == "\"a;b\"");
    BOOST_TEST(samverkan::core::csv_cell("Ek, Gran och Tall") ==
               "\"Ek, Gran och Tall\"");  // a comma separates too
    BOOST_TEST(samverkan::core::csv_cell("Åsa Öberg") == "Åsa Öberg");
}

BOOST_AUTO_TEST_CASE(the_csv_starts_with_a_bom_and_has_one_row_per_attendee) {
    registration r;
    r.id = 7;
    r.contact_name = "=cmd";
    r.attendees.resize(2);
    r.attendees[0].name = "Ett";
    r.attendees[1].name = "Två";
    auto const csv = registrations_csv({r}, true);
    BOOST_TEST(csv.rfind("\xEF\xBB\xBF"
                         "Anmälan;",
                         0) == 0u);
    BOOST_TEST(std::count(csv.begin(), csv.end(), '\n') == 3);
    BOOST_TEST(csv.find(";'=cmd;") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(manage_tokens_are_256_bit_base64url_and_distinct) {
    std::set<std::string> seen;
    for (int i = 0; i < 100; ++i) {
        auto const token = new_manage_token();
        BOOST_TEST(looks_like_manage_token(token));
        seen.insert(token);
    }
    BOOST_TEST(seen.size() == 100u);
    BOOST_TEST(!looks_like_manage_token("short"));
    BOOST_TEST(!looks_like_manage_token(std::string(43, '/')));
}

BOOST_AUTO_TEST_SUITE_END()

// The organisation register's input without I/O: each field's one rule (used by the API,
// the staff form and the CSV import alike, and shown to give the same words in all three),
// the reader over the API's JSON (a new organisation, a PATCH) and over the staff form
// (its contact rows), with the words of every error in English and Swedish.
#include "modules/core/field_reader.hpp"
#include "modules/core/form_input.hpp"
#include "modules/core/messages.hpp"
#include "modules/organisations/organisation_import.hpp"
#include "modules/organisations/organisation_input.hpp"
#include "tests/support/catalogue.hpp"
#include "tests/support/form_encode.hpp"

#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>

using namespace samverkan;
using namespace samverkan::organisations;
namespace json = boost::json;

namespace {

using test::catalogue;

// A field's rule applied to `text`: the value it keeps and what it says, in both languages.
struct ruled {
    std::string value;
    std::string english;
    std::string swedish;

    [[nodiscard]] bool ok() const { return english.empty(); }
};

ruled rule(field f, std::string text) {
    auto const problem = check_field(f, text);
    if (!problem) return {text, "", ""};
    return {text, catalogue().say(core::language::en, *problem),
            catalogue().say(core::language::sv, *problem)};
}

std::string english(server::field_errors const& errors, std::string const& field) {
    return test::said(errors, field, core::language::en);
}

std::string swedish(server::field_errors const& errors, std::string const& field) {
    return test::said(errors, field, core::language::sv);
}

json::object contact_json(std::string const& name, std::string const& email) {
    return {{"name", name}, {"email", email}};
}

organisation from_json(json::object const& body, server::field_errors& errors) {
    core::field_reader in{body, errors};
    return read_organisation(in);
}

organisation_patch patch_from_json(json::object const& body, server::field_errors& errors) {
    core::field_reader in{body, errors};
    return read_patch(in);
}

using form_fields = std::vector<std::pair<std::string, std::string>>;

core::form_input form_of(form_fields const& fields) {
    return core::form_input{test::form_body(fields)};
}

// The staff form as the page posts it: every field, and the contact rows it shows.
organisation from_form(form_fields const& fields, server::field_errors& errors) {
    auto const form = form_of(fields);
    core::field_reader in{form, errors};
    return read_organisation(in);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(organisations_input)

BOOST_AUTO_TEST_CASE(names_are_trimmed_required_single_line_and_at_most_200_characters) {
    BOOST_TEST(rule(field::name, "  Åhus IF  ").value == "Åhus IF");
    BOOST_TEST(rule(field::name, "Åhus IF").ok());
    BOOST_TEST(rule(field::name, "   ").english == "A name is required.");
    BOOST_TEST(rule(field::name, "").swedish == "Skriv organisationens namn.");
    BOOST_TEST(rule(field::name, "Åhus\nIF").english ==
               "Contains characters that are not allowed.");
    BOOST_TEST(rule(field::name, "Åhus\tIF").swedish == "Innehåller tecken som inte är tillåtna.");
    std::string two_hundred;
    for (int i = 0; i < 200; ++i) two_hundred += "å";  // characters, not bytes
    BOOST_TEST(rule(field::name, two_hundred).ok());
    BOOST_TEST(rule(field::name, two_hundred + "a").english == "At most 200 characters.");
    BOOST_TEST(rule(field::name, two_hundred + "a").swedish == "Högst 200 tecken.");
}

BOOST_AUTO_TEST_CASE(optional_texts_have_their_own_limits) {
    BOOST_TEST(rule(field::locality, "").value.empty());
    BOOST_TEST(rule(field::locality, "").ok());
    BOOST_TEST(rule(field::locality, std::string(100, 'a')).ok());
    BOOST_TEST(rule(field::locality, std::string(101, 'a')).english == "At most 100 characters.");
    BOOST_TEST(rule(field::contact_phone, std::string(40, '1')).ok());
    BOOST_TEST(rule(field::contact_phone, std::string(41, '1')).swedish == "Högst 40 tecken.");
    BOOST_TEST(rule(field::contact_phone, "044\r\n").ok());  // trimmed: the break was outside
    BOOST_TEST(rule(field::contact_phone, "044\n13").english ==
               "Contains characters that are not allowed.");
    BOOST_TEST(rule(field::contact_name, "").ok());  // the address stands for a missing name
    BOOST_TEST(rule(field::contact_name, std::string(200, 'a')).ok());
    BOOST_TEST(rule(field::contact_name, std::string(201, 'a')).english ==
               "At most 200 characters.");
}

BOOST_AUTO_TEST_CASE(organisation_numbers_are_normalised_or_refused_and_may_be_left_out) {
    BOOST_TEST(rule(field::org_number, " 8024001235 ").value == "802400-1235");
    BOOST_TEST(rule(field::org_number, "802400-1235").value == "802400-1235");
    BOOST_TEST(rule(field::org_number, "").ok());
    BOOST_TEST(rule(field::org_number, "").value.empty());
    BOOST_TEST(rule(field::org_number, "802400-1234").english ==
               "Not a valid organisationsnummer (NNNNNN-NNNN).");
    BOOST_TEST(rule(field::org_number, "802400-1234").value == "802400-1234");  // as sent
    BOOST_TEST(rule(field::org_number, "12345")
                   .swedish.starts_with("Organisationsnumret är inte giltigt"));
}

BOOST_AUTO_TEST_CASE(kinds_take_the_codes_and_the_swedish_words) {
    BOOST_TEST(rule(field::kind, "").value == "association");  // the default
    BOOST_TEST(rule(field::kind, "study_association").value == "study_association");
    BOOST_TEST(rule(field::kind, " Förening ").value == "association");
    BOOST_TEST(rule(field::kind, "BYALAG").value == "village_association");
    BOOST_TEST(rule(field::kind, "bygderåd").value == "village_association");
    BOOST_TEST(rule(field::kind, "Ekonomisk förening").value == "cooperative");
    BOOST_TEST(rule(field::kind, "övrigt").value == "other");
    BOOST_TEST(rule(field::kind, "club").english.starts_with("Unknown kind: use association,"));
    BOOST_TEST(rule(field::kind, "klubb").swedish.starts_with("Okänd typ:"));
    for (auto const k : kinds()) BOOST_TEST(rule(field::kind, std::string{k}).value == k);
}

BOOST_AUTO_TEST_CASE(areas_are_urban_or_rural_in_either_language) {
    BOOST_TEST(rule(field::area, "Stad").value == "urban");
    BOOST_TEST(rule(field::area, "urban").value == "urban");
    BOOST_TEST(rule(field::area, " landsbygd ").value == "rural");
    BOOST_TEST(rule(field::area, "RURAL").value == "rural");
    BOOST_TEST(rule(field::area, "").ok());
    BOOST_TEST(rule(field::area, "city").english == "Area must be urban or rural.");
    BOOST_TEST(rule(field::area, "city").swedish == "Välj stad eller landsbygd.");
}

BOOST_AUTO_TEST_CASE(dates_must_be_real_calendar_days_written_yyyy_mm_dd) {
    auto const date = [](std::string text) {
        return rule(field::agreement_joined_on, std::move(text));
    };
    BOOST_TEST(date("2025-03-01").value == "2025-03-01");
    BOOST_TEST(date("2024-02-29").ok());  // a leap year
    BOOST_TEST(date("2000-02-29").ok());  // divisible by 400
    BOOST_TEST(date("1900-02-29").english == "Not a real date.");
    BOOST_TEST(date("2025-02-29").english == "Not a real date.");
    BOOST_TEST(date("2025-04-31").english == "Not a real date.");
    BOOST_TEST(date("2025-13-01").english == "Not a real date.");
    BOOST_TEST(date("2025-00-10").swedish == "Det datumet finns inte.");
    BOOST_TEST(date("1899-12-31").english == "Not a real date.");
    BOOST_TEST(date("01/03/2025").english == "Use a date like 2025-03-01.");
    BOOST_TEST(date("2025-3-1").swedish == "Skriv datumet som 2025-03-01.");
    BOOST_TEST(date("2025-0a-01").english == "Not a real date.");
    BOOST_TEST(date("2025--1-01").english == "Not a real date.");  // no signs in a date
    BOOST_TEST(date("").ok());
}

BOOST_AUTO_TEST_CASE(contact_addresses_are_required_and_plausible) {
    BOOST_TEST(rule(field::contact_email, " asa@byalag.example ").value == "asa@byalag.example");
    BOOST_TEST(rule(field::contact_email, "").english == "An e-mail address is required.");
    BOOST_TEST(rule(field::contact_email, "inte-en-adress").english ==
               "Not a valid e-mail address.");
    BOOST_TEST(rule(field::contact_email, "a@b").swedish == "E-postadressen är inte giltig.");
}

BOOST_AUTO_TEST_CASE(a_new_organisation_from_json_takes_every_field) {
    server::field_errors errors;
    auto const o = from_json(
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

    auto const minimal = from_json(json::object{{"name", "Ett"}}, errors);
    BOOST_TEST(errors.empty());
    BOOST_TEST(minimal.kind == "association");
    BOOST_TEST(minimal.contacts.empty());
}

BOOST_AUTO_TEST_CASE(every_problem_of_a_new_organisation_is_reported_by_field_at_once) {
    server::field_errors errors;
    (void)from_json(json::object{{"org_number", "802400-1234"},
                                 {"kind", "club"},
                                 {"area", "city"},
                                 {"agreement_joined_on", "2025-02-30"},
                                 {"contacts", json::array{contact_json("X", "not-an-address"),
                                                          contact_json("Y", "Y@Example.se"),
                                                          contact_json("Z", "y@example.se"),
                                                          json::object{{"email", "q@x.se"}}}}},
                    errors);
    BOOST_TEST(english(errors, "name") == "A name is required.");
    BOOST_TEST(english(errors, "org_number") == "Not a valid organisationsnummer (NNNNNN-NNNN).");
    BOOST_TEST(english(errors, "kind").starts_with("Unknown kind"));
    BOOST_TEST(english(errors, "area") == "Area must be urban or rural.");
    BOOST_TEST(english(errors, "agreement_joined_on") == "Not a real date.");
    BOOST_TEST(english(errors, "contacts[0].email") == "Not a valid e-mail address.");
    BOOST_TEST(english(errors, "contacts[1].email") == "");
    BOOST_TEST(english(errors, "contacts[2].email") == "The same e-mail address is listed twice.");
    BOOST_TEST(english(errors, "contacts[3].name") == "A name is required.");  // JSON: needed
    BOOST_TEST(errors.size() == 8u);
}

// API.md: a JSON value of the wrong type is a 400 at once, not a field problem.
BOOST_AUTO_TEST_CASE(a_json_value_of_the_wrong_type_is_a_bad_request) {
    auto const bad_request = [](json::object body) {
        server::field_errors errors;
        try {
            (void)from_json(body, errors);
        } catch (server::api_error const& e) {
            return e.kind() == server::error_kind::bad_request;
        }
        return false;
    };
    BOOST_TEST(bad_request({{"name", 7}}));
    BOOST_TEST(bad_request({{"name", "Ett"}, {"locality", 7}}));
    BOOST_TEST(bad_request({{"name", "Ett"}, {"contacts", "asa@x.se"}}));
    BOOST_TEST(bad_request({{"name", "Ett"}, {"contacts", json::array{5}}}));
    BOOST_TEST(!bad_request({{"name", "Ett"}, {"locality", nullptr}}));  // null: left out
}

BOOST_AUTO_TEST_CASE(contacts_must_be_a_list_of_at_most_fifty) {
    json::array many;
    for (int i = 0; i < 51; ++i) {
        std::string email = "k";  // appended, not "k" + …: GCC 12 warns falsely (-Wrestrict)
        email += std::to_string(i);
        email += "@x.se";
        many.push_back(contact_json("K", email));
    }
    server::field_errors too_many;
    auto const o = from_json(json::object{{"name", "Ett"}, {"contacts", many}}, too_many);
    BOOST_TEST(english(too_many, "contacts") == "At most 50 contacts.");
    BOOST_TEST(o.contacts.size() == 50u);  // the rest is not read
    BOOST_TEST(too_many.size() == 1u);
}

BOOST_AUTO_TEST_CASE(a_patch_holds_only_the_keys_sent_and_null_clears) {
    server::field_errors errors;
    auto const p = patch_from_json(json::object{{"area", "urban"}, {"locality", nullptr}}, errors);
    BOOST_TEST(errors.empty());
    BOOST_TEST(!p.name.has_value());
    BOOST_TEST(!p.org_number.has_value());
    BOOST_TEST(!p.kind.has_value());
    BOOST_TEST(p.area.value() == "urban");
    BOOST_TEST(p.locality.value().empty());  // given as null: cleared
    BOOST_TEST(!p.contacts.has_value());     // not sent: kept

    auto const cleared = patch_from_json(json::object{{"contacts", nullptr}}, errors);
    BOOST_TEST(cleared.contacts.value().empty());  // null: no contacts
    auto const named = patch_from_json(json::object{{"name", ""}}, errors);
    BOOST_TEST(english(errors, "name") == "A name is required.");  // a name cannot be cleared
    BOOST_TEST(named.name.value().empty());
}

BOOST_AUTO_TEST_CASE(the_staff_form_gives_every_field_and_its_contact_rows) {
    server::field_errors errors;
    auto const o = from_form({{"csrf_token", "x"},
                              {"name", " Åhus Hembygdsförening "},
                              {"org_number", "8024001235"},
                              {"kind", "foundation"},
                              {"locality", "Åhus"},
                              {"agreement_joined_on", ""},
                              {"contacts[0].name", "Åsa"},
                              {"contacts[0].email", "asa@hembygd.example"},
                              {"contacts[0].phone", "044-1"},
                              {"contacts[1].name", "Kvar utan adress"},
                              {"contacts[1].email", " "},
                              {"contacts[2].name", ""},
                              {"contacts[2].email", "bo@hembygd.example"},
                              {"contacts[3].name", ""},
                              {"contacts[3].email", ""}},
                             errors);
    BOOST_TEST(errors.empty());
    BOOST_TEST(o.name == "Åhus Hembygdsförening");
    BOOST_TEST(o.org_number == "802400-1235");
    BOOST_TEST(o.kind == "foundation");
    BOOST_TEST(o.area.empty());                  // no radio button chosen
    BOOST_REQUIRE_EQUAL(o.contacts.size(), 2u);  // a row without an address is no contact
    BOOST_TEST(o.contacts[0].phone == "044-1");
    BOOST_TEST(o.contacts[1].name == "bo@hembygd.example");  // the address stands in

    // A form gives every field: the patch it makes changes (or clears) all of them.
    auto const form = form_of({{"name", "Ett"}});
    server::field_errors none;
    core::field_reader in{form, none};
    auto const p = read_patch(in);
    BOOST_TEST((p.org_number && p.kind && p.area && p.locality && p.agreement_joined_on));
    BOOST_TEST(p.kind.value() == "association");
    BOOST_TEST(p.contacts.value().empty());
    BOOST_TEST(none.empty());
}

BOOST_AUTO_TEST_CASE(the_staff_form_reports_each_problem_at_its_row_in_swedish) {
    server::field_errors errors;
    auto const o = from_form({{"name", ""},
                              {"org_number", "12345"},
                              {"kind", "klubb"},
                              {"agreement_joined_on", "2025-02-30"},
                              {"contacts[0].name", ""},
                              {"contacts[0].email", ""},
                              {"contacts[1].name", "Åsa"},
                              {"contacts[1].email", "inte-en-adress"},
                              {"contacts[2].email", "ASA@x.se"},
                              {"contacts[2].phone", std::string(41, '1')},
                              {"contacts[3].email", "asa@x.se"}},
                             errors);
    BOOST_TEST(swedish(errors, "name") == "Skriv organisationens namn.");
    BOOST_TEST(swedish(errors, "org_number").starts_with("Organisationsnumret är inte giltigt"));
    BOOST_TEST(swedish(errors, "kind").starts_with("Okänd typ:"));
    BOOST_TEST(swedish(errors, "agreement_joined_on") == "Det datumet finns inte.");
    BOOST_TEST(swedish(errors, "contacts[1].email") == "E-postadressen är inte giltig.");
    BOOST_TEST(swedish(errors, "contacts[2].phone") == "Högst 40 tecken.");
    BOOST_TEST(swedish(errors, "contacts[3].email") == "Samma e-postadress står två gånger.");
    BOOST_TEST(errors.size() == 7u);
    BOOST_TEST(o.org_number == "12345");  // shown again as typed
    BOOST_TEST(o.contacts.size() == 3u);

    std::vector<std::pair<std::string, std::string>> rows{{"name", "Många"}};
    for (int i = 0; i < 53; ++i) {
        auto const row = "contacts[" + std::to_string(i) + "]";
        rows.emplace_back(row + ".name", "K");
        // Two rows left blank, as the page shows them, count for nothing.
        std::string email;  // appended: GCC 12 warns falsely (-Wrestrict) about "k" + …
        if (i >= 2) {
            email = "k";
            email += std::to_string(i);
            email += "@x.se";
        }
        rows.emplace_back(row + ".email", email);
    }
    server::field_errors too_many;
    auto const many = from_form(rows, too_many);
    BOOST_TEST(swedish(too_many, "contacts") == "Högst 50 kontaktpersoner.");
    BOOST_TEST(many.contacts.size() == 50u);
    rows.pop_back();
    rows.pop_back();
    server::field_errors fifty;
    BOOST_TEST(from_form(rows, fifty).contacts.size() == 50u);
    BOOST_TEST(fifty.empty());
}

// One rule per field: the same value is refused with the same words whether it comes in the
// API's JSON, the staff form or a line of the CSV import.
BOOST_AUTO_TEST_CASE(json_form_and_csv_apply_the_same_rule_to_each_field) {
    struct bad_value {
        std::string key;
        std::string text;
    };

    std::vector<bad_value> const cases{{"name", std::string(201, 'n')},
                                       {"name", "två\trader"},
                                       {"org_number", "802400-1234"},
                                       {"kind", "klubb"},
                                       {"area", "city"},
                                       {"locality", std::string(101, 'l')},
                                       {"agreement_joined_on", "2025-02-30"},
                                       {"agreement_joined_on", "1/3 2025"},
                                       {"email", "inte-en-adress"},
                                       {"phone", std::string(41, '1')},
                                       {"name", "a\x01"}};
    core::wording const english_words{catalogue(), core::language::en};
    for (auto const& c : cases) {
        bool const of_contact = c.key == "email" || c.key == "phone";
        // JSON: an organisation's field, or its one contact's.
        json::object body{{"name", "Ett"}};
        json::object person{{"name", "Åsa"}, {"email", "asa@x.se"}};
        (of_contact ? person : body)[c.key] = c.text;
        body["contacts"] = json::array{person};
        server::field_errors api;
        (void)from_json(body, api);
        auto const path = of_contact ? "contacts[0]." + c.key : c.key;
        // The form, and a CSV line whose columns are the fields (contact_… for a contact).
        form_fields fields{{"name", "Ett"}, {"contacts[0].email", "asa@x.se"}};
        std::erase_if(fields, [&](auto const& f) { return f.first == path; });
        fields.emplace_back(path, c.text);
        server::field_errors page;
        (void)from_form(fields, page);
        auto const column = of_contact ? "contact_" + c.key : c.key;
        auto const cell = "\"" + c.text + "\"";
        auto const csv = column == "name" ? "name\n" + cell + "\n"
                         : column == "contact_email"
                             ? "name;contact_email\nEtt;" + cell + "\n"
                             : "name;contact_email;" + column + "\nEtt;asa@x.se;" + cell + "\n";
        auto const rows = parse_import(csv);
        BOOST_REQUIRE_EQUAL(rows.size(), 1u);
        BOOST_REQUIRE(rows[0].error.has_value());
        BOOST_TEST(rows[0].column == column);
        auto const words = english(api, path);
        BOOST_TEST(!words.empty(), path);
        BOOST_TEST(english(page, path) == words, path);
        BOOST_TEST(english_words.say(*rows[0].error) == words, path);
        BOOST_TEST(api.size() == 1u, path);
        BOOST_TEST(page.size() == 1u, path);
    }
}

BOOST_AUTO_TEST_SUITE_END()

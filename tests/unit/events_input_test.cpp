// The events module's one input reader without I/O, through both kinds of body: the API's
// JSON (create and PATCH) and the staff page's form (Stockholm wall-clock times,
// checkboxes), the same rules for both, and the rules between fields, with the words each
// error is given in (English for the API, Swedish on pages).
#include "modules/core/field_reader.hpp"
#include "modules/core/form_input.hpp"
#include "modules/core/messages.hpp"
#include "modules/core/time.hpp"
#include "modules/events/event_input.hpp"
#include "tests/support/catalogue.hpp"
#include "tests/support/form_encode.hpp"

#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>

using namespace samverkan;
using events::event;
namespace json = boost::json;

namespace {

using test::catalogue;

// What the API says about a field (in English), or "" when it says nothing.
std::string english(server::field_errors const& errors, std::string const& field) {
    return test::said(errors, field, core::language::en);
}

// What the staff page says about a field (in Swedish).
std::string swedish(server::field_errors const& errors, std::string const& field) {
    return test::said(errors, field, core::language::sv);
}

long long at(std::string_view rfc3339) {
    return core::to_epoch(*core::parse_rfc3339(rfc3339));
}

json::object full_body() {
    return {{"kind", "theme_meeting"},
            {"title", "  Tematräff: demokrati  "},
            {"theme", "Demokrati"},
            {"description", "Första stycket.\n\nAndra stycket."},
            {"starts_at", "2031-05-01T17:00:00+02:00"},
            {"ends_at", "2031-05-01T19:30:00+02:00"},
            {"venue", "Rådhuset"},
            {"address", "Stora torg 1"},
            {"capacity", 60},
            {"max_per_organisation", 5},
            {"waitlist", false},
            {"food", true},
            {"registration_opens_at", "2031-04-01T08:00:00+02:00"},
            {"registration_closes_at", "2031-04-28T23:59:00+02:00"},
            {"priority_areas", json::array{"democracy", "participation", "democracy"}},
            {"status", "published"}};
}

// A form as the staff page posts it.
core::form_input form_of(std::vector<std::pair<std::string, std::string>> const& fields) {
    return core::form_input{test::form_body(fields)};
}

using form_fields = std::vector<std::pair<std::string, std::string>>;

// The reader over a JSON body, as the API's routes call it.
void from_json(json::object const& body, event& e, bool creating, server::field_errors& errors) {
    core::field_reader in{body, errors};
    events::read_event(in, e, creating);
}

// The same reader over a form, as the staff pages call it.
void from_form(form_fields const& fields, event& e, bool creating, server::field_errors& errors) {
    auto const form = form_of(fields);
    core::field_reader in{form, errors};
    events::read_event(in, e, creating);
}

form_fields full_form() {
    return {{"kind", "dialogue_conference"},
            {"title", " Dialogkonferensen 2031 "},
            {"theme", ""},
            {"description", "Rad ett\r\nRad två"},
            {"venue", "Kulturhuset"},
            {"address", ""},
            {"starts_at", "2031-02-06T09:00"},
            {"ends_at", "2031-02-06T16:00"},
            {"registration_opens_at", ""},
            {"registration_closes_at", "2031-02-01T23:59"},
            {"capacity", "200"},
            {"max_per_organisation", ""},
            {"waitlist", "yes"},
            {"priority_areas", "collaboration_learning"}};
}

}  // namespace

BOOST_AUTO_TEST_SUITE(events_input)

BOOST_AUTO_TEST_CASE(a_new_event_from_json_takes_every_field) {
    event e;
    server::field_errors errors;
    from_json(full_body(), e, true, errors);
    BOOST_TEST(errors.empty());
    BOOST_TEST(e.kind == "theme_meeting");
    BOOST_TEST(e.title == "Tematräff: demokrati");  // trimmed
    BOOST_TEST(e.description == "Första stycket.\n\nAndra stycket.");
    BOOST_TEST(e.starts_at == at("2031-05-01T15:00:00Z"));
    BOOST_TEST(e.ends_at == at("2031-05-01T17:30:00Z"));
    BOOST_TEST(e.capacity == 60);
    BOOST_TEST(e.max_per_organisation.value() == 5);
    BOOST_TEST(!e.waitlist);
    BOOST_TEST(e.food);
    BOOST_TEST(e.registration_opens_at.value() == at("2031-04-01T06:00:00Z"));
    BOOST_TEST(e.registration_closes_at.value() == at("2031-04-28T21:59:00Z"));
    std::vector<std::string> const areas{"democracy", "participation"};  // each once
    BOOST_TEST(e.priority_areas == areas, boost::test_tools::per_element());
    BOOST_TEST(e.status == "published");
}

BOOST_AUTO_TEST_CASE(a_new_event_needs_kind_title_capacity_and_both_times_all_reported_at_once) {
    event e;
    server::field_errors errors;
    from_json(json::object{{"theme", "x"}}, e, true, errors);
    for (auto const* field : {"kind", "title", "capacity", "starts_at", "ends_at"})
        BOOST_TEST(english(errors, field) == "Required.", field);
    BOOST_TEST(errors.size() == 5u);
    BOOST_TEST(e.waitlist);  // the defaults stay
    BOOST_TEST(!e.food);
}

BOOST_AUTO_TEST_CASE(invalid_json_values_are_field_errors_with_the_apis_words) {
    auto body = full_body();
    body["kind"] = "party";
    body["title"] = "";
    body["capacity"] = 0;
    body["starts_at"] = "tomorrow";
    body["ends_at"] = "2031-05-01T19:30:00";  // no offset
    body["max_per_organisation"] = 100001;
    body["priority_areas"] = json::array{"democracy", "sports"};
    body["status"] = "cancelled";
    event e;
    server::field_errors errors;
    from_json(body, e, true, errors);
    BOOST_TEST(english(errors, "kind") ==
               "Must be one of: dialogue_conference, theme_meeting, other.");
    BOOST_TEST(english(errors, "title") == "Required.");
    BOOST_TEST(english(errors, "capacity") == "Must be between 1 and 100000.");
    BOOST_TEST(english(errors, "starts_at") ==
               "Must be an RFC 3339 time with offset, e.g. 2026-06-13T17:00:00+02:00.");
    BOOST_TEST(english(errors, "ends_at") == english(errors, "starts_at"));
    BOOST_TEST(english(errors, "max_per_organisation") == "Must be between 1 and 100000.");
    BOOST_TEST(english(errors, "priority_areas") == "Unknown value 'sports'.");
    BOOST_TEST(english(errors, "status") == "Must be one of: draft, published.");
}

BOOST_AUTO_TEST_CASE(a_value_of_the_wrong_json_type_is_a_400_naming_the_field) {
    auto const bad_request = [](json::object const& body, std::string const& words) {
        event e;
        server::field_errors errors;
        try {
            from_json(body, e, false, errors);
        } catch (server::api_error const& error) {
            BOOST_TEST((error.kind() == server::error_kind::bad_request));
            BOOST_TEST(catalogue().say(core::language::en, error.text()) == words);
            return;
        }
        BOOST_ERROR("no 400 for " << json::serialize(body));
    };
    bad_request({{"theme", 5}}, "Field 'theme' must be a string or null.");
    bad_request({{"starts_at", 17}}, "Field 'starts_at' must be an RFC 3339 time string.");
    bad_request({{"registration_closes_at", true}},
                "Field 'registration_closes_at' must be an RFC 3339 time string.");
    bad_request({{"capacity", "ten"}}, "Field 'capacity' must be a whole number.");
    bad_request({{"waitlist", "yes"}}, "Field 'waitlist' must be true or false.");
    bad_request({{"priority_areas", "democracy"}},
                "Field 'priority_areas' must be an array of strings.");
}

BOOST_AUTO_TEST_CASE(a_patch_changes_only_what_it_sends_and_null_clears_an_optional_field) {
    event e;
    server::field_errors errors;
    from_json(full_body(), e, true, errors);
    auto const before = e;
    from_json(json::object{{"title", "Ny rubrik"},
                           {"theme", nullptr},
                           {"venue", ""},
                           {"max_per_organisation", nullptr},
                           {"registration_opens_at", nullptr}},
              e, false, errors);
    BOOST_TEST(errors.empty());
    BOOST_TEST(e.title == "Ny rubrik");
    BOOST_TEST(e.theme.empty());
    BOOST_TEST(e.venue.empty());
    BOOST_TEST(!e.max_per_organisation.has_value());
    BOOST_TEST(!e.registration_opens_at.has_value());
    BOOST_TEST((e.registration_closes_at == before.registration_closes_at));
    BOOST_TEST(e.starts_at == before.starts_at);
    BOOST_TEST(e.capacity == before.capacity);
    BOOST_TEST(e.kind == before.kind);
    BOOST_TEST(e.priority_areas == before.priority_areas, boost::test_tools::per_element());

    // A required field cannot be cleared.
    from_json(json::object{{"starts_at", nullptr}, {"capacity", nullptr}}, e, false, errors);
    BOOST_TEST(english(errors, "starts_at") == "Required.");
    BOOST_TEST(english(errors, "capacity") == "Required.");
    BOOST_TEST(e.starts_at == before.starts_at);
}

BOOST_AUTO_TEST_CASE(the_staff_form_replaces_every_field_with_stockholm_times) {
    event e;
    e.theme = "kept?";
    e.food = true;
    e.max_per_organisation = 3;
    e.status = "published";
    server::field_errors errors;
    auto fields = full_form();
    fields.emplace_back("status", "draft");  // the form has no status: publishing is an action
    from_form(fields, e, false, errors);
    BOOST_TEST(errors.empty());
    BOOST_TEST(e.kind == "dialogue_conference");
    BOOST_TEST(e.title == "Dialogkonferensen 2031");
    BOOST_TEST(e.theme.empty());  // every field is sent, so an empty one clears
    BOOST_TEST(e.description == "Rad ett\r\nRad två");
    BOOST_TEST(e.starts_at == at("2031-02-06T09:00:00+01:00"));  // winter time
    BOOST_TEST(e.ends_at == at("2031-02-06T16:00:00+01:00"));
    BOOST_TEST(!e.registration_opens_at.has_value());
    BOOST_TEST(e.registration_closes_at.value() == at("2031-02-01T23:59:00+01:00"));
    BOOST_TEST(e.capacity == 200);
    BOOST_TEST(!e.max_per_organisation.has_value());
    BOOST_TEST(e.waitlist);  // ticked
    BOOST_TEST(!e.food);     // not ticked
    std::vector<std::string> const areas{"collaboration_learning"};
    BOOST_TEST(e.priority_areas == areas, boost::test_tools::per_element());
    BOOST_TEST(e.status == "published");

    auto summer = full_form();
    summer[6].second = "2031-06-12T17:00";
    summer.emplace_back("priority_areas", "democracy");
    from_form(summer, e, false, errors);
    BOOST_TEST(e.starts_at == at("2031-06-12T17:00:00+02:00"));
    BOOST_TEST(e.priority_areas.size() == 2u);
    // Leaving every box unticked clears them: a form does not "keep" what it does not send.
    std::erase_if(
        summer, [](auto const& f) { return f.first == "priority_areas" || f.first == "waitlist"; });
    from_form(summer, e, false, errors);
    BOOST_TEST(e.priority_areas.empty());
    BOOST_TEST(!e.waitlist);
    BOOST_TEST(errors.empty());
}

BOOST_AUTO_TEST_CASE(the_staff_form_says_what_is_wrong_with_each_field_in_swedish) {
    auto fields = full_form();
    fields[0].second = "party";                          // kind
    fields[1].second = "   ";                            // title
    fields[4].second = std::string(301, 'a');            // venue
    fields[6].second = "1 maj kl 17";                    // starts_at
    fields[7].second = "";                               // ends_at
    fields[10].second = "0";                             // capacity
    fields[11].second = "tre";                           // max_per_organisation
    fields.emplace_back("theme", std::string{"a\x01"});  // a control character
    fields.emplace_back("priority_areas", "no_such_area");
    fields.erase(fields.begin() + 2);  // the first theme: the second counts
    event e;
    server::field_errors errors;
    from_form(fields, e, true, errors);
    BOOST_TEST(swedish(errors, "kind") == "Välj ett av alternativen.");
    BOOST_TEST(swedish(errors, "title") == "Fyll i det här fältet.");
    BOOST_TEST(swedish(errors, "venue") == "Högst 300 tecken.");
    BOOST_TEST(swedish(errors, "theme") == "Innehåller tecken som inte är tillåtna.");
    BOOST_TEST(swedish(errors, "starts_at") == "Ange datum och tid som ÅÅÅÅ-MM-DDTTT:MM.");
    BOOST_TEST(swedish(errors, "ends_at") == "Fyll i det här fältet.");
    BOOST_TEST(swedish(errors, "capacity") == "Skriv ett tal mellan 1 och 100000.");
    BOOST_TEST(swedish(errors, "max_per_organisation") == "Skriv ett heltal.");
    BOOST_TEST(swedish(errors, "priority_areas") == "Okänt värde.");
    BOOST_TEST(errors.size() == 9u);  // every problem at once
    BOOST_TEST(e.priority_areas.empty());

    // Editing an event needs its required fields just as creating one does.
    fields = full_form();
    fields[10].second = "";
    fields[1].second = "";
    server::field_errors missing;
    from_form(fields, e, false, missing);
    BOOST_TEST(swedish(missing, "capacity") == "Fyll i det här fältet.");
    BOOST_TEST(swedish(missing, "title") == "Fyll i det här fältet.");
    BOOST_TEST(missing.size() == 2u);
}

// One reader, one set of rules: the same wrong value is the same problem whether the API's
// JSON or the staff form sends it (only the times are written differently in each).
BOOST_AUTO_TEST_CASE(json_and_form_break_the_same_rules_with_the_same_words) {
    struct bad_value {
        char const* field;
        json::value in_json;
        std::string in_form;
        char const* english;
    };

    auto const x = [](std::size_t n) {
        return std::string(n, 'x');
    };
    std::vector<bad_value> const cases{
        {"kind", "party", "party", "Must be one of: dialogue_conference, theme_meeting, other."},
        {"title", "", " ", "Required."},
        {"title", json::string(x(201)), x(201), "At most 200 characters."},
        {"theme", "a\nb", "a\nb", "Contains characters that are not allowed."},
        {"description", json::string(x(10001)), x(10001), "At most 10000 characters."},
        {"address", json::string(x(301)), x(301), "At most 300 characters."},
        {"capacity", 0, "0", "Must be between 1 and 100000."},
        {"capacity", 100001, "100001", "Must be between 1 and 100000."},
        {"max_per_organisation", 0, "0", "Must be between 1 and 100000."},
        {"priority_areas", json::array{"sports"}, "sports", "Unknown value 'sports'."}};
    for (auto const& c : cases) {
        auto body = full_body();
        body[c.field] = c.in_json;
        auto fields = full_form();
        std::erase_if(fields, [&](auto const& f) { return f.first == c.field; });
        fields.emplace_back(c.field, c.in_form);
        event from_api, from_page;
        server::field_errors api_errors, page_errors;
        from_json(body, from_api, true, api_errors);
        from_form(fields, from_page, true, page_errors);
        BOOST_TEST(english(api_errors, c.field) == c.english, c.field);
        BOOST_TEST(english(page_errors, c.field) == c.english, c.field);
        BOOST_TEST(api_errors.size() == 1u, c.field);
        BOOST_TEST(page_errors.size() == 1u, c.field);
    }
    // A description keeps its paragraphs in both; a title may not have any.
    auto body = full_body();
    body["description"] = "Ett\n\nTvå";
    auto fields = full_form();
    fields[3].second = "Ett\r\n\r\nTvå";
    event from_api, from_page;
    server::field_errors none;
    from_json(body, from_api, true, none);
    from_form(fields, from_page, true, none);
    BOOST_TEST(none.empty());
    BOOST_TEST(from_page.description == "Ett\r\n\r\nTvå");
}

BOOST_AUTO_TEST_CASE(a_cancellation_reason_is_one_line_of_at_most_1000_characters_in_both) {
    auto const reason = [](auto const& body, std::string& said) {
        server::field_errors errors;
        core::field_reader in{body, errors};
        auto r = events::read_cancel_reason(in);
        said = test::said(errors, "reason", core::language::en);
        return r;
    };
    std::string said;
    BOOST_TEST(reason(json::object{{"reason", " Sjukdom "}}, said) == "Sjukdom");
    BOOST_TEST(said.empty());
    BOOST_TEST(reason(form_of({{"reason", " Sjukdom "}}), said) == "Sjukdom");
    BOOST_TEST(reason(json::object{}, said).empty());  // optional
    BOOST_TEST(said.empty());
    BOOST_TEST(reason(form_of({{"reason", std::string(1001, 'x')}}), said).empty());
    BOOST_TEST(said == "At most 1000 characters.");
    BOOST_TEST(reason(json::object{{"reason", std::string(1001, 'x')}}, said).empty());
    BOOST_TEST(said == "At most 1000 characters.");
    BOOST_TEST(reason(form_of({{"reason", "två\nrader"}}), said).empty());
    BOOST_TEST(said == "Contains characters that are not allowed.");
}

BOOST_AUTO_TEST_CASE(the_rules_between_fields_are_checked_together_in_both_languages) {
    event e;
    server::field_errors errors;
    from_json(full_body(), e, true, errors);
    events::check_event(e, errors);
    BOOST_TEST(errors.empty());  // a valid event breaks no rule

    e.ends_at = e.starts_at;
    e.registration_closes_at = e.starts_at + 60;
    e.registration_opens_at = e.starts_at + 120;
    e.capacity = 0;
    e.max_per_organisation = 0;
    events::check_event(e, errors);
    BOOST_TEST(english(errors, "ends_at") == "Must be after starts_at.");
    BOOST_TEST(swedish(errors, "ends_at") == "Sluttiden måste vara efter starttiden.");
    BOOST_TEST(english(errors, "registration_closes_at") == "Must not be after starts_at.");
    BOOST_TEST(english(errors, "registration_opens_at") ==
               "Must be before registration_closes_at.");  // the first rule broken stays
    BOOST_TEST(english(errors, "capacity") == "Must be at least 1.");
    BOOST_TEST(swedish(errors, "capacity") == "Minst 1 plats.");
    BOOST_TEST(english(errors, "max_per_organisation") == "Must be null or at least 1.");

    // Opening after the start with no closing time breaks the last window rule.
    event late = e;
    late.ends_at = late.starts_at + 3600;
    late.capacity = 10;
    late.max_per_organisation.reset();
    late.registration_closes_at.reset();
    server::field_errors late_errors;
    events::check_event(late, late_errors);
    BOOST_TEST(english(late_errors, "registration_opens_at") == "Must be before starts_at.");
    BOOST_TEST(swedish(late_errors, "registration_opens_at") ==
               "Anmälan måste öppna före starten.");
    BOOST_TEST(late_errors.size() == 1u);
}

BOOST_AUTO_TEST_SUITE_END()

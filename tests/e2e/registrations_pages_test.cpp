// The public pages without JavaScript: the form with errors next to fields and a summary
// on top that keeps what was typed, the honeypot, a double-clicked form registering once,
// and the manage pages behind the personal link.
#include "tests/e2e/registrations_fixture.hpp"
#include "tests/support/services.hpp"

using namespace samverkan;
using test::registration_server;

namespace {

using fields = std::vector<std::pair<std::string, std::string>>;

std::string form_token(std::string const& html) {
    auto const marker = std::string{"name=\"form_token\" value=\""};
    auto const start = html.find(marker) + marker.size();
    return html.substr(start, html.find('"', start) - start);
}

fields filled(std::string const& token) {
    return {{"form_token", token},
            {"attendee_count", "1"},
            {"organisation.name", "Tosteberga Byalag"},
            {"contact.name", "Anna Andersson"},
            {"contact.email", "anna@example.test"},
            {"attendees[0].name", "Anna Andersson"},
            {"attendees[0].affiliation", "civil_society"},
            {"attendees[0].dietary", "vegetarian"},
            {"consent", "yes"},
            {"website", ""},
            {"action", "register"}};
}

std::string manage_path(test::http_result const& redirect) {
    auto const location = redirect.header("location");
    return location.substr(0, location.find('?'));
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(registrations_pages, registration_server,
                         *test::needs("SAMVERKAN_TEST_DATABASE_URL"))

BOOST_AUTO_TEST_CASE(the_start_page_and_the_event_page_show_what_a_participant_needs) {
    auto const event = add_event("theme = 'psykisk hälsa', registration_closes_at = starts_at");
    auto const start = client.get("/");
    BOOST_TEST(start.body.find("/events/" + std::to_string(event)) != std::string::npos);
    BOOST_TEST(start.body.find("10 platser kvar") != std::string::npos);
    auto const page = client.get("/events/" + std::to_string(event));
    BOOST_TEST(page.status == 200u);
    for (auto const* text :
         {"Rådhuset", "psykisk hälsa", "Mat serveras", "Sista anmälningsdag", "allmän handling",
          "for=\"f-contact-email\"", "name=\"consent\"", "name=\"website\"", "novalidate"})
        BOOST_TEST(page.body.find(text) != std::string::npos, text);
    BOOST_TEST(client.get("/events/999999").status == 404u);
}

BOOST_AUTO_TEST_CASE(
    a_form_with_errors_comes_back_with_a_summary_errors_at_fields_and_what_was_typed) {
    auto const event = add_event();
    auto const path = "/events/" + std::to_string(event);
    auto form = filled(form_token(client.get(path).body));
    form[4].second = "anna-at-example";  // contact.email
    form[8] = {"not-consent", ""};
    auto const r = client.post_form(path, form);
    BOOST_TEST(r.status == 422u);
    auto const& html = r.body;
    BOOST_TEST(html.find("class=\"error-summary\"") != std::string::npos);
    BOOST_TEST(html.find("href=\"#f-contact-email\"") != std::string::npos);
    BOOST_TEST(html.find("href=\"#f-consent\"") != std::string::npos);
    BOOST_TEST(html.find("aria-describedby=\"f-contact-email-hint f-contact-email-error\"") !=
               std::string::npos);
    BOOST_TEST(html.find("id=\"f-contact-email-error\"") != std::string::npos);
    BOOST_TEST(html.find("value=\"anna-at-example\"") != std::string::npos);
    BOOST_TEST(html.find("value=\"Tosteberga Byalag\"") != std::string::npos);
    BOOST_TEST(html.find("value=\"vegetarian\" checked") != std::string::npos);
    BOOST_TEST(count("select count(*) from registrations") == 0);
}

BOOST_AUTO_TEST_CASE(attendees_are_added_without_javascript_and_keep_what_was_typed) {
    auto const event = add_event();
    auto const path = "/events/" + std::to_string(event);
    auto form = filled(form_token(client.get(path).body));
    form.back() = {"action", "add"};
    auto const r = client.post_form(path, form);
    BOOST_TEST(r.status == 200u);
    BOOST_TEST(r.body.find("name=\"attendees[1].name\"") != std::string::npos);
    BOOST_TEST(r.body.find("value=\"Anna Andersson\"") != std::string::npos);
    BOOST_TEST(r.body.find("name=\"attendee_count\" value=\"2\"") != std::string::npos);
    BOOST_TEST(count("select count(*) from registrations") == 0);
}

BOOST_AUTO_TEST_CASE(a_filled_honeypot_registers_nothing) {
    auto const event = add_event();
    auto const path = "/events/" + std::to_string(event);
    auto form = filled(form_token(client.get(path).body));
    form[9].second = "http://spam.example";
    BOOST_TEST(client.post_form(path, form).status == 400u);
    BOOST_TEST(count("select count(*) from registrations") == 0);
}

BOOST_AUTO_TEST_CASE(a_double_clicked_form_registers_once_and_leads_to_the_manage_page) {
    auto const event = add_event();
    auto const path = "/events/" + std::to_string(event);
    auto const form = filled(form_token(client.get(path).body));
    auto const first = client.post_form(path, form);
    auto const second = client.post_form(path, form);
    BOOST_TEST(first.status == 303u);
    BOOST_TEST(second.header("location") == first.header("location"));
    BOOST_TEST(count("select count(*) from registrations") == 1);
    auto const manage = client.get(first.header("location"));
    BOOST_TEST(manage.status == 200u);
    BOOST_TEST(manage.header("referrer-policy") == "no-referrer");
    BOOST_TEST(manage.body.find("Tack! Anmälan är klar") != std::string::npos);
    BOOST_TEST(manage.body.find("Har plats") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(the_manage_pages_change_and_cancel_a_registration) {
    auto const event = add_event();
    auto const path = "/events/" + std::to_string(event);
    auto const created = client.post_form(path, filled(form_token(client.get(path).body)));
    auto const manage = manage_path(created);
    auto const attendee = count("select max(id) from attendees");
    auto const saved = client.post_form(manage, {{"attendee_count", "2"},
                                                 {"contact.name", "Anna A"},
                                                 {"contact.email", "anna@example.test"},
                                                 {"attendees[0].id", std::to_string(attendee)},
                                                 {"attendees[0].name", "Anna Ändrad"},
                                                 {"attendees[0].affiliation", "civil_society"},
                                                 {"attendees[1].name", ""}});
    BOOST_TEST(saved.status == 303u);
    BOOST_TEST(saved.header("location").find("klart=sparad") != std::string::npos);
    BOOST_TEST(client.get(manage).body.find("Anna Ändrad") != std::string::npos);
    auto const invalid = client.post_form(manage, {{"attendee_count", "1"},
                                                   {"contact.name", ""},
                                                   {"contact.email", "anna@example.test"},
                                                   {"attendees[0].id", std::to_string(attendee)},
                                                   {"attendees[0].name", "Anna"}});
    BOOST_TEST(invalid.status == 422u);
    BOOST_TEST(invalid.body.find("href=\"#f-contact-name\"") != std::string::npos);
    BOOST_TEST(client.get(manage + "/avboka").status == 200u);
    auto const cancelled = client.post_form(manage + "/avboka", {});
    BOOST_TEST(cancelled.status == 303u);
    BOOST_TEST(count("select count(*) from registrations where cancelled_at is not null") == 1);
    BOOST_TEST(client.get(manage).body.find("Anmälan är avbokad") != std::string::npos);
    BOOST_TEST(client.get("/r/" + std::string(43, 'x')).status == 404u);
}

BOOST_AUTO_TEST_CASE(the_cached_event_page_gives_each_visitor_a_new_form_token_and_current_seats) {
    auto const event = add_event("capacity = 2");
    auto const path = "/events/" + std::to_string(event);
    auto const first = client.get(path).body;
    auto const second = client.get(path).body;
    BOOST_TEST(form_token(first) != form_token(second));
    BOOST_TEST(form_token(first).size() == 43u);
    BOOST_TEST(first.find("2 platser kvar") != std::string::npos);
    BOOST_TEST(post_registration(event, registration("a@example.test")).status == 201u);
    BOOST_TEST(client.get(path).body.find("1 plats kvar") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(an_invitation_link_fills_in_the_form_and_is_kept_with_the_registration) {
    auto const event = add_event();
    database.execute("insert into organisations (name) values ('Tosteberga Byalag')");
    database.execute(
        "insert into invitations (event_id, organisation_id, email, name, token_hash)"
        " values (" +
        std::to_string(event) +
        ", 1, 'bo@example.test', 'Bo Ek',"
        " sha256(convert_to('inbjudan-123', 'UTF8')))");
    auto const path = "/events/" + std::to_string(event);
    auto const page = client.get(path + "/register?invitation=inbjudan-123");
    BOOST_TEST(page.status == 200u);
    BOOST_TEST(page.body.find("value=\"Bo Ek\"") != std::string::npos);
    BOOST_TEST(page.body.find("value=\"Tosteberga Byalag\"") != std::string::npos);
    BOOST_TEST(page.body.find("name=\"invitation\" value=\"inbjudan-123\"") != std::string::npos);
    BOOST_TEST(client.get(path + "/register?invitation=wrong").body.find("Bo Ek") ==
               std::string::npos);
    auto form = filled(form_token(page.body));
    form.emplace_back("invitation", "inbjudan-123");
    BOOST_TEST(client.post_form(path, form).status == 303u);
    BOOST_TEST(count("select count(*) from registrations where invitation_id = 1") == 1);
}

BOOST_AUTO_TEST_SUITE_END()

// The staff pages for events and their registrations, without JavaScript: the list, a new
// event from the form (with every error at once), editing, publishing, copying and
// cancelling (first a page that says how many it mails), the event's page with confirmed,
// waiting (in order) and cancelled, and the navigation every staff page shows by role.
#include "tests/e2e/registrations_fixture.hpp"
#include "tests/support/services.hpp"

using namespace samverkan;
using test::registration_server;

namespace {

using form = std::vector<std::pair<std::string, std::string>>;

form event_form(std::string const& csrf, std::string const& title, std::string const& ends) {
    return {{"csrf_token", csrf},
            {"kind", "theme_meeting"},
            {"title", title},
            {"starts_at", "2031-05-01T17:00"},
            {"ends_at", ends},
            {"capacity", "1"},
            {"waitlist", "yes"},
            {"food", "yes"},
            {"priority_areas", "democracy"}};
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(events_staff_pages, registration_server,
                         *test::needs("SAMVERKAN_TEST_DATABASE_URL"))

BOOST_AUTO_TEST_CASE(an_organiser_creates_publishes_copies_and_cancels_an_event_on_pages) {
    auto const csrf = login_as("organiser");
    auto const invalid =
        client.post_form("/staff/events/new", event_form(csrf, "", "2031-05-01T16:00"));
    BOOST_TEST(invalid.status == 422u);
    BOOST_TEST(invalid.body.find("href=\"#f-title\"") != std::string::npos);
    BOOST_TEST(invalid.body.find("href=\"#f-ends_at\"") != std::string::npos);
    auto const created =
        client.post_form("/staff/events/new", event_form(csrf, "Vårträff", "2031-05-01T19:30"));
    BOOST_TEST(created.status == 303u);
    auto const page = created.header("location");
    auto const id = page.substr(page.rfind('/') + 1);
    BOOST_TEST(text("select status from events where id = " + id) == "draft");
    BOOST_TEST(text("select samverkan_rfc3339(starts_at) from events where id = " + id) ==
               "2031-05-01T17:00:00+02:00");
    BOOST_TEST(client.post_form(page + "/publish", {{"csrf_token", csrf}}).status == 303u);
    BOOST_TEST(text("select status from events where id = " + id) == "published");
    BOOST_TEST(client.post_form(page + "/publish", {}).status == 403u);  // no CSRF token
    BOOST_TEST(client.get("/staff/events").body.find("Vårträff") != std::string::npos);

    post_registration(std::stoll(id), registration("first@example.test"));
    post_registration(std::stoll(id), registration("second@example.test"));
    post_registration(std::stoll(id), registration("third@example.test"));
    auto const staff = client.get(page).body;
    auto const second = staff.find("Kontakt &lt;second@example.test&gt;");
    auto const third = staff.find("Kontakt &lt;third@example.test&gt;");
    BOOST_TEST(staff.find("Väntelista i turordning (2)") != std::string::npos);
    BOOST_TEST((second != std::string::npos && third != std::string::npos && second < third));
    BOOST_TEST(client.get(page + "?q=third").body.find("first@example.test") == std::string::npos);

    auto const copied = client.post_form(page + "/copy", {{"csrf_token", csrf}});
    BOOST_TEST(copied.status == 303u);
    BOOST_TEST(client.get(copied.header("location")).body.find("value=\"Vårträff\"") !=
               std::string::npos);
    auto const edited =
        client.post_form(page + "/edit", event_form(csrf, "Vårträff", "2031-05-01T20:00"));
    BOOST_TEST(edited.status == 303u);
    BOOST_TEST(text("select status from events where id = " + id) == "published");
    auto const cancelled =
        client.post_form(page + "/cancel", {{"csrf_token", csrf}, {"reason", "Sjukdom"}});
    BOOST_TEST(cancelled.status == 303u);
    BOOST_TEST(count("select count(*) from outbox where template = 'event_cancelled'") == 3);
}

BOOST_AUTO_TEST_CASE(cancelling_first_says_how_many_it_mails_counted_as_mail_counts_them) {
    auto const csrf = login_as("organiser");
    auto const event = add_event();
    auto const page = "/staff/events/" + std::to_string(event);
    auto const cancel_page = [&] {
        return client.get(page + "/cancel");
    };
    BOOST_TEST(cancel_page().body.find("Ingen är anmäld, så ingen e-post skickas.") !=
               std::string::npos);

    // Who is told: each active registration's contact, and attendees with an own address
    // that is not the contact's; not a cancelled registration, not a cancelled attendee.
    post_registration(event, registration("first@example.test"));
    BOOST_TEST(cancel_page().body.find("Avbokningen skickas till 1 person.") != std::string::npos);
    auto family = registration("family@example.test", 4);
    auto& people = family["attendees"].as_array();
    people[0].as_object()["email"] = "own@example.test";        // told
    people[1].as_object()["email"] = "FAMILY@example.test";     // the contact's: told once
    people[2].as_object()["email"] = "cancelled@example.test";  // cancelled below
    auto const made = post_registration(event, family);
    BOOST_REQUIRE_EQUAL(made.status, 201u);
    auto const third = made.json().at("attendees").as_array().at(2).at("id").as_int64();
    auto const token = token_of(made);
    BOOST_TEST(client
                   .request("DELETE", "/api/v1/registrations/" + token + "/attendees/" +
                                          std::to_string(third))
                   .status == 200u);
    auto gone = registration("gone@example.test");
    gone["attendees"].as_array()[0].as_object()["email"] = "gone-too@example.test";
    auto const cancelled_registration = post_registration(event, gone);
    BOOST_TEST(client
                   .request("POST",
                            "/api/v1/registrations/" + token_of(cancelled_registration) + "/cancel")
                   .status == 200u);

    auto const shown = cancel_page();
    BOOST_REQUIRE_EQUAL(shown.status, 200u);
    for (auto const* text :
         {"Avbokningen skickas till 3 personer", "Ja, ställ in träffen och meddela 3 personer",
          "Det går inte att ångra.", "name=\"csrf_token\"", "name=\"reason\"",
          "Nej, tillbaka till träffen", "Tematräff: psykisk hälsa"})
        BOOST_TEST(shown.body.find(text) != std::string::npos, text);
    BOOST_TEST(count("select count(*) from outbox where template = 'event_cancelled'") == 0);
    BOOST_TEST(text("select status from events where id = " + std::to_string(event)) ==
               "published");  // showing the page changed nothing
    // The event's page leads there instead of cancelling at once.
    auto const event_page = client.get(page).body;
    BOOST_TEST(event_page.find("href=\"" + page + "/cancel\"") != std::string::npos);
    BOOST_TEST(event_page.find("name=\"reason\"") == std::string::npos);

    auto const too_long = client.post_form(
        page + "/cancel", {{"csrf_token", csrf}, {"reason", std::string(1001, 'x')}});
    BOOST_TEST(too_long.status == 422u);
    BOOST_TEST(too_long.body.find("Högst 1000 tecken") != std::string::npos);
    BOOST_TEST(too_long.body.find("Avbokningen skickas till 3 personer") != std::string::npos);
    BOOST_TEST(text("select status from events where id = " + std::to_string(event)) ==
               "published");

    auto const done =
        client.post_form(page + "/cancel", {{"csrf_token", csrf}, {"reason", "Lokalen brann"}});
    BOOST_TEST(done.status == 303u);
    BOOST_TEST(count("select count(*) from outbox where template = 'event_cancelled'") == 3);
    BOOST_TEST(count("select count(*) from outbox where template = 'event_cancelled' and"
                     " recipient_email in ('first@example.test', 'family@example.test',"
                     " 'own@example.test')") == 3);
    BOOST_TEST(text("select cancel_reason from events where id = " + std::to_string(event)) ==
               "Lokalen brann");
    BOOST_TEST(cancel_page().status == 303u);  // cancelled already: back to the event
    BOOST_TEST(client.post_form(page + "/cancel", {{"csrf_token", csrf}}).status == 409u);
}

BOOST_AUTO_TEST_CASE(the_steering_group_reads_but_cannot_change) {
    auto const event = add_event();
    (void)login_as("steering");
    BOOST_TEST(client.get("/staff/events").status == 200u);
    BOOST_TEST(client.get("/staff/events/" + std::to_string(event)).status == 200u);
    BOOST_TEST(client.get("/staff/events/new").status == 403u);
    BOOST_TEST(client.get("/staff/events/" + std::to_string(event) + "/cancel").status == 403u);
}

BOOST_AUTO_TEST_CASE(every_staff_page_links_the_areas_its_role_may_use) {
    auto const event = add_event();
    auto const nav = [&](std::string const& path) {
        auto const body = client.get(path).body;
        auto const start = body.find("<nav class=\"staff-nav\"");
        return start == std::string::npos ? std::string{}
                                          : body.substr(start, body.find("</nav>", start) - start);
    };
    auto const links = [&](std::string const& nav_html) {
        std::vector<std::string> out;
        for (auto at = nav_html.find("href=\""); at != std::string::npos;
             at = nav_html.find("href=\"", at + 1))
            out.push_back(nav_html.substr(at + 6, nav_html.find('"', at + 6) - at - 6));
        return out;
    };
    using list = std::vector<std::string>;
    (void)login_as("steering");
    auto const steering = nav("/staff/events/" + std::to_string(event));
    BOOST_TEST(links(steering) == (list{"/staff", "/staff/events", "/staff/reports",
                                        "/account/password", "/logout"}),
               boost::test_tools::per_element());
    BOOST_TEST(steering.find("href=\"/staff/events\" aria-current=\"true\"") != std::string::npos);
    (void)login_as("organiser");
    BOOST_TEST(links(nav("/staff/organisations")) ==
                   (list{"/staff", "/staff/events", "/staff/reports", "/staff/organisations",
                         "/account/password", "/logout"}),
               boost::test_tools::per_element());
    (void)login_as("admin");
    auto const admin = nav("/admin/outbox");
    BOOST_TEST(
        links(admin) == (list{"/staff", "/staff/events", "/staff/reports", "/staff/organisations",
                              "/admin/users", "/admin/outbox", "/admin/audit", "/admin/subjects",
                              "/account/password", "/logout"}),
        boost::test_tools::per_element());
    BOOST_TEST(admin.find("href=\"/admin/outbox\" aria-current=\"true\"") != std::string::npos);
    BOOST_TEST(nav("/staff").find("href=\"/staff\" aria-current=\"page\"") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()

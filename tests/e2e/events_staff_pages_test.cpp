// The staff pages for events and their registrations, without JavaScript: the list, a new
// event from the form (with every error at once), editing, publishing, copying and
// cancelling, and the event's page with confirmed, waiting (in order) and cancelled.
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

BOOST_AUTO_TEST_CASE(the_steering_group_reads_but_cannot_change) {
    auto const event = add_event();
    (void)login_as("steering");
    BOOST_TEST(client.get("/staff/events").status == 200u);
    BOOST_TEST(client.get("/staff/events/" + std::to_string(event)).status == 200u);
    BOOST_TEST(client.get("/staff/events/new").status == 403u);
}

BOOST_AUTO_TEST_SUITE_END()

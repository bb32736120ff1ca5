// The door's check-in page in headless Chromium (tests/browser/check_in.mjs) against the real
// server and PostgreSQL, on a phone viewport, with axe-core on every state: list, search,
// after a check-in, after an undo, an empty search, a walk-in over capacity, the printout, the
// paper list and the steering group's read-only view.
#include "tests/e2e/registrations_fixture.hpp"
#include "tests/support/browser_script.hpp"
#include "tests/support/services.hpp"

#include <cstdlib>

using namespace samverkan;

BOOST_AUTO_TEST_SUITE(check_in_browser, *test::needs("SAMVERKAN_TEST_CHROMIUM"))

BOOST_AUTO_TEST_CASE(an_organiser_checks_people_in_at_the_door_in_a_browser) {
    (void)test::service_env("SAMVERKAN_TEST_NODE_MODULES");
    test::registration_server app;
    auto const event = app.add_event("capacity = 3");
    auto a = app.registration("anna@example.test", 2);
    a["organisation"] = {{"name", "Tosteberga Byalag"}};
    a["attendees"].as_array()[0].as_object()["name"] = "Örjan Ek";
    a["attendees"].as_array()[1].as_object()["name"] = "Åsa Berg";
    BOOST_REQUIRE_EQUAL(app.post_registration(event, a).status, 201u);
    auto b = app.registration("bertil@example.test", 2);
    b["attendees"].as_array()[0].as_object()["name"] = "Cecilia Ahl";
    b["attendees"].as_array()[1].as_object()["name"] = "Dan Väntare";
    BOOST_REQUIRE_EQUAL(app.post_registration(event, b).status, 201u);
    auto const organiser = app.add_user("door@example.test", "organiser");
    auto const steering = app.add_user("styrgrupp@example.test", "steering");
    ::setenv("SAMVERKAN_CHECK_IN_EVENT", std::to_string(event).c_str(), 1);
    ::setenv("SAMVERKAN_CHECK_IN_ORGANISER", organiser.email.c_str(), 1);
    ::setenv("SAMVERKAN_CHECK_IN_STEERING", steering.email.c_str(), 1);
    ::setenv("SAMVERKAN_CHECK_IN_PASSWORD", organiser.password.c_str(), 1);
    BOOST_TEST(test::run_browser_script(
                   "check_in.mjs", "http://127.0.0.1:" + std::to_string(app.server.port())) == 0);
    // Örjan from the paper list, the walk-in at the door; Cecilia unticked on the paper.
    BOOST_TEST(app.count("select count(*) from attendees where attended") == 2);
    BOOST_TEST(app.count("select count(*) from attendees where attended and walk_in and"
                         " over_capacity and name = 'Gunnel Gående'") == 1);
    BOOST_TEST(app.count("select count(*) from attendees where attended and name = 'Örjan Ek'") ==
               1);
    BOOST_TEST(app.count("select count(*) from audit_log where action = 'attendee.check_in'") == 2);
    BOOST_TEST(
        app.count("select count(*) from audit_log where action = 'attendees.attendance_list'") ==
        1);
    BOOST_TEST(
        app.count("select count(*) from audit_log where action = 'attendee.check_in_undone'") == 1);
}

BOOST_AUTO_TEST_SUITE_END()

// The registration flow in headless Chromium (tests/browser/registration_flow.mjs) against
// the real server and PostgreSQL: form with errors, correction, confirmation, manage link,
// cancellation, and axe-core on every page on the way.
#include "tests/support/browser_script.hpp"
#include "tests/support/server_process.hpp"
#include "tests/support/services.hpp"
#include "tests/support/test_database.hpp"

#include <boost/test/unit_test.hpp>

#include <cstdio>
#include <string>

using namespace samverkan;

BOOST_AUTO_TEST_SUITE(registrations_browser, *test::needs("SAMVERKAN_TEST_CHROMIUM"))

BOOST_AUTO_TEST_CASE(a_participant_registers_corrects_mistakes_and_cancels_in_a_browser) {
    (void)test::service_env("SAMVERKAN_TEST_NODE_MODULES");
    test::test_database database;
    database.execute(
        "insert into events (kind, title, theme, description, starts_at, ends_at, venue,"
        " address, capacity, food, registration_closes_at, priority_areas, status)"
        " select 'theme_meeting', 'Tematräff: psykisk hälsa', 'psykisk hälsa',"
        " 'Vi pratar om psykisk hälsa i föreningslivet.', t, t + interval '150 minutes',"
        " 'Rådhuset, Kaféet, våning 6', 'Stora torg, Kristianstad', 60, true,"
        " t - interval '7 days', '{participation}', 'published'"
        " from (select (date_trunc('day', now() at time zone 'Europe/Stockholm')"
        " + interval '30 days 17 hours') at time zone 'Europe/Stockholm' as t) s");
    test::server_process server{database.url(), {{"--registration-rate-limit", "0"}}};
    BOOST_TEST(test::run_browser_script("registration_flow.mjs",
                                        "http://127.0.0.1:" + std::to_string(server.port())) == 0);
    BOOST_TEST(
        database.scalar("select count(*) from registrations where cancelled_at is not null") == 1);
    BOOST_TEST(database.scalar("select count(*) from outbox where template = 'cancelled'") == 1);
}

BOOST_AUTO_TEST_SUITE_END()

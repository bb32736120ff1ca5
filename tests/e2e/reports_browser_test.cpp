// The report page, its charts and the printable yearly report in headless Chromium
// (tests/browser/reports.mjs) over the hand-counted fixture, and the start page's year
// wheel by keyboard (tests/browser/year_wheel.mjs), axe-core on every state.
// Screenshots and the printout's PDF go to screenshots/<case>/ in the test's directory.
#include "tests/e2e/reports_fixture.hpp"
#include "tests/support/browser_script.hpp"
#include "tests/support/services.hpp"

#include <cstdlib>
#include <filesystem>

using namespace samverkan;

namespace {

void screenshots_into(std::string const& name) {
    auto const dir = std::filesystem::current_path() / "screenshots" / name;
    std::filesystem::create_directories(dir);
    ::setenv("SAMVERKAN_SCREENSHOT_DIR", dir.c_str(), 1);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(reports_browser, *test::needs("SAMVERKAN_TEST_CHROMIUM"))

BOOST_AUTO_TEST_CASE(the_steering_group_reads_the_report_and_prints_one_page_a_year) {
    (void)test::service_env("SAMVERKAN_TEST_NODE_MODULES");
    test::report_fixture app;
    auto const steering = app.add_user("styrgrupp@example.test", "steering");
    ::setenv("SAMVERKAN_REPORTS_STEERING", steering.email.c_str(), 1);
    ::setenv("SAMVERKAN_REPORTS_PASSWORD", steering.password.c_str(), 1);
    screenshots_into("reports");
    BOOST_TEST(test::run_browser_script(
                   "reports.mjs", "http://127.0.0.1:" + std::to_string(app.server.port())) == 0);
}

BOOST_AUTO_TEST_CASE(a_keyboard_reaches_a_meeting_through_the_year_wheel) {
    (void)test::service_env("SAMVERKAN_TEST_NODE_MODULES");
    test::test_database database;
    // Two meetings ahead (the wheel shows the year of the first) and one a while ago.
    for (auto const* at : {"20 days", "26 days", "-40 days"})
        database.execute(
            "insert into events (kind, title, theme, starts_at, ends_at, venue, capacity, status)"
            " select 'theme_meeting', 'Tematräff om ' || (now() + interval '" +
            std::string{at} +
            "')::date, 'delaktighet', t, t + interval '150 minutes', 'Rådhuset', 60,"
            " 'published' from (select date_trunc('day', now()) + interval '" +
            at + " 17 hours' as t) s");
    test::server_process server{database.url()};
    screenshots_into("year_wheel");
    BOOST_TEST(test::run_browser_script("year_wheel.mjs",
                                        "http://127.0.0.1:" + std::to_string(server.port())) == 0);
}

BOOST_AUTO_TEST_SUITE_END()

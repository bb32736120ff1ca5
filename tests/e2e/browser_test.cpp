// Runs the browser scripts of tests/browser/ (playwright-core driving Debian's Chromium,
// with axe-core) against the real server with seeded data.
#include "tests/support/browser_script.hpp"
#include "tests/support/server_process.hpp"
#include "tests/support/services.hpp"
#include "tests/support/test_database.hpp"

#include <boost/test/unit_test.hpp>

#include <cstdio>
#include <cstdlib>
#include <string>

using namespace samverkan;

BOOST_AUTO_TEST_SUITE(browser, *test::needs("SAMVERKAN_TEST_CHROMIUM"))

BOOST_AUTO_TEST_CASE(start_page_lists_events_and_passes_axe) {
    (void)test::service_env("SAMVERKAN_TEST_NODE_MODULES");
    test::test_database database;
    // 17:00–19:30 Stockholm time, a month ahead.
    database.execute(
        "insert into events (kind, title, theme, starts_at, ends_at, venue, capacity, status) "
        "select 'theme_meeting', 'Tematräff: samhälls- och föreningsengagemang', "
        "'samhälls- och föreningsengagemang', t, t + interval '150 minutes', "
        "'Rådhuset, Kaféet, våning 6', 60, 'published' from (select (date_trunc('day', now() at "
        "time "
        "zone 'Europe/Stockholm') + interval '30 days 17 hours') at time zone 'Europe/Stockholm' "
        "as t) s");
    test::server_process server{database.url()};
    auto const base = "http://127.0.0.1:" + std::to_string(server.port());
    BOOST_TEST(test::run_browser_script("start_page.mjs", base) == 0);
    // The same pages in English, and a registration made in English is an English one.
    BOOST_TEST(test::run_browser_script("english_pages.mjs", base) == 0);
    BOOST_TEST(database.scalar("select count(*) from registrations where language = 'en'") == 1);
    BOOST_TEST(database.scalar("select count(*) from outbox where language = 'en'"
                               " and template = 'confirmation'") == 1);
}

BOOST_AUTO_TEST_SUITE_END()

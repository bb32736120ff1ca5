// Runs the browser scripts of tests/browser/ (playwright-core driving Debian's Chromium,
// with axe-core) against the real server with seeded data.
#include "tests/support/server_process.hpp"
#include "tests/support/services.hpp"
#include "tests/support/test_database.hpp"

#include <boost/test/unit_test.hpp>

#include <cstdio>
#include <cstdlib>
#include <string>

using namespace samverkan;

namespace {

// Runs one script with node and returns its exit status; its output goes to the test log.
int run_script(std::string const& script, std::string const& base_url) {
    std::string const command = "node " + std::string{SAMVERKAN_SOURCE_DIR} + "/tests/browser/" +
                                script + " " + base_url + " 2>&1";
    std::FILE* pipe = ::popen(command.c_str(), "r");
    BOOST_TEST_REQUIRE(pipe != nullptr);
    std::string output;
    char chunk[4096];
    while (auto n = std::fread(chunk, 1, sizeof chunk, pipe)) output.append(chunk, n);
    int const status = ::pclose(pipe);
    BOOST_TEST_MESSAGE(script << ":\n" << output);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace

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
    BOOST_TEST(run_script("start_page.mjs", "http://127.0.0.1:" + std::to_string(server.port())) ==
               0);
}

BOOST_AUTO_TEST_SUITE_END()

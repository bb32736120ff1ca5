// The staff pages in headless Chromium with axe-core (tests/browser/auth_pages.mjs) against
// the real server, and a login form posted from another site (tests/browser/cross_site.mjs).
#include "tests/e2e/auth_fixture.hpp"
#include "tests/support/command.hpp"
#include "tests/support/services.hpp"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <sys/wait.h>

using namespace samverkan;

namespace {

// Runs tests/browser/<script> with the server's URL and an account; its exit status.
int run_with_account(std::string const& script, test::auth_server const& app,
                     test::staff_account const& who) {
    std::string const command = "node " + std::string{SAMVERKAN_SOURCE_DIR} + "/tests/browser/" +
                                script + " http://127.0.0.1:" + std::to_string(app.server.port()) +
                                " " + who.email + " '" + who.password + "' 2>&1";
    auto const run = test::run_command(command);
    BOOST_TEST_MESSAGE(script << ":\n" << run.output);
    return run.status;
}

// Screenshots go beside the test's other output unless the caller chose a place.
void choose_screenshot_dir() {
    auto const shots = std::filesystem::current_path() / "screenshots";
    std::filesystem::create_directories(shots);
    ::setenv("SAMVERKAN_SCREENSHOT_DIR", shots.c_str(), 0);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(auth_browser, *test::needs("SAMVERKAN_TEST_CHROMIUM"))

BOOST_AUTO_TEST_CASE(staff_pages_work_in_a_browser_and_pass_axe) {
    (void)test::service_env("SAMVERKAN_TEST_NODE_MODULES");
    test::auth_server app;
    auto const admin = app.add_user("admin@example.org", "admin");
    choose_screenshot_dir();
    BOOST_TEST(run_with_account("auth_pages.mjs", app, admin) == 0);
}

BOOST_AUTO_TEST_CASE(a_login_form_posted_from_another_site_is_refused_in_a_browser) {
    (void)test::service_env("SAMVERKAN_TEST_NODE_MODULES");
    test::auth_server app;
    auto const admin = app.add_user("admin@example.org", "admin");
    choose_screenshot_dir();
    BOOST_TEST(run_with_account("cross_site.mjs", app, admin) == 0);
    // Only the login from our own page opened a session.
    BOOST_TEST(app.database.scalar("select count(*) from audit_log where action = 'auth.login'") ==
               1);
}

BOOST_AUTO_TEST_SUITE_END()

// The staff pages in headless Chromium with axe-core (tests/browser/auth_pages.mjs) against
// the real server.
#include "tests/e2e/auth_fixture.hpp"
#include "tests/support/services.hpp"

#include <cstdio>
#include <sys/wait.h>

using namespace samverkan;

BOOST_AUTO_TEST_SUITE(auth_browser, *test::needs("SAMVERKAN_TEST_CHROMIUM"))

BOOST_AUTO_TEST_CASE(staff_pages_work_in_a_browser_and_pass_axe) {
    (void)test::service_env("SAMVERKAN_TEST_NODE_MODULES");
    test::auth_server app;
    auto const admin = app.add_user("admin@example.org", "admin");
    std::string const command =
        "node " + std::string{SAMVERKAN_SOURCE_DIR} +
        "/tests/browser/auth_pages.mjs http://127.0.0.1:" + std::to_string(app.server.port()) +
        " " + admin.email + " '" + admin.password + "' 2>&1";
    std::FILE* pipe = ::popen(command.c_str(), "r");
    BOOST_TEST_REQUIRE(pipe != nullptr);
    std::string output;
    char chunk[4096];
    while (auto n = std::fread(chunk, 1, sizeof chunk, pipe)) output.append(chunk, n);
    int const status = ::pclose(pipe);
    BOOST_TEST_MESSAGE("auth_pages.mjs:\n" << output);
    BOOST_TEST((WIFEXITED(status) && WEXITSTATUS(status) == 0));
}

BOOST_AUTO_TEST_SUITE_END()

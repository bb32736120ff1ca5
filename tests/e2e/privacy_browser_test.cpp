// The statements and the admin's subject page in headless Chromium with axe-core
// (tests/browser/privacy_pages.mjs) against the real server.
#include "tests/e2e/registrations_fixture.hpp"
#include "tests/support/browser_script.hpp"
#include "tests/support/services.hpp"

using namespace samverkan;

BOOST_AUTO_TEST_SUITE(privacy_browser, *test::needs("SAMVERKAN_TEST_CHROMIUM"))

BOOST_AUTO_TEST_CASE(statements_and_the_subject_page_pass_axe) {
    (void)test::service_env("SAMVERKAN_TEST_NODE_MODULES");
    test::registration_server app;
    auto const admin = app.add_user("admin@example.org", "admin");
    std::string const subject = "sigrid@subjekt.example";
    BOOST_REQUIRE_EQUAL(
        app.post_registration(app.add_event(), test::registration_server::registration(subject))
            .status,
        201u);
    auto const base = "http://127.0.0.1:" + std::to_string(app.server.port());
    BOOST_TEST(test::run_browser_script("privacy_pages.mjs", base,
                                        {admin.email, admin.password, subject}) == 0);
    BOOST_TEST(app.count("select count(*) from registrations where contact_email = '" + subject +
                         "'") == 0);
}

BOOST_AUTO_TEST_SUITE_END()

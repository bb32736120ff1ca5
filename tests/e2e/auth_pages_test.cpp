// The staff pages as a browser without JavaScript uses them: forms, 303 after success,
// Swedish errors that keep what was typed, and links by role.
#include "tests/e2e/auth_fixture.hpp"
#include "tests/support/services.hpp"

#include <regex>

using namespace samverkan;

namespace {

bool contains(std::string const& body, std::string const& text) {
    return body.find(text) != std::string::npos;
}

// The hidden csrf_token field of a page.
std::string form_token(std::string const& html) {
    std::smatch m;
    BOOST_REQUIRE(
        std::regex_search(html, m, std::regex{R"re(name="csrf_token" value="([^"]+)")re"}));
    return m[1];
}

struct pages_fixture : test::auth_server {
    test::staff_account admin = add_user("admin@example.org", "admin");
    test::http_client browser = this->test::auth_server::client();

    void log_in_with_the_form(test::staff_account const& who) {
        auto const r =
            browser.post_form("/login", {{"email", who.email}, {"password", who.password}});
        BOOST_REQUIRE_EQUAL(r.status, 303u);
        BOOST_TEST(r.header("location") == "/staff");
    }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(auth_pages, pages_fixture, *test::needs("SAMVERKAN_TEST_DATABASE_URL"))

BOOST_AUTO_TEST_CASE(login_page_explains_a_wrong_password_and_keeps_the_email) {
    auto const form = browser.get("/login");
    BOOST_TEST(form.status == 200u);
    BOOST_TEST(contains(form.body, "<label for=\"email\">E-postadress</label>"));
    BOOST_TEST(contains(form.body, "autocomplete=\"current-password\""));
    BOOST_TEST(!contains(form.body, "<script"));
    auto const wrong = browser.post_form(
        "/login", {{"email", "admin@example.org"}, {"password", "inte det rätta lösenordet"}});
    BOOST_TEST(wrong.status == 401u);
    BOOST_TEST(contains(wrong.body, "role=\"alert\""));
    BOOST_TEST(contains(wrong.body, "Fel e-postadress eller lösenord."));
    BOOST_TEST(contains(wrong.body, "value=\"admin@example.org\""));
    auto const empty = browser.post_form("/login", {{"email", ""}, {"password", ""}});
    BOOST_TEST(empty.status == 422u);
    BOOST_TEST(contains(empty.body, "Fyll i din e-postadress."));
    BOOST_TEST(contains(empty.body, "aria-invalid=\"true\""));
}

BOOST_AUTO_TEST_CASE(login_form_sets_the_session_and_only_redirects_within_the_site) {
    log_in_with_the_form(admin);
    auto const staff = browser.get("/staff");
    BOOST_TEST(staff.status == 200u);
    BOOST_TEST(contains(staff.body, "Välkommen, Test admin"));
    BOOST_TEST(contains(staff.body, "href=\"/admin/users\""));
    auto const next = browser.post_form(
        "/login", {{"email", admin.email}, {"password", admin.password}, {"next", "/admin/users"}});
    BOOST_TEST(next.header("location") == "/admin/users");
    for (auto const* evil : {"//evil.example/", "https://evil.example/", "/\\evil.example"}) {
        auto const r = browser.post_form(
            "/login", {{"email", admin.email}, {"password", admin.password}, {"next", evil}});
        BOOST_TEST(r.header("location") == "/staff");
    }
}

BOOST_AUTO_TEST_CASE(the_staff_page_shows_links_by_role) {
    log_in_with_the_form(add_user("styr@example.org", "steering"));
    auto const staff = browser.get("/staff");
    BOOST_TEST(staff.status == 200u);
    BOOST_TEST(contains(staff.body, "Styrgrupp"));
    BOOST_TEST(contains(staff.body, "href=\"/account/password\""));
    BOOST_TEST(!contains(staff.body, "href=\"/admin/users\""));
    BOOST_TEST(browser.get("/admin/users").status == 403u);
}

BOOST_AUTO_TEST_CASE(admin_adds_and_deactivates_users_with_forms) {
    log_in_with_the_form(admin);
    auto const page = browser.get("/admin/users");
    BOOST_TEST(page.status == 200u);
    auto const token = form_token(page.body);
    auto const bad = browser.post_form("/admin/users", {{"csrf_token", token},
                                                        {"name", "Eva Exempel"},
                                                        {"email", "eva@example"},
                                                        {"role", "organiser"},
                                                        {"password", "kort"}});
    BOOST_TEST(bad.status == 422u);
    BOOST_TEST(contains(bad.body, "Skriv en giltig e-postadress"));
    BOOST_TEST(contains(bad.body, "Lösenordet måste ha minst 12 tecken."));
    BOOST_TEST(contains(bad.body, "value=\"Eva Exempel\""));
    BOOST_TEST(contains(bad.body, "aria-describedby=\"role-organiser-hint\" checked"));
    auto const added =
        browser.post_form("/admin/users", {{"csrf_token", token},
                                           {"name", "Eva Exempel"},
                                           {"email", "eva@example.org"},
                                           {"role", "organiser"},
                                           {"password", "ett långt och bra lösenord"}});
    BOOST_TEST(added.status == 303u);
    BOOST_TEST(added.header("location") == "/admin/users?done=added");
    auto const eva_id = database.scalar("select id from users where email = 'eva@example.org'");
    auto const twice =
        browser.post_form("/admin/users", {{"csrf_token", token},
                                           {"name", "Eva Igen"},
                                           {"email", "EVA@example.org"},
                                           {"role", "steering"},
                                           {"password", "ett långt och bra lösenord"}});
    BOOST_TEST(twice.status == 409u);
    BOOST_TEST(contains(twice.body, "Det finns redan en användare med den e-postadressen."));
    auto const off = browser.post_form("/admin/users/" + std::to_string(eva_id) + "/deactivate",
                                       {{"csrf_token", token}});
    BOOST_TEST(off.status == 303u);
    BOOST_TEST(database.scalar("select count(*) from users where id = " + std::to_string(eva_id) +
                               " and not active") == 1);
    auto const self = browser.post_form("/admin/users/" + std::to_string(admin.id) + "/deactivate",
                                        {{"csrf_token", token}});
    BOOST_TEST(self.status == 409u);
    BOOST_TEST(contains(self.body, "Du kan inte stänga av ditt eget konto."));
}

BOOST_AUTO_TEST_CASE(admin_reactivates_users_and_sets_new_passwords_with_forms) {
    auto const eva = add_user("eva@example.org", "organiser");
    database.execute("update users set active = false where email = 'eva@example.org'");
    log_in_with_the_form(admin);
    auto const page = browser.get("/admin/users");
    auto const token = form_token(page.body);
    auto const base = "/admin/users/" + std::to_string(eva.id);
    BOOST_TEST(contains(page.body, "action=\"" + base + "/reactivate\""));
    BOOST_TEST(!contains(page.body, "href=\"" + base + "/password\""));  // not while switched off
    auto const on = browser.post_form(base + "/reactivate", {{"csrf_token", token}});
    BOOST_TEST(on.status == 303u);
    BOOST_TEST(on.header("location") == "/admin/users?done=reactivated");
    BOOST_TEST(contains(browser.get("/admin/users").body, "href=\"" + base + "/password\""));

    auto const form = browser.get(base + "/password");
    BOOST_TEST(form.status == 200u);
    BOOST_TEST(contains(form.body, "Nytt lösenord för Test organiser"));
    auto const differ =
        browser.post_form(base + "/password", {{"csrf_token", token},
                                               {"new_password", "ett helt nytt lösenord 2026"},
                                               {"new_password_repeat", "ett annat lösenord 2026"}});
    BOOST_TEST(differ.status == 422u);
    auto const weak = browser.post_form(
        base + "/password",
        {{"csrf_token", token}, {"new_password", "kort"}, {"new_password_repeat", "kort"}});
    BOOST_TEST(weak.status == 422u);
    BOOST_TEST(contains(weak.body, "Lösenordet måste ha minst 12 tecken."));
    // The form's own problem and the rules' come in one answer.
    auto const both = browser.post_form(
        base + "/password",
        {{"csrf_token", token}, {"new_password", "kort"}, {"new_password_repeat", "annat"}});
    BOOST_TEST(both.status == 422u);
    BOOST_TEST(contains(both.body, "Lösenordet måste ha minst 12 tecken."));
    BOOST_TEST(contains(both.body, "Lösenorden är inte likadana."));
    auto const saved = browser.post_form(base + "/password",
                                         {{"csrf_token", token},
                                          {"new_password", "ett helt nytt lösenord 2026"},
                                          {"new_password_repeat", "ett helt nytt lösenord 2026"}});
    BOOST_TEST(saved.status == 303u);
    BOOST_TEST(saved.header("location") == "/admin/users?done=password");
    auto eva_browser = this->test::auth_server::client();
    login(eva_browser, {eva.id, eva.email, "ett helt nytt lösenord 2026"});
}

BOOST_AUTO_TEST_CASE(password_form_changes_the_password_and_explains_mistakes) {
    log_in_with_the_form(admin);
    auto const token = form_token(browser.get("/account/password").body);
    auto const mismatch = browser.post_form("/account/password",
                                            {{"csrf_token", token},
                                             {"current_password", admin.password},
                                             {"new_password", "ett helt nytt lösenord"},
                                             {"new_password_repeat", "ett annat nytt lösenord"}});
    BOOST_TEST(mismatch.status == 422u);
    BOOST_TEST(contains(mismatch.body, "Lösenorden är inte likadana."));
    auto const wrong =
        browser.post_form("/account/password", {{"csrf_token", token},
                                                {"current_password", "inte det rätta lösenordet"},
                                                {"new_password", "ett helt nytt lösenord"},
                                                {"new_password_repeat", "ett helt nytt lösenord"}});
    BOOST_TEST(wrong.status == 422u);
    BOOST_TEST(contains(wrong.body, "Det nuvarande lösenordet stämmer inte."));
    auto const done =
        browser.post_form("/account/password", {{"csrf_token", token},
                                                {"current_password", admin.password},
                                                {"new_password", "ett helt nytt lösenord"},
                                                {"new_password_repeat", "ett helt nytt lösenord"}});
    BOOST_TEST(done.status == 303u);
    BOOST_TEST(done.header("location") == "/staff?done=password");
    auto const staff = browser.get("/staff?done=password");
    BOOST_TEST(staff.status == 200u);
    BOOST_TEST(contains(staff.body, "Ditt lösenord är bytt."));
    BOOST_TEST(form_token(staff.body) != token);  // a new session, a new CSRF token
}

BOOST_AUTO_TEST_CASE(the_login_page_explains_throttling) {
    for (int i = 0; i < 5; ++i)
        browser.post_form("/login", {{"email", admin.email}, {"password", "inte rätt lösenord"}});
    auto const refused =
        browser.post_form("/login", {{"email", admin.email}, {"password", admin.password}});
    BOOST_TEST(refused.status == 429u);
    BOOST_TEST(!refused.header("retry-after").empty());
    BOOST_TEST(contains(refused.body, "För många misslyckade inloggningar."));
}

BOOST_AUTO_TEST_SUITE_END()

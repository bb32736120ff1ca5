// Staff sessions over the real server and database: the cookie, fixation, logout, idle and
// absolute expiry, password changes, deactivation and CSRF.
#include "modules/auth/auth_crypto.hpp"
#include "tests/e2e/auth_fixture.hpp"
#include "tests/support/services.hpp"

#include <algorithm>
#include <thread>

using namespace samverkan;
using namespace std::chrono_literals;
namespace json = boost::json;

namespace {

bool has(std::vector<std::string> const& list, std::string const& item) {
    return std::find(list.begin(), list.end(), item) != list.end();
}

struct session_fixture : test::auth_server {
    test::staff_account admin = add_user("admin@example.org", "admin");
    test::http_client client = this->test::auth_server::client();
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(auth_sessions, session_fixture,
                         *test::needs("SAMVERKAN_TEST_DATABASE_URL"))

BOOST_AUTO_TEST_CASE(login_answers_user_and_csrf_token_and_sets_a_hardened_cookie) {
    auto const r = client.post_json(
        "/api/v1/auth/login",
        json::object{{"email", "ADMIN@example.org"}, {"password", test::good_password}});
    BOOST_REQUIRE_EQUAL(r.status, 200u);
    auto const body = r.json().as_object();
    BOOST_TEST(body.at("user").at("id").as_int64() == admin.id);
    BOOST_TEST(body.at("user").at("email").as_string() == "admin@example.org");
    BOOST_TEST(body.at("user").at("role").as_string() == "admin");
    BOOST_TEST(body.at("csrf_token").as_string().size() == 43u);
    auto const cookie = r.header("set-cookie");
    BOOST_TEST(cookie.rfind("samverkan_session=", 0) == 0u);
    auto const attributes = test::cookie_attributes(cookie);
    BOOST_TEST(has(attributes, "httponly"));
    BOOST_TEST(has(attributes, "samesite=lax"));
    BOOST_TEST(has(attributes, "path=/"));
    BOOST_TEST(!has(attributes, "secure"));  // served over plain http here
    auto const me = client.get("/api/v1/auth/me");
    BOOST_TEST(me.status == 200u);
    BOOST_TEST(me.json().at("csrf_token") == body.at("csrf_token"));
}

BOOST_AUTO_TEST_CASE(only_the_sha256_of_the_session_token_is_stored) {
    login(client, admin);
    auto const token = client.cookies().at("samverkan_session");
    BOOST_TEST(token.size() == 43u);  // 256 random bits, base64url
    BOOST_TEST(database.scalar("select count(*) from sessions where token_hash = decode('" +
                               auth::sha256_hex(token) + "', 'hex')") == 1);
    BOOST_TEST(database.scalar("select count(*) from sessions where position('" + token +
                               "' in csrf_token || encode(token_hash, 'escape')) > 0") == 0);
}

BOOST_AUTO_TEST_CASE(session_token_changes_at_login_so_a_planted_token_is_useless) {
    // An attacker plants a cookie before the victim logs in (session fixation).
    std::string const planted = auth::random_token();
    client.set_cookie("samverkan_session", planted);
    login(client, admin);
    auto const first = client.cookies().at("samverkan_session");
    BOOST_TEST(first != planted);
    auto attacker = this->test::auth_server::client();
    attacker.set_cookie("samverkan_session", planted);
    BOOST_TEST(attacker.get("/api/v1/auth/me").status == 401u);
    // Logging in again while logged in also issues a new token.
    login(client, admin);
    BOOST_TEST(client.cookies().at("samverkan_session") != first);
}

BOOST_AUTO_TEST_CASE(logout_ends_the_session_on_the_server) {
    auto const csrf = login(client, admin);
    auto const token = client.cookies().at("samverkan_session");
    auto const out =
        client.request("POST", "/api/v1/auth/logout", {}, {}, {{"X-CSRF-Token", csrf}});
    BOOST_TEST(out.status == 204u);
    BOOST_TEST(has(test::cookie_attributes(out.header("set-cookie")), "max-age=0"));
    // Replaying the old cookie does not work: the session is gone, not just the cookie.
    auto replay = this->test::auth_server::client();
    replay.set_cookie("samverkan_session", token);
    BOOST_TEST(replay.get("/api/v1/auth/me").status == 401u);
    BOOST_TEST(database.scalar("select count(*) from sessions") == 0);
}

BOOST_AUTO_TEST_CASE(unsafe_staff_requests_need_the_sessions_csrf_token) {
    auto const csrf = login(client, admin);
    auto const body = json::object{{"email", "new@example.org"},
                                   {"name", "Ny Person"},
                                   {"role", "steering"},
                                   {"password", "ett långt och bra lösenord"}};
    auto const missing = client.post_json("/api/v1/users", body);
    BOOST_TEST(missing.status == 403u);
    BOOST_TEST(missing.json().at("error").as_string() == "forbidden");
    auto const wrong =
        client.post_json("/api/v1/users", body, {{"X-CSRF-Token", auth::random_token()}});
    BOOST_TEST(wrong.status == 403u);
    // Another session's token is wrong for this session.
    auto other = this->test::auth_server::client();
    auto const other_csrf = login(other, admin);
    BOOST_TEST(client.post_json("/api/v1/users", body, {{"X-CSRF-Token", other_csrf}}).status ==
               403u);
    BOOST_TEST(database.scalar("select count(*) from users") == 1);
    BOOST_TEST(client.post_json("/api/v1/users", body, {{"X-CSRF-Token", csrf}}).status == 201u);
    // Forms carry it as a hidden field instead.
    BOOST_TEST(client.post_form("/logout", {{"csrf_token", "nope"}}).status == 403u);
    auto const form_out = client.post_form("/logout", {{"csrf_token", csrf}});
    BOOST_TEST(form_out.status == 303u);
    BOOST_TEST(form_out.header("location") == "/login?logged_out=1");
}

BOOST_AUTO_TEST_CASE(password_change_ends_every_session_and_opens_a_fresh_one) {
    auto const csrf = login(client, admin);
    auto const old_token = client.cookies().at("samverkan_session");
    auto elsewhere = this->test::auth_server::client();
    login(elsewhere, admin);
    std::string const replacement = "ett helt nytt lösenord 2026";
    auto const r = client.post_json(
        "/api/v1/auth/password",
        json::object{{"current_password", test::good_password}, {"new_password", replacement}},
        {{"X-CSRF-Token", csrf}});
    BOOST_REQUIRE_EQUAL(r.status, 200u);
    BOOST_TEST(client.cookies().at("samverkan_session") != old_token);
    BOOST_TEST(client.get("/api/v1/auth/me").status == 200u);
    BOOST_TEST(elsewhere.get("/api/v1/auth/me").status == 401u);
    auto replay = this->test::auth_server::client();
    replay.set_cookie("samverkan_session", old_token);
    BOOST_TEST(replay.get("/api/v1/auth/me").status == 401u);
    // The old password no longer works, the new one does.
    auto fresh = this->test::auth_server::client();
    BOOST_TEST(fresh
                   .post_json("/api/v1/auth/login", json::object{{"email", admin.email},
                                                                 {"password", test::good_password}})
                   .status == 401u);
    login(fresh, test::staff_account{admin.id, admin.email, replacement});
}

BOOST_AUTO_TEST_CASE(password_change_checks_the_current_password_and_the_rules) {
    auto const csrf = login(client, admin);
    auto change = [&](std::string const& current, std::string const& replacement) {
        return client.post_json(
            "/api/v1/auth/password",
            json::object{{"current_password", current}, {"new_password", replacement}},
            {{"X-CSRF-Token", csrf}});
    };
    auto const wrong = change("inte det rätta lösenordet", "ett helt nytt lösenord 2026");
    BOOST_TEST(wrong.status == 422u);
    BOOST_TEST(wrong.json().at("fields").as_object().contains("current_password"));
    auto const short_one = change(test::good_password, "kort");
    BOOST_TEST(short_one.status == 422u);
    BOOST_TEST(short_one.json().at("fields").at("new_password").as_string() ==
               "Must be at least 12 characters.");
    BOOST_TEST(change(test::good_password, "Password1234").status == 422u);
    auto const both = change("", "kort");  // every field's problem in one answer
    BOOST_TEST(both.status == 422u);
    BOOST_TEST(both.json().at("fields").at("current_password").as_string() == "Required.");
    BOOST_TEST(both.json().at("fields").at("new_password").as_string() ==
               "Must be at least 12 characters.");
    BOOST_TEST(change(test::good_password, "admin@example.org").status == 422u);
    BOOST_TEST(client.get("/api/v1/auth/me").status == 200u);  // nothing changed
}

BOOST_AUTO_TEST_CASE(guessing_the_current_password_is_throttled_like_logins) {
    // A stolen session must not become a way round the login limits.
    auto const csrf = login(client, admin);
    auto change = [&](std::string const& current) {
        return client.post_json("/api/v1/auth/password",
                                json::object{{"current_password", current},
                                             {"new_password", "ett helt nytt lösenord 2026"}},
                                {{"X-CSRF-Token", csrf}});
    };
    for (int i = 0; i < 5; ++i)
        BOOST_TEST(change("gissning nummer " + std::to_string(i)).status == 422u);
    auto const refused = change(test::good_password);  // even the right one, now
    BOOST_TEST(refused.status == 429u);
    BOOST_TEST(refused.json().at("error").as_string() == "rate_limited");
    BOOST_TEST(std::stoi(refused.header("retry-after")) >= 1);
    BOOST_TEST(database.scalar("select count(*) from login_attempts where not succeeded") == 5);
    // The same account cannot be guessed at the login form meanwhile either.
    auto other = this->test::auth_server::client();
    BOOST_TEST(other
                   .post_json("/api/v1/auth/login", json::object{{"email", admin.email},
                                                                 {"password", test::good_password}})
                   .status == 429u);
    BOOST_TEST(client.get("/api/v1/auth/me").status == 200u);  // the session itself goes on
}

BOOST_AUTO_TEST_CASE(deactivating_a_user_ends_their_sessions_and_refuses_their_login) {
    auto const csrf = login(client, admin);
    auto const organiser = add_user("org@example.org", "organiser");
    auto theirs = this->test::auth_server::client();
    login(theirs, organiser);
    auto const r =
        client.request("POST", "/api/v1/users/" + std::to_string(organiser.id) + "/deactivate", {},
                       {}, {{"X-CSRF-Token", csrf}});
    BOOST_REQUIRE_EQUAL(r.status, 200u);
    BOOST_TEST(r.json().at("active").as_bool() == false);
    BOOST_TEST(theirs.get("/api/v1/auth/me").status == 401u);
    BOOST_TEST(theirs
                   .post_json("/api/v1/auth/login", json::object{{"email", organiser.email},
                                                                 {"password", organiser.password}})
                   .status == 401u);
    // An admin cannot lock themselves (and so perhaps every admin) out.
    auto const self =
        client.request("POST", "/api/v1/users/" + std::to_string(admin.id) + "/deactivate", {}, {},
                       {{"X-CSRF-Token", csrf}});
    BOOST_TEST(self.status == 409u);
    BOOST_TEST(
        client.request("POST", "/api/v1/users/999999/deactivate", {}, {}, {{"X-CSRF-Token", csrf}})
            .status == 404u);
}

BOOST_AUTO_TEST_SUITE_END()

// Short lifetimes, so that expiry can be watched in real time.
struct expiring_fixture : test::auth_server {
    expiring_fixture()
        : auth_server({"--session-idle-seconds", "2", "--session-lifetime-seconds", "4"}) {}

    test::staff_account admin = add_user("admin@example.org", "admin");
    test::http_client client = this->test::auth_server::client();
};

BOOST_FIXTURE_TEST_SUITE(auth_session_expiry, expiring_fixture,
                         *test::needs("SAMVERKAN_TEST_DATABASE_URL"))

BOOST_AUTO_TEST_CASE(a_session_ends_after_the_idle_timeout) {
    login(client, admin);
    BOOST_TEST(client.get("/api/v1/auth/me").status == 200u);
    std::this_thread::sleep_for(3s);
    BOOST_TEST(client.get("/api/v1/auth/me").status == 401u);
}

BOOST_AUTO_TEST_CASE(activity_extends_the_idle_timeout_but_not_the_absolute_lifetime) {
    login(client, admin);
    auto const started = std::chrono::steady_clock::now();
    // A request every 0.5 s: the 2 s idle timeout never hits …
    while (std::chrono::steady_clock::now() - started < 3000ms) {
        BOOST_TEST_REQUIRE(client.get("/api/v1/auth/me").status == 200u);
        std::this_thread::sleep_for(500ms);
    }
    // … but 4 s after login the session ends however active it is (the last request was
    // less than the idle timeout ago, so this is the absolute lifetime at work).
    while (std::chrono::steady_clock::now() - started < 4300ms) std::this_thread::sleep_for(50ms);
    BOOST_TEST(client.get("/api/v1/auth/me").status == 401u);
}

BOOST_AUTO_TEST_SUITE_END()

struct https_fixture : test::auth_server {
    https_fixture() : auth_server({"--base-url", "https://samverkan.example.org"}) {}

    test::staff_account admin = add_user("admin@example.org", "admin");
};

BOOST_FIXTURE_TEST_SUITE(auth_secure_cookie, https_fixture,
                         *test::needs("SAMVERKAN_TEST_DATABASE_URL"))

BOOST_AUTO_TEST_CASE(the_cookie_is_secure_when_the_base_url_is_https) {
    auto c = client();
    auto const r = c.post_json("/api/v1/auth/login",
                               json::object{{"email", admin.email}, {"password", admin.password}});
    BOOST_REQUIRE_EQUAL(r.status, 200u);
    auto const attributes = test::cookie_attributes(r.header("set-cookie"));
    BOOST_TEST(has(attributes, "secure"));
    BOOST_TEST(has(attributes, "httponly"));
    BOOST_TEST(has(attributes, "samesite=lax"));
}

BOOST_AUTO_TEST_SUITE_END()

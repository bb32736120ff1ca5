// Issue 9, the rest of the baseline, over the real server: one address cannot take every
// connection slot; /metrics only for the addresses allowed; forms only from our own pages
// (login CSRF); HSTS and the __Host- cookie under an https base URL.
#include "tests/e2e/auth_fixture.hpp"
#include "tests/support/services.hpp"

#include <chrono>
#include <memory>
#include <sys/resource.h>
#include <thread>

using namespace samverkan;
using namespace std::chrono_literals;
namespace json = boost::json;

namespace {

// This process holds thousands of sockets: as many descriptors as the hard limit allows.
void allow_descriptors(rlim_t wanted) {
    rlimit limit{};
    BOOST_TEST_REQUIRE(::getrlimit(RLIMIT_NOFILE, &limit) == 0);
    BOOST_TEST_REQUIRE(limit.rlim_max >= wanted,
                       "RLIMIT_NOFILE hard limit " << limit.rlim_max << " < " << wanted);
    limit.rlim_cur = std::max(limit.rlim_cur, wanted);
    BOOST_TEST_REQUIRE(::setrlimit(RLIMIT_NOFILE, &limit) == 0);
}

bool contains(std::string const& text, std::string const& part) {
    return text.find(part) != std::string::npos;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(abuse_connections, *test::needs("SAMVERKAN_TEST_DATABASE_URL"))

BOOST_AUTO_TEST_CASE(two_thousand_idle_connections_from_one_address_leave_room_for_others) {
    allow_descriptors(4'500);
    test::test_database database;
    // Room for 1,000 connections in all, and file descriptors for all of them: without a
    // per-address cap, one address fills every slot and everyone else gets 503.
    test::server_process::options opts{{"--max-connections", "1000"}};
    opts.wrapper = {"prlimit", "--nofile=4096", "--"};
    test::server_process server{database.url(), opts};
    std::vector<std::unique_ptr<test::raw_connection>> idle;
    auto const started = std::chrono::steady_clock::now();
    for (int i = 0; i < 2'000; ++i)
        idle.push_back(std::make_unique<test::raw_connection>(server.port(), "127.0.0.2"));
    BOOST_TEST_MESSAGE(
        "2000 connections opened in "
        << std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count()
        << " s");
    std::this_thread::sleep_for(500ms);  // let the server accept (or refuse) them all
    // One more from the same address is refused at once, with a reason …
    test::raw_connection extra{server.port(), "127.0.0.2"};
    auto const refused = extra.read_until_closed(5s);
    BOOST_TEST(refused.rfind("HTTP/1.1 503", 0) == 0u, refused);
    BOOST_TEST(contains(refused, "Too many connections from your address"));
    // … while another address is served, again and again, with the 2,000 still open.
    test::http_client other{server.port(), "127.0.0.3"};
    for (int i = 0; i < 20; ++i) BOOST_TEST(other.get("/healthz").status == 200u);
    test::http_client third{server.port(), "127.0.0.4"};
    BOOST_TEST(third.get("/readyz").status == 200u);
    // The connections held are the cap's worth: the rest were answered 503 and closed.
    int closed = 0;
    for (auto& c : idle)
        if (c->closed_by_server(5ms)) ++closed;
    BOOST_TEST_MESSAGE(closed << " of 2000 refused and closed by the server");
    BOOST_TEST(closed == 2'000 - 256);  // the default max-connections-per-address
}

BOOST_AUTO_TEST_CASE(trusted_proxies_are_exempt_from_the_per_address_cap) {
    test::test_database database;
    test::server_process server{
        database.url(), {{"--max-connections-per-address", "3", "--trusted-proxies", "127.0.0.5"}}};
    std::vector<std::unique_ptr<test::http_client>> held;
    for (int i = 0; i < 3; ++i) {
        held.push_back(std::make_unique<test::http_client>(server.port(), "127.0.0.2"));
        BOOST_TEST(held.back()->get("/healthz").status == 200u);
    }
    test::raw_connection fourth{server.port(), "127.0.0.2"};
    BOOST_TEST(fourth.read_until_closed(5s).rfind("HTTP/1.1 503", 0) == 0u);
    // The proxy carries many clients: eight connections of its own, all served at once.
    std::vector<std::unique_ptr<test::http_client>> proxy;
    for (int i = 0; i < 8; ++i) {
        proxy.push_back(std::make_unique<test::http_client>(server.port(), "127.0.0.5"));
        BOOST_TEST(proxy.back()->get("/healthz").status == 200u);
    }
    for (auto& c : proxy) BOOST_TEST(c->connections_opened() == 1);
    // A connection that ends gives its slot back.
    held.pop_back();
    std::this_thread::sleep_for(200ms);
    BOOST_TEST(test::http_client(server.port(), "127.0.0.2").get("/healthz").status == 200u);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(abuse_metrics, *test::needs("SAMVERKAN_TEST_DATABASE_URL"))

BOOST_AUTO_TEST_CASE(metrics_are_refused_to_addresses_outside_metrics_allow) {
    test::test_database database;
    test::server_process server{
        database.url(),
        {{"--metrics-allow", "127.0.0.1, 10.0.0.0/8", "--trusted-proxies", "127.0.0.1"}}};
    test::http_client outsider{server.port(), "127.0.0.2"};
    auto const refused = outsider.get("/metrics");
    BOOST_TEST(refused.status == 403u);
    BOOST_TEST(refused.json().at("error").as_string() == "forbidden");
    BOOST_TEST(contains(refused.body, "metrics-allow"));
    BOOST_TEST(!contains(refused.body, "samverkan_http_requests_total"));
    auto const page = outsider.request("GET", "/metrics", {}, {}, {{"Accept", "text/html"}});
    BOOST_TEST(page.status == 403u);
    BOOST_TEST(page.header("content-type") == "text/html; charset=utf-8");
    // Through our proxy on loopback, the client outside is still outside …
    test::http_client proxy{server.port(), "127.0.0.1"};
    BOOST_TEST(
        proxy.request("GET", "/metrics", {}, {}, {{"X-Forwarded-For", "198.51.100.7"}}).status ==
        403u);
    // … and an allowed monitoring host behind it, or the proxy's own address, may read.
    BOOST_TEST(proxy.request("GET", "/metrics", {}, {}, {{"X-Forwarded-For", "10.1.2.3"}}).status ==
               200u);
    auto const allowed = proxy.get("/metrics");
    BOOST_TEST(allowed.status == 200u);
    BOOST_TEST(contains(allowed.body, "samverkan_http_requests_total"));
}

BOOST_AUTO_TEST_CASE(by_default_only_loopback_may_read_the_metrics) {
    test::test_database database;
    test::server_process server{database.url(), {{"--trusted-proxies", "127.0.0.1"}}};
    test::http_client local{server.port(), "127.0.0.9"};
    BOOST_TEST(local.get("/metrics").status == 200u);
    BOOST_TEST(
        local.request("GET", "/metrics", {}, {}, {{"X-Forwarded-For", "192.0.2.1"}}).status ==
        200u);  // 127.0.0.9 is not a trusted proxy: its header is ignored
    test::http_client proxy{server.port()};
    BOOST_TEST(
        proxy.request("GET", "/metrics", {}, {}, {{"X-Forwarded-For", "192.0.2.1"}}).status ==
        403u);
}

BOOST_AUTO_TEST_SUITE_END()

namespace {

struct origin_fixture : test::auth_server {
    test::staff_account admin = add_user("admin@example.org", "admin");
    test::http_client browser = client();
    std::string const ours = "http://127.0.0.1:" + std::to_string(server.port());

    test::http_result post_login(std::map<std::string, std::string> headers) {
        headers.emplace("Accept", "text/html");
        return browser.post_form("/login", {{"email", admin.email}, {"password", admin.password}},
                                 headers);
    }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(abuse_cross_site, origin_fixture,
                         *test::needs("SAMVERKAN_TEST_DATABASE_URL"))

BOOST_AUTO_TEST_CASE(a_login_form_posted_from_another_site_is_refused) {
    // Login CSRF: a page elsewhere posts the attacker's credentials, and the victim works
    // signed in as the attacker. The right password proves the refusal is not about it.
    auto const forged = post_login({{"Origin", "https://evil.example"}});
    BOOST_TEST(forged.status == 403u);
    BOOST_TEST(forged.header("set-cookie").empty());
    BOOST_TEST(contains(forged.body, "Formuläret kom från en annan webbplats"));
    BOOST_TEST(post_login({{"Origin", "null"}}).status == 403u);
    BOOST_TEST(post_login({{"Sec-Fetch-Site", "cross-site"}}).status == 403u);
    auto const json_answer =
        browser.post_form("/login", {{"email", admin.email}, {"password", admin.password}},
                          {{"Origin", "https://evil.example"}});
    BOOST_TEST(json_answer.status == 403u);
    BOOST_TEST(json_answer.json().at("error").as_string() == "forbidden");
    BOOST_TEST(contains(std::string{json_answer.json().at("message").as_string()},
                        "sent from another site"));
    BOOST_TEST(database.scalar("select count(*) from sessions") == 0);
}

BOOST_AUTO_TEST_CASE(the_same_form_from_our_own_page_works) {
    auto const r = post_login({{"Origin", ours}, {"Sec-Fetch-Site", "same-origin"}});
    BOOST_TEST(r.status == 303u);
    BOOST_TEST(r.header("location") == "/staff");
    BOOST_TEST(browser.get("/api/v1/auth/me").status == 200u);
    // The dev-server name of the same loopback address is ours too.
    test::http_client other = client();
    auto const localhost =
        other.post_form("/login", {{"email", admin.email}, {"password", admin.password}},
                        {{"Origin", "http://localhost:" + std::to_string(server.port())}});
    BOOST_TEST(localhost.status == 303u);
}

BOOST_AUTO_TEST_CASE(every_unauthenticated_form_that_changes_state_is_covered) {
    for (auto const* path : {"/events/1", "/r/not-a-token", "/r/not-a-token/avboka",
                             "/unsubscribe/not-a-token", "/logout"}) {
        BOOST_TEST_CONTEXT(path) {
            auto const r =
                browser.post_form(path, {{"x", "1"}}, {{"Origin", "https://evil.example"}});
            BOOST_TEST(r.status == 403u);
        }
    }
    // The JSON API is left to its content type (no CORS, so no cross-site JSON body).
    auto const api = browser.post_json(
        "/api/v1/auth/login",
        json::object{{"email", admin.email}, {"password", "inte det rätta lösenordet"}},
        {{"Origin", "https://evil.example"}});
    BOOST_TEST(api.status == 401u);
}

BOOST_AUTO_TEST_SUITE_END()

namespace {

struct https_fixture : test::auth_server {
    https_fixture() : auth_server({"--base-url", "https://samverkan.example.org"}) {}

    test::staff_account admin = add_user("admin@example.org", "admin");
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(abuse_https, https_fixture, *test::needs("SAMVERKAN_TEST_DATABASE_URL"))

BOOST_AUTO_TEST_CASE(an_https_base_url_brings_hsts_and_the_host_cookie_prefix) {
    auto c = client();
    for (auto const* target : {"/", "/healthz", "/login", "/api/v1/events", "/no/such/page"})
        BOOST_TEST(c.get(target).header("strict-transport-security") == "max-age=31536000", target);
    auto const r = c.post_json("/api/v1/auth/login",
                               json::object{{"email", admin.email}, {"password", admin.password}});
    BOOST_REQUIRE_EQUAL(r.status, 200u);
    auto const cookie = r.header("set-cookie");
    BOOST_TEST(cookie.rfind("__Host-samverkan_session=", 0) == 0u, cookie);
    auto const attributes = test::cookie_attributes(cookie);
    BOOST_TEST((std::find(attributes.begin(), attributes.end(), "secure") != attributes.end()));
    BOOST_TEST((std::find(attributes.begin(), attributes.end(), "path=/") != attributes.end()));
    for (auto const& a : attributes) BOOST_TEST(a.rfind("domain", 0) != 0u);
    // The prefixed cookie is the session: it is what the server reads back.
    BOOST_TEST(c.get("/api/v1/auth/me").status == 200u);
    test::http_client plain = client();
    plain.set_cookie("samverkan_session", c.cookies().at("__Host-samverkan_session"));
    BOOST_TEST(plain.get("/api/v1/auth/me").status == 401u);
    // Forms come from the https origin now.
    auto const form =
        client().post_form("/login", {{"email", admin.email}, {"password", admin.password}},
                           {{"Origin", "https://samverkan.example.org"}});
    BOOST_TEST(form.status == 303u);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(abuse_http_base_url, *test::needs("SAMVERKAN_TEST_DATABASE_URL"))

BOOST_AUTO_TEST_CASE(plain_http_sends_no_hsts_and_keeps_the_plain_cookie_name) {
    test::test_database database;
    test::server_process server{database.url()};
    test::http_client c{server.port()};
    auto const r = c.get("/");
    BOOST_TEST(r.status == 200u);
    BOOST_TEST(r.header("strict-transport-security").empty());
}

BOOST_AUTO_TEST_SUITE_END()

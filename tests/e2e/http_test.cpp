// The samverkan binary over real sockets: operations endpoints, every JSON error of API.md,
// keep-alive, timeouts and graceful shutdown.
#include "tests/support/http_client.hpp"
#include "tests/support/server_process.hpp"
#include "tests/support/services.hpp"
#include "tests/support/test_database.hpp"

#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>

#include <csignal>
#include <future>
#include <memory>
#include <thread>

using namespace samverkan;
using namespace std::chrono_literals;

namespace {

struct server_fixture {
    test::test_database database;
    test::server_process server{
        database.url(),
        {{"--enable-test-routes", "--max-body-bytes", "4096", "--max-header-bytes", "2048",
          "--header-timeout-ms", "500", "--idle-timeout-ms", "3000"}}};
    test::http_client client{server.port()};

    void expect_error(test::http_result const& r, unsigned status, std::string const& code) {
        BOOST_TEST(r.status == status);
        BOOST_TEST(r.header("content-type") == "application/json");
        auto const body = r.json().as_object();
        BOOST_TEST(body.at("error").as_string() == code);
        BOOST_TEST(!body.at("message").as_string().empty());
        BOOST_TEST(body.at("request_id").as_string() == r.header("x-request-id"));
    }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(http_e2e, server_fixture, *test::needs("SAMVERKAN_TEST_DATABASE_URL"))

BOOST_AUTO_TEST_CASE(health_and_readiness_answer_when_the_database_is_migrated) {
    BOOST_TEST(client.get("/healthz").status == 200u);
    auto const ready = client.get("/readyz");
    BOOST_TEST(ready.status == 200u);
    BOOST_TEST(ready.json().at("ready").as_bool());
}

BOOST_AUTO_TEST_CASE(metrics_count_requests_by_route_pattern_and_show_the_pool) {
    client.get("/healthz");
    client.get("/no/such/page");
    auto const text = client.get("/metrics").body;
    BOOST_TEST(text.find("samverkan_http_requests_total{route=\"/healthz\",status=\"200\"}") !=
               std::string::npos);
    BOOST_TEST(text.find("samverkan_http_requests_total{route=\"unmatched\",status=\"404\"}") !=
               std::string::npos);
    BOOST_TEST(
        text.find(
            "samverkan_http_request_duration_seconds_bucket{route=\"/healthz\",le=\"+Inf\"}") !=
        std::string::npos);
    BOOST_TEST(text.find("samverkan_db_connections_in_use ") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(start_page_and_static_files_are_served) {
    auto const page = client.get("/");
    BOOST_TEST(page.status == 200u);
    BOOST_TEST(page.header("content-type") == "text/html; charset=utf-8");
    BOOST_TEST(page.body.find("<html lang=\"sv\">") != std::string::npos);
    BOOST_TEST(page.body.find("href=\"#main\"") != std::string::npos);
    auto const css = client.get("/static/style.css");
    BOOST_TEST(css.status == 200u);
    BOOST_TEST(css.header("content-type") == "text/css; charset=utf-8");
    BOOST_TEST(css.header("cache-control").find("max-age=") != std::string::npos);
    auto const again =
        client.request("GET", "/static/style.css", {}, {}, {{"If-None-Match", css.header("etag")}});
    BOOST_TEST(again.status == 304u);
    expect_error(client.get("/static/../CMakeLists.txt"), 404, "not_found");
}

BOOST_AUTO_TEST_CASE(each_json_error_of_the_contract) {
    expect_error(client.get("/nowhere"), 404, "not_found");
    auto const not_allowed = client.request("DELETE", "/healthz");
    expect_error(not_allowed, 405, "method_not_allowed");
    BOOST_TEST(not_allowed.header("allow") == "GET, HEAD");
    expect_error(client.request("POST", "/_test/echo", "{\"name\":", "application/json"), 400,
                 "bad_request");
    expect_error(client.request("POST", "/_test/echo", "{\"name\":5}", "application/json"), 400,
                 "bad_request");
    expect_error(client.request("POST", "/_test/echo", "name=x", "text/plain"), 415,
                 "unsupported_media_type");
    auto const invalid = client.post_json("/_test/echo", {{"name", ""}});
    expect_error(invalid, 422, "validation_failed");
    BOOST_TEST(invalid.json().at("fields").at("name").as_string() == "Required.");
    auto const failed = client.get("/_test/fail");
    expect_error(failed, 500, "internal_error");
    BOOST_TEST(failed.body.find("secret") == std::string::npos);
    BOOST_TEST(server.log_contains("deliberate failure with a secret detail"));
    BOOST_TEST(client.post_json("/_test/echo", {{"name", "Tosteberga Byalag"}}).status == 200u);
}

BOOST_AUTO_TEST_CASE(oversized_body_and_headers_are_answered_not_dropped) {
    auto const big =
        client.request("POST", "/_test/echo", std::string(10000, 'x'), "application/json");
    expect_error(big, 413, "payload_too_large");
    test::http_client other{server.port()};
    auto const headers =
        other.request("GET", "/healthz", {}, {}, {{"X-Big", std::string(4000, 'h')}});
    expect_error(headers, 431, "headers_too_large");
    test::raw_connection raw{server.port()};
    raw.send("GARBAGE\r\n\r\n");
    auto const answer = raw.read_until_closed(2s);
    BOOST_TEST(answer.rfind("HTTP/1.1 400", 0) == 0u);
}

BOOST_AUTO_TEST_CASE(keep_alive_reuses_one_connection_and_request_ids_are_unique) {
    auto const a = client.get("/healthz");
    auto const b = client.get("/readyz");
    auto const c = client.get("/");
    BOOST_TEST(client.connections_opened() == 1);
    BOOST_TEST(a.keep_alive);
    BOOST_TEST(a.header("x-request-id") != b.header("x-request-id"));
    BOOST_TEST(b.header("x-request-id") != c.header("x-request-id"));
    auto const mine =
        client.request("GET", "/healthz", {}, {}, {{"X-Request-Id", "trace-abc-123"}});
    BOOST_TEST(mine.header("x-request-id") == "trace-abc-123");
}

BOOST_AUTO_TEST_CASE(security_headers_are_on_every_response) {
    for (auto const& r : {client.get("/"), client.get("/healthz"), client.get("/nowhere")}) {
        BOOST_TEST(r.header("x-content-type-options") == "nosniff");
        BOOST_TEST(r.header("content-security-policy").find("frame-ancestors 'none'") !=
                   std::string::npos);
        BOOST_TEST(r.header("content-security-policy").find("unsafe-inline") == std::string::npos);
        BOOST_TEST(!r.header("referrer-policy").empty());
    }
}

BOOST_AUTO_TEST_CASE(a_client_that_stalls_mid_headers_is_dropped_after_the_timeout) {
    test::raw_connection raw{server.port()};
    raw.send("GET /healthz HTTP/1.1\r\nHost: x\r\n");  // and never the blank line
    bool closed = false;
    auto const started = std::chrono::steady_clock::now();
    raw.read_until_closed(5s, &closed);
    auto const waited = std::chrono::steady_clock::now() - started;
    BOOST_TEST(closed);
    BOOST_TEST(waited >= 400ms);
    BOOST_TEST(waited < 3s);
    BOOST_TEST(client.get("/healthz").status == 200u);  // others are unaffected
}

BOOST_AUTO_TEST_CASE(access_log_has_one_line_per_request_without_personal_data) {
    client.post_json("/_test/echo", {{"name", "Anna Ferrington"}});
    BOOST_TEST(server.log_contains("\"route\":\"/_test/echo\""));
    auto const log = server.log();
    BOOST_TEST(log.find("Anna Ferrington") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(sigterm_lets_a_slow_request_finish_and_exits_zero) {
    auto slow = std::async(std::launch::async, [port = server.port()] {
        test::http_client c{port};
        return c.get("/_test/slow?ms=1500");
    });
    std::this_thread::sleep_for(300ms);  // the request is in flight
    test::http_client idle{server.port()};
    BOOST_TEST(idle.get("/healthz").status == 200u);  // an idle keep-alive connection too
    server.send_signal(SIGTERM);
    auto const answer = slow.get();
    BOOST_TEST(answer.status == 200u);
    BOOST_TEST(answer.json().at("slept_ms").as_int64() == 1500);
    BOOST_TEST(server.wait_exit(10s) == 0);
    BOOST_CHECK_THROW(test::http_client(server.port()).get("/healthz"), std::exception);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(readiness_e2e, *test::needs("SAMVERKAN_TEST_DATABASE_URL"))

BOOST_AUTO_TEST_CASE(readiness_is_503_while_the_database_is_unreachable_and_health_stays_200) {
    test::server_process server{"host=/nonexistent-socket-dir dbname=x connect_timeout=1",
                                {{}, false}};
    test::http_client client{server.port()};
    BOOST_TEST(client.get("/healthz").status == 200u);
    BOOST_TEST(client.get("/readyz").status == 503u);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(connection_limits_e2e, *test::needs("SAMVERKAN_TEST_DATABASE_URL"))

BOOST_AUTO_TEST_CASE(connections_over_the_cap_get_a_503_and_the_server_carries_on) {
    test::test_database database;
    test::server_process server{database.url(), {{"--max-connections", "3"}}};
    std::vector<std::unique_ptr<test::raw_connection>> held;
    for (int i = 0; i < 3; ++i)
        held.push_back(std::make_unique<test::raw_connection>(server.port()));
    std::this_thread::sleep_for(200ms);  // let the server accept them
    test::raw_connection extra{server.port()};
    auto const refused = extra.read_until_closed(3s);
    BOOST_TEST(refused.rfind("HTTP/1.1 503", 0) == 0u);
    held.clear();
    std::this_thread::sleep_for(200ms);
    BOOST_TEST(test::http_client(server.port()).get("/healthz").status == 200u);
}

BOOST_AUTO_TEST_CASE(running_out_of_file_descriptors_does_not_stop_the_accept_loop) {
    test::test_database database;
    // A low descriptor limit: the pool, the log pipe and a few sockets fit, a burst does not.
    test::server_process::options opts{{"--db-pool-size", "2"}};
    opts.wrapper = {"prlimit", "--nofile=48", "--"};
    test::server_process server{database.url(), opts};
    std::vector<std::unique_ptr<test::raw_connection>> burst;
    for (int i = 0; i < 80; ++i)
        burst.push_back(std::make_unique<test::raw_connection>(server.port()));
    std::this_thread::sleep_for(500ms);
    burst.clear();
    std::this_thread::sleep_for(500ms);  // the accept loop backs off for 100 ms, then retries
    test::http_client client{server.port()};
    BOOST_TEST(client.get("/healthz").status == 200u);
    BOOST_TEST(server.log_contains("accept failed"));  // it did run out
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(page_errors_e2e, *test::needs("SAMVERKAN_TEST_DATABASE_URL"))

BOOST_AUTO_TEST_CASE(a_browser_gets_an_html_error_page_and_a_program_gets_json) {
    test::test_database database;
    test::server_process server{database.url()};
    test::http_client client{server.port()};
    std::map<std::string, std::string> const browser{
        {"Accept", "text/html,application/xhtml+xml,*/*;q=0.8"}};
    auto const page = client.request("GET", "/no/such/page", {}, {}, browser);
    BOOST_TEST(page.status == 404u);
    BOOST_TEST(page.header("content-type") == "text/html; charset=utf-8");
    BOOST_TEST(page.body.find("Sidan finns inte") != std::string::npos);
    BOOST_TEST(page.body.find(page.header("x-request-id")) != std::string::npos);
    BOOST_TEST(client.get("/no/such/page").header("content-type") == "application/json");
    auto const api = client.request("GET", "/api/v1/no-such-thing", {}, {}, browser);
    BOOST_TEST(api.header("content-type") == "application/json");
}

BOOST_AUTO_TEST_CASE(a_staff_page_without_a_session_sends_the_browser_to_the_login_page) {
    test::test_database database;
    test::server_process server{database.url()};
    test::http_client client{server.port()};
    auto const res = client.request("GET", "/staff", {}, {}, {{"Accept", "text/html"}});
    BOOST_TEST(res.status == 303u);
    BOOST_TEST(res.header("location") == "/login?next=%2Fstaff");
}

BOOST_AUTO_TEST_SUITE_END()

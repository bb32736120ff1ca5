#include "server/router.hpp"

#include "server/api_error.hpp"
#include "server/logger.hpp"
#include "server/response.hpp"
#include "tests/support/run_sync.hpp"

#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>

#include <cstdio>
#include <stdexcept>

using namespace samverkan;
using server::request;
using server::response;

namespace {

struct router_fixture {
    std::FILE* sink = std::tmpfile();
    server::logger log{sink};
    server::router routes{log};

    ~router_fixture() {
        log.flush();
        std::fclose(sink);
    }

    response call(http::verb method, std::string path, request* out = nullptr) {
        request req;
        req.message.method(method);
        req.path = std::move(path);
        req.request_id = "test-1";
        auto res = test::run_sync(routes.dispatch(req));
        if (out != nullptr) *out = std::move(req);
        return res;
    }

    std::string logged() {
        log.flush();
        std::fflush(sink);
        std::rewind(sink);
        std::string text;
        char buf[4096];
        while (auto n = std::fread(buf, 1, sizeof buf, sink)) text.append(buf, n);
        return text;
    }
};

server::handler answer(std::string text) {
    return [text](request&) -> asio::awaitable<response> {
        co_return server::text_response(200, text, "text/plain");
    };
}

boost::json::object body_of(response const& res) {
    return boost::json::parse(res.body()).as_object();
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(router, router_fixture)

BOOST_AUTO_TEST_CASE(path_parameters_are_matched_and_decoded_into_the_request) {
    routes.add(http::verb::get, "/api/v1/events/{id}", answer("event"));
    routes.add(http::verb::get, "/api/v1/events/{id}/registrations", answer("list"));
    request req;
    auto res = call(http::verb::get, "/api/v1/events/42/registrations", &req);
    BOOST_TEST(res.body() == "list");
    BOOST_TEST(req.path_param("id").value_or("") == "42");
    BOOST_TEST(req.route_pattern == "/api/v1/events/{id}/registrations");
    BOOST_TEST(call(http::verb::get, "/api/v1/events/7").body() == "event");
}

BOOST_AUTO_TEST_CASE(a_parameter_may_carry_a_literal_suffix) {
    routes.add(http::verb::get, "/events/{id}.ics", answer("ics"));
    routes.add(http::verb::get, "/events/{id}", answer("page"));
    request req;
    BOOST_TEST(call(http::verb::get, "/events/3.ics", &req).body() == "ics");
    BOOST_TEST(req.path_param("id").value_or("") == "3");
    BOOST_TEST(call(http::verb::get, "/events/3").body() == "page");
}

BOOST_AUTO_TEST_CASE(a_rest_parameter_takes_the_remaining_segments) {
    routes.add(http::verb::get, "/static/{path...}", answer("file"));
    request req;
    BOOST_TEST(call(http::verb::get, "/static/img/logo.svg", &req).body() == "file");
    BOOST_TEST(req.path_param("path").value_or("") == "img/logo.svg");
    BOOST_TEST(call(http::verb::get, "/static").result_int() == 404u);
    // An empty rest names nothing, as an empty segment never fills `{name}` (found by
    // fuzz/router_fuzzer); "/static//x" still has a rest, "/x".
    BOOST_TEST(call(http::verb::get, "/static/").result_int() == 404u);
    BOOST_TEST(call(http::verb::get, "/static//x", &req).body() == "file");
    BOOST_TEST(req.path_param("path").value_or("") == "/x");
}

BOOST_AUTO_TEST_CASE(unknown_path_is_404_with_the_json_error_body) {
    routes.add(http::verb::get, "/a", answer("a"));
    auto res = call(http::verb::get, "/b");
    BOOST_TEST(res.result_int() == 404u);
    BOOST_TEST(body_of(res).at("error").as_string() == "not_found");
    BOOST_TEST(body_of(res).at("request_id").as_string() == "test-1");
    BOOST_TEST(call(http::verb::get, "/a/extra").result_int() == 404u);
}

BOOST_AUTO_TEST_CASE(known_path_with_wrong_method_is_405_with_allow) {
    routes.add(http::verb::get, "/things/{id}", answer("get"));
    routes.add(http::verb::patch, "/things/{id}", answer("patch"));
    auto res = call(http::verb::delete_, "/things/1");
    BOOST_TEST(res.result_int() == 405u);
    BOOST_TEST(std::string{res[http::field::allow]} == "GET, PATCH, HEAD");
    BOOST_TEST(body_of(res).at("error").as_string() == "method_not_allowed");
}

BOOST_AUTO_TEST_CASE(head_is_answered_by_the_get_route) {
    routes.add(http::verb::get, "/page", answer("body"));
    BOOST_TEST(call(http::verb::head, "/page").result_int() == 200u);
}

BOOST_AUTO_TEST_CASE(duplicate_and_malformed_patterns_are_refused) {
    routes.add(http::verb::get, "/x", answer("x"));
    BOOST_CHECK_THROW(routes.add(http::verb::get, "/x", answer("y")), std::invalid_argument);
    BOOST_CHECK_THROW(routes.add(http::verb::get, "no-slash", answer("y")), std::invalid_argument);
    BOOST_CHECK_THROW(routes.add(http::verb::get, "/{}", answer("y")), std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(api_errors_map_to_status_code_and_fields) {
    routes.add(http::verb::post, "/v", [](request&) -> asio::awaitable<response> {
        throw server::api_error(server::error_kind::validation_failed, "Fix the fields.")
            .with_fields({{"contact.email", "Not an e-mail address."}});
        co_return server::empty_response(204);
    });
    routes.add(http::verb::post, "/full", [](request&) -> asio::awaitable<response> {
        throw server::api_error(server::error_kind::conflict, "No seats left.", "event_full");
        co_return server::empty_response(204);
    });
    auto res = call(http::verb::post, "/v");
    BOOST_TEST(res.result_int() == 422u);
    BOOST_TEST(body_of(res).at("error").as_string() == "validation_failed");
    BOOST_TEST(body_of(res).at("fields").at("contact.email").as_string() ==
               "Not an e-mail address.");
    auto full = call(http::verb::post, "/full");
    BOOST_TEST(full.result_int() == 409u);
    BOOST_TEST(body_of(full).at("error").as_string() == "event_full");
}

BOOST_AUTO_TEST_CASE(unexpected_exceptions_are_500_without_their_detail_and_are_logged) {
    routes.add(http::verb::get, "/boom", [](request&) -> asio::awaitable<response> {
        throw std::runtime_error("secret database detail");
        co_return server::empty_response(204);
    });
    auto res = call(http::verb::get, "/boom");
    BOOST_TEST(res.result_int() == 500u);
    BOOST_TEST(res.body().find("secret") == std::string::npos);
    BOOST_TEST(body_of(res).at("request_id").as_string() == "test-1");
    auto const log = logged();
    BOOST_TEST(log.find("secret database detail") != std::string::npos);
    BOOST_TEST(log.find("test-1") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(the_guard_runs_before_the_handler_and_can_refuse) {
    bool handler_ran = false;
    server::access staff{"staff:organiser", [](request&) -> asio::awaitable<void> {
                             throw server::api_error(server::error_kind::unauthenticated,
                                                     "Log in.");
                             co_return;
                         }};
    routes.add(
        http::verb::get, "/staff",
        [&](request&) -> asio::awaitable<response> {
            handler_ran = true;
            co_return server::empty_response(204);
        },
        staff);
    BOOST_TEST(call(http::verb::get, "/staff").result_int() == 401u);
    BOOST_TEST(!handler_ran);
    BOOST_TEST(routes.routes().front().access.label == "staff:organiser");
}

BOOST_AUTO_TEST_CASE(every_error_kind_has_its_status) {
    using server::error_kind;
    BOOST_TEST(server::to_status(error_kind::bad_request) == 400u);
    BOOST_TEST(server::to_status(error_kind::unauthenticated) == 401u);
    BOOST_TEST(server::to_status(error_kind::forbidden) == 403u);
    BOOST_TEST(server::to_status(error_kind::not_found) == 404u);
    BOOST_TEST(server::to_status(error_kind::method_not_allowed) == 405u);
    BOOST_TEST(server::to_status(error_kind::conflict) == 409u);
    BOOST_TEST(server::to_status(error_kind::payload_too_large) == 413u);
    BOOST_TEST(server::to_status(error_kind::unsupported_media_type) == 415u);
    BOOST_TEST(server::to_status(error_kind::validation_failed) == 422u);
    BOOST_TEST(server::to_status(error_kind::rate_limited) == 429u);
    BOOST_TEST(server::to_status(error_kind::headers_too_large) == 431u);
    BOOST_TEST(server::to_status(error_kind::internal) == 500u);
    BOOST_TEST(server::to_status(error_kind::unavailable) == 503u);
}

BOOST_AUTO_TEST_SUITE_END()

#include "server/origin_check.hpp"

#include "server/api_error.hpp"

#include <boost/test/unit_test.hpp>

using namespace samverkan;
using server::origin_of;

namespace {

server::request post(std::string path, std::map<std::string, std::string> const& headers) {
    server::request req;
    req.message.method(http::verb::post);
    req.path = std::move(path);
    for (auto const& [name, value] : headers) req.message.set(name, value);
    return req;
}

bool refused(server::origin_check const& check, server::request const& req) {
    try {
        check.enforce(req);
        return false;
    } catch (server::api_error const& e) {
        BOOST_TEST(server::to_status(e.kind()) == 403u);
        BOOST_TEST(e.reason() == "cross_site");
        return true;
    }
}

}  // namespace

BOOST_AUTO_TEST_SUITE(origin_check)

BOOST_AUTO_TEST_CASE(the_origin_of_a_url_is_written_as_browsers_write_it) {
    BOOST_TEST(origin_of("https://Samverkan.Example.org/anmalan/") ==
               "https://samverkan.example.org");
    BOOST_TEST(origin_of("https://example.org:443") == "https://example.org");
    BOOST_TEST(origin_of("http://example.org:80/x") == "http://example.org");
    BOOST_TEST(origin_of("http://127.0.0.1:8080") == "http://127.0.0.1:8080");
    BOOST_TEST(origin_of("https://example.org:8443/") == "https://example.org:8443");
    BOOST_TEST(origin_of("http://[::1]:8080") == "http://[::1]:8080");
    BOOST_TEST(origin_of("ftp://example.org").empty());
    BOOST_TEST(origin_of("not a url").empty());
}

BOOST_AUTO_TEST_CASE(a_form_post_from_another_site_is_refused) {
    server::origin_check const check{{"https://samverkan.example.org"}};
    BOOST_TEST(refused(check, post("/login", {{"Origin", "https://evil.example"}})));
    BOOST_TEST(refused(check, post("/login", {{"Origin", "null"}})));
    BOOST_TEST(
        refused(check, post("/login", {{"Origin", "null"}, {"Sec-Fetch-Site", "same-site"}})));
    BOOST_TEST(
        refused(check, post("/login", {{"Origin", "null"}, {"Sec-Fetch-Site", "cross-site"}})));
    BOOST_TEST(refused(check, post("/login", {{"Origin", "http://samverkan.example.org"}})));
    BOOST_TEST(refused(check, post("/login", {{"Origin", "https://samverkan.example.org.evil"}})));
    BOOST_TEST(refused(check, post("/events/3", {{"Sec-Fetch-Site", "cross-site"}})));
    BOOST_TEST(refused(check, post("/unsubscribe/x", {{"Origin", "https://samverkan.example.org"},
                                                      {"Sec-Fetch-Site", "cross-site"}})));
}

BOOST_AUTO_TEST_CASE(our_own_pages_safe_methods_the_api_and_non_browsers_pass) {
    server::origin_check const check{{"https://samverkan.example.org"}};
    BOOST_TEST(!refused(check, post("/login", {{"Origin", "https://samverkan.example.org"},
                                               {"Sec-Fetch-Site", "same-origin"}})));
    BOOST_TEST(!refused(check, post("/login", {})));  // curl, scripts: no browser, no forgery
    // A form on one of our no-referrer pages (the manage link's): the browser hides the
    // origin but says the request is same-origin.
    BOOST_TEST(
        !refused(check, post("/r/token", {{"Origin", "null"}, {"Sec-Fetch-Site", "same-origin"}})));
    BOOST_TEST(!refused(check, post("/login", {{"Sec-Fetch-Site", "none"}})));
    BOOST_TEST(!refused(check, post("/api/v1/auth/login", {{"Origin", "https://evil.example"}})));
    auto get =
        post("/login", {{"Origin", "https://evil.example"}, {"Sec-Fetch-Site", "cross-site"}});
    get.message.method(http::verb::get);
    BOOST_TEST(!refused(check, get));
}

BOOST_AUTO_TEST_SUITE_END()

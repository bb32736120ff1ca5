// Issue 9, one bad input: garbled, oversized and badly encoded bodies on every public route
// that reads one (the registration API and form, the manage API and page, the login), the
// kinds the fuzzers of fuzz/ produce and the two they found (Boost.URL reading a form past
// its end, an empty rest parameter under /static/). Each is answered with its own 4xx, never
// a 500, nothing is written, and the server goes on serving.
#include "tests/e2e/registrations_fixture.hpp"
#include "tests/support/services.hpp"

#include <cstdio>
#include <set>

using namespace samverkan;

namespace {

struct bad_input {
    std::string name;
    std::string body;
    std::string content_type;
    std::set<unsigned> allowed;
};

constexpr char const* json_type = "application/json";
constexpr char const* form_type = "application/x-www-form-urlencoded";

std::string registration_with_name(std::string const& name) {
    return R"({"contact":{"name":")" + name +
           R"(","email":"a@example.test"},"attendees":[{"name":"Deltagare"}],"consent":true})";
}

std::vector<bad_input> json_bodies() {
    std::set<unsigned> const bad{400u}, invalid{400u, 422u};
    std::string many = R"({"contact":{"name":"K","email":"k@example.test"},"consent":true,)"
                       R"("attendees":[)";
    for (int i = 0; i < 2000; ++i) many += std::string(i ? "," : "") + R"({"name":"x"})";
    many += "]}";
    return {
        {"empty", "", json_type, bad},
        {"cut off", R"({"contact":{"name":"Anna")", json_type, bad},
        {"not an object", "[]", json_type, bad},
        {"null", "null", json_type, bad},
        {"trailing garbage", R"({"consent":true} x)", json_type, bad},
        {"wrong type", R"({"contact":5,"attendees":"many","consent":"yes"})", json_type, bad},
        {"nested 50000 deep", std::string(50000, '['), json_type, bad},
        {"number out of range", R"({"consent":1e999})", json_type, bad},
        {"invalid UTF-8", registration_with_name("\xff\xfe"), json_type, bad},
        {"overlong UTF-8", registration_with_name("\xc0\xaf"), json_type, bad},
        {"UTF-8 surrogate", registration_with_name("\xed\xa0\x80"), json_type, bad},
        {"escaped lone surrogate", registration_with_name("\\ud800"), json_type, invalid},
        {"escaped NUL", registration_with_name("A\\u0000B"), json_type, invalid},
        {"control characters", registration_with_name("A\\u001bB"), json_type, invalid},
        {"2000 attendees", many, json_type, invalid},
        {"100 kB", std::string(100000, ' '), json_type, {413u}},
        {"text/plain", R"({"consent":true})", "text/plain", {415u}},
    };
}

/// The login reads only its own two fields: a body without them is a 422 where the
/// registration's reader finds a wrong type first (400).
std::vector<bad_input> for_login(std::vector<bad_input> inputs) {
    for (auto& in : inputs)
        if (in.allowed.contains(400u)) in.allowed.insert(422u);
    return inputs;
}

std::vector<bad_input> form_bodies() {
    std::set<unsigned> const bad{400u, 422u};
    return {
        {"invalid UTF-8", "contact.name=%FF%FE&contact.email=a%40example.test", form_type, bad},
        {"bad escape", "contact.name=%zz", form_type, bad},
        {"lone percent", "%", form_type, bad},
        {"escaped NUL", "contact.name=A%00B", form_type, bad},
        {"raw NUL mid-body", std::string("contact.name=A\0B&consent=on", 27), form_type, bad},
        {"huge index", "attendees[99999999999999999999].name=x&consent=on", form_type, bad},
        {"last allowed index", "attendees[999].name=x&consent=on", form_type, bad},
        {"100 kB", "contact.name=" + std::string(100000, 'x'), form_type, {413u}},
    };
}

// A body limit of 64 kB (default 1 MiB): an oversized body of 100 kB still fits the
// loopback socket's buffer, so the client has sent it all before the 413 closes the
// connection.
struct input_server : test::registration_server {
    input_server()
        : registration_server({"--registration-rate-limit", "0", "--max-body-bytes", "65536"}) {}

    int checked = 0;

    /// Sends each body to `method target`; each must get one of its statuses.
    void expect_refused(std::string const& method, std::string const& target,
                        std::vector<bad_input> const& inputs) {
        for (auto const& in : inputs) {
            auto const r = client.request(method, target, in.body, in.content_type);
            BOOST_TEST(in.allowed.contains(r.status),
                       method << " " << target << ", " << in.name << ": " << r.status);
            BOOST_TEST(r.status < 500u, method << " " << target << ", " << in.name);
            if (target.starts_with("/api/") && r.status >= 400u)
                BOOST_TEST(r.json().as_object().contains("error"), in.name);
            ++checked;
        }
    }
};

}  // namespace

// The two cases count only what they send, so they share one server.
BOOST_FIXTURE_TEST_SUITE(abuse_bad_input, input_server,
                         *test::needs("SAMVERKAN_TEST_DATABASE_URL") * test::one_server_per_suite())

BOOST_AUTO_TEST_CASE(garbled_oversized_and_badly_encoded_bodies_are_4xx_never_500) {
    auto const event = add_event();
    auto const created = post_registration(event, registration("anna@example.test"));
    BOOST_REQUIRE_EQUAL(created.status, 201u);
    auto const token = token_of(created);
    auto const before = count("select count(*) from attendees");
    auto const event_path = "/events/" + std::to_string(event);

    expect_refused("POST", "/api/v1/events/" + std::to_string(event) + "/registrations",
                   json_bodies());
    expect_refused("PATCH", "/api/v1/registrations/" + token, json_bodies());
    expect_refused("POST", "/api/v1/auth/login", for_login(json_bodies()));
    expect_refused("POST", event_path, form_bodies());
    expect_refused("POST", "/r/" + token, form_bodies());
    std::printf("abuse_bad_input: %d bad bodies answered\n", checked);

    // Nothing was written, no change mailed …
    BOOST_TEST(count("select count(*) from attendees") == before);
    BOOST_TEST(count("select count(*) from outbox where template <> 'confirmation'") == 0);
    // … and the server still serves a good request (the negative control of each case).
    BOOST_TEST(client.get("/healthz").status == 200u);
    BOOST_TEST(post_registration(event, registration("bo@example.test")).status == 201u);
}

BOOST_AUTO_TEST_CASE(odd_paths_are_not_found_not_errors) {
    auto const event = std::to_string(add_event());
    for (auto const* path :
         {"/static/", "/static", "/static/%00", "/static/..%2F..%2Fetc%2Fpasswd", "/r/%FF%FE",
          "/r/", "/events/99999999999999999999", "/events/-1", "/api/v1/registrations/%00"}) {
        auto const r = client.get(path);
        BOOST_TEST((r.status == 404u || r.status == 400u), path << ": " << r.status);
    }
    auto const r = client.request("POST", "/api/v1/events/abc/registrations", "{}", json_type);
    BOOST_TEST((r.status == 404u || r.status == 400u), r.status);
    BOOST_TEST(client.get("/events/" + event).status == 200u);  // the control
}

BOOST_AUTO_TEST_SUITE_END()

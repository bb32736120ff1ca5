// Authorisation in one place, proven over the real route table: the binary prints the
// routes exactly as `serve` wires them (`samverkan routes`), and every staff route is called
// without a session and as every role against the real server. A new route cannot slip in
// without a decision: it is either staff (and then checked here) or public by the contract.
#include "tests/e2e/auth_fixture.hpp"
#include "tests/support/command.hpp"
#include "tests/support/services.hpp"

#include <cstdio>
#include <map>
#include <regex>
#include <set>

using namespace samverkan;
namespace json = boost::json;

namespace {

struct route_entry {
    std::string method;
    std::string pattern;
    std::string access;
};

std::vector<route_entry> route_table() {
    std::string const command =
        test::server_process::binary() + " routes --database-url 'host=/nonexistent dbname=unused'";
    auto const run = test::run_command(command);
    BOOST_REQUIRE_EQUAL(run.status, 0);
    auto const& out = run.output;
    std::vector<route_entry> routes;
    std::size_t start = 0;
    while (start < out.size()) {
        auto const stop = out.find('\n', start);
        auto const line = json::parse(out.substr(start, stop - start)).as_object();
        routes.push_back({std::string{line.at("method").as_string()},
                          std::string{line.at("pattern").as_string()},
                          std::string{line.at("access").as_string()}});
        start = stop == std::string::npos ? out.size() : stop + 1;
    }
    return routes;
}

// "/api/v1/users/{id}/deactivate" → "/api/v1/users/{}/deactivate".
std::string shape(std::string const& pattern) {
    return std::regex_replace(pattern, std::regex{R"(\{[^}]*\})"}, "{}");
}

// A concrete path: every parameter `id` (by default one that does not exist).
std::string concrete(std::string const& pattern, std::string const& id = "999999") {
    return std::regex_replace(pattern, std::regex{R"(\{[^}]*\})"}, id);
}

// The API endpoints that API.md makes public; every other /api/ route must be staff.
bool public_by_contract(route_entry const& r) {
    static std::set<std::pair<std::string, std::string>> const public_api = {
        {"POST", "/api/v1/auth/login"},
        {"GET", "/api/v1/events"},
        {"GET", "/api/v1/events/{}"},
        {"POST", "/api/v1/events/{}/registrations"},
        {"GET", "/api/v1/registrations/{}"},
        {"PATCH", "/api/v1/registrations/{}"},
        {"POST", "/api/v1/registrations/{}/cancel"},
        {"DELETE", "/api/v1/registrations/{}/attendees/{}"},
    };
    auto const s = shape(r.pattern);
    if (s.starts_with("/api/")) return public_api.contains({r.method, s});
    for (auto const* staff_only : {"/admin", "/staff", "/account", "/logout"})
        if (s.starts_with(staff_only)) return false;
    return true;  // public pages, operations, static files
}

int rank(std::string const& role) {
    return role == "steering" ? 1 : role == "organiser" ? 2 : role == "admin" ? 3 : 0;
}

bool changes_state(std::string const& method) {
    return method != "GET" && method != "HEAD";
}

struct matrix_fixture : test::auth_server {
    std::map<std::string, test::staff_account> accounts{
        {"steering", add_user("steering@example.org", "steering")},
        {"organiser", add_user("organiser@example.org", "organiser")},
        {"admin", add_user("admin@example.org", "admin")},
    };

    test::http_result call(test::http_client& c, route_entry const& r, std::string const& csrf) {
        std::map<std::string, std::string> headers;
        if (!csrf.empty()) headers["X-CSRF-Token"] = csrf;
        if (!changes_state(r.method))
            return c.request(r.method, concrete(r.pattern), {}, {}, headers);
        return c.request(r.method, concrete(r.pattern), "{}", "application/json", headers);
    }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(auth_route_table)

BOOST_AUTO_TEST_CASE(every_route_is_either_staff_with_a_role_or_public_by_the_contract) {
    auto const routes = route_table();
    BOOST_TEST(routes.size() > 10u);
    for (auto const& r : routes) {
        BOOST_TEST_CONTEXT(r.method << " " << r.pattern << " (" << r.access << ")") {
            if (r.access.starts_with("staff:")) {
                BOOST_TEST(rank(r.access.substr(6)) > 0);  // a known role
            } else if (r.access == "metrics-allow") {
                BOOST_TEST(r.pattern == "/metrics");  // by client address, not by role
            } else {
                BOOST_TEST(r.access == "public");
                BOOST_TEST(public_by_contract(r),
                           "public, but staff by the contract: protect it with auth::require");
            }
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_FIXTURE_TEST_SUITE(auth_role_matrix, matrix_fixture,
                         *test::needs("SAMVERKAN_TEST_DATABASE_URL"))

BOOST_AUTO_TEST_CASE(every_staff_route_answers_401_403_or_passes_by_role) {
    std::vector<route_entry> staff;
    for (auto const& r : route_table())
        if (r.access.starts_with("staff:")) staff.push_back(r);
    BOOST_TEST_REQUIRE(!staff.empty());
    auto anonymous = client();
    std::map<std::string, test::http_client> clients;
    std::map<std::string, std::string> csrf;
    for (auto const& [role, account] : accounts) {
        clients.emplace(role, client());
        csrf[role] = login(clients.at(role), account);
    }
    for (auto const& r : staff) {
        int const least = rank(r.access.substr(6));
        BOOST_TEST_CONTEXT(r.method << " " << r.pattern << " (" << r.access << ")") {
            BOOST_TEST(call(anonymous, r, {}).status == 401u);
            for (auto& [role, c] : clients) {
                BOOST_TEST_CONTEXT("as " << role) {
                    auto const status = call(c, r, csrf[role]).status;
                    if (rank(role) < least) {
                        BOOST_TEST(status == 403u);
                    } else {
                        BOOST_TEST(status != 401u);
                        BOOST_TEST(status != 403u);
                    }
                    // Logout (or the like) may have ended the session: log in again.
                    if (c.get("/api/v1/auth/me").status == 401u)
                        csrf[role] = login(c, accounts.at(role));
                }
            }
        }
    }
}

// Need-to-know (API.md "Registrations (staff)"): every route a steering user may read is
// called with an event whose attendees' needs hold unique markers, and no answer holds one.
// The organiser's list does (the control: the markers are there to be found).
BOOST_AUTO_TEST_CASE(steering_never_receives_a_needs_marker_from_any_route) {
    database.execute(
        "insert into events (kind, title, starts_at, ends_at, capacity, status, venue, food)"
        " values ('theme_meeting', 'Behovsträff', now() + interval '30 days',"
        " now() + interval '30 days 2 hours', 10, 'published', 'Rådhuset', true)");
    auto const event = std::to_string(database.scalar("select max(id) from events"));
    auto visitor = client();
    json::object const body{
        {"contact", {{"name", "Kontakt"}, {"email", "behov@kontakt.example"}}},
        {"attendees", json::array{json::object{{"name", "Deltagare"},
                                               {"affiliation", "civil_society"},
                                               {"dietary", json::array{"nut_allergy"}},
                                               {"dietary_other", "NEEDMARKDIET"},
                                               {"accessibility", "NEEDMARKACCESS"}}}},
        {"consent", true}};
    BOOST_REQUIRE_EQUAL(
        visitor.post_json("/api/v1/events/" + event + "/registrations", body).status, 201u);
    auto steering = client();
    login(steering, accounts.at("steering"));
    auto organiser = client();
    login(organiser, accounts.at("organiser"));
    int read = 0;
    for (auto const& r : route_table()) {
        if (r.method != "GET" || r.access != "staff:steering") continue;
        auto const path = concrete(r.pattern, event);
        BOOST_TEST_CONTEXT("GET " << path) {
            auto const res = steering.get(path);
            BOOST_TEST(res.body.find("NEEDMARK") == std::string::npos);
            BOOST_TEST(res.body.find("nut_allergy") == std::string::npos);
            if (res.status == 200u) ++read;
        }
    }
    BOOST_TEST(read >= 4);  // the lists, the CSV, the attendance and the staff pages answered
    auto const own = organiser.get("/api/v1/events/" + event + "/registrations");
    BOOST_TEST(own.body.find("NEEDMARKACCESS") != std::string::npos);
    BOOST_TEST(
        organiser.get("/api/v1/events/" + event + "/registrations.csv").body.find("NEEDMARKDIET") !=
        std::string::npos);
}

BOOST_AUTO_TEST_CASE(every_unsafe_staff_route_refuses_a_request_without_the_csrf_token) {
    auto c = client();
    login(c, accounts.at("admin"));
    int checked = 0;
    for (auto const& r : route_table()) {
        if (!r.access.starts_with("staff:") || !changes_state(r.method)) continue;
        BOOST_TEST_CONTEXT(r.method << " " << r.pattern) {
            auto const res = call(c, r, {});
            BOOST_TEST(res.status == 403u);
            BOOST_TEST(res.json().at("error").as_string() == "forbidden");
        }
        ++checked;
    }
    BOOST_TEST(checked > 0);
    BOOST_TEST(c.get("/api/v1/auth/me").status == 200u);  // nothing was logged out
}

BOOST_AUTO_TEST_SUITE_END()

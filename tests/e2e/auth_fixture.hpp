#pragma once

// Shared set-up of the auth end-to-end suites: a fresh database, the real server on it,
// staff accounts made through the auth service, and logins over HTTP.
#include "modules/auth/auth_service.hpp"
#include "tests/support/http_client.hpp"
#include "tests/support/server_process.hpp"
#include "tests/support/suite_server.hpp"
#include "tests/support/test_database.hpp"

#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>
#include <sodium.h>

#include <memory>
#include <string>
#include <vector>

namespace samverkan::test {

inline constexpr char const* good_password = "rätt häst batteri häftklammer";

struct staff_account {
    long long id = 0;
    std::string email;
    std::string password;
};

struct auth_server {
    std::shared_ptr<server_environment> environment;  // the case's, or its suite's
    test_database& database;
    server_process& server;

    explicit auth_server(std::vector<std::string> args = {})
        : environment(environment_for(std::move(args))),
          database(environment->database),
          server(environment->server) {
        BOOST_REQUIRE(sodium_init() >= 0);
    }

    /// Adds an account straight through the service (no HTTP), as the CLI does. In a suite
    /// that shares its server, an account an earlier case added is used again.
    staff_account add_user(std::string const& email, std::string const& role,
                           std::string const& password = good_password) {
        if (sharing_environment())
            if (auto const id = database.scalar("select coalesce(max(id), 0) from users where"
                                                " email = '" +
                                                email + "'"))
                return staff_account{id, email, password};
        auth::auth_service service{database.db(), auth::auth_settings{}, 1};
        auto const u = service.add_user_now(
            auth::new_user{
                .email = email, .name = "Test " + role, .role = role, .password = password},
            auth::actor{0, "test"});
        return staff_account{u.id, email, password};
    }

    [[nodiscard]] http_client client() const { return http_client{server.port()}; }

    /// A client connecting from another loopback address (127.0.0.2 …): another client
    /// address to the server.
    [[nodiscard]] http_client client_from(std::string const& address) const {
        return http_client{server.port(), address};
    }

    /// Logs `c` in; returns the CSRF token (fails the test unless the login succeeds).
    static std::string login(http_client& c, staff_account const& who) {
        auto const r =
            c.post_json("/api/v1/auth/login",
                        boost::json::object{{"email", who.email}, {"password", who.password}});
        BOOST_REQUIRE_EQUAL(r.status, 200u);
        return std::string{r.json().at("csrf_token").as_string()};
    }
};

/// The Set-Cookie attributes of a response, lower-cased, e.g. {"httponly", "path=/"}.
inline std::vector<std::string> cookie_attributes(std::string const& set_cookie) {
    std::vector<std::string> out;
    std::size_t start = set_cookie.find(';');
    while (start != std::string::npos) {
        auto const stop = set_cookie.find(';', start + 1);
        auto part =
            set_cookie.substr(start + 1, stop == std::string::npos ? stop : stop - start - 1);
        while (!part.empty() && part.front() == ' ') part.erase(0, 1);
        for (auto& c : part) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        out.push_back(part);
        start = stop;
    }
    return out;
}

}  // namespace samverkan::test

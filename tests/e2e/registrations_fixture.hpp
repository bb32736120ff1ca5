#pragma once

// Shared set-up of the events and registrations end-to-end suites: the real server on a
// fresh database, events made straight in the database, registrations over HTTP.
#include "modules/core/database.hpp"
#include "tests/e2e/auth_fixture.hpp"
#include "tests/support/http_client.hpp"
#include "tests/support/server_process.hpp"
#include "tests/support/test_database.hpp"

#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>
#include <soci/soci.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

namespace samverkan::test {

struct registration_server : auth_server {
    http_client client;

    explicit registration_server(std::vector<std::string> args = {"--registration-rate-limit", "0"})
        : auth_server(std::move(args)), client(server.port()) {}

    /// A published event starting in 30 days; `set` is extra SQL assignments for the row
    /// ("capacity = 2, waitlist = false").
    long long add_event(std::string const& set = "") {
        database.execute(
            "insert into events (kind, title, starts_at, ends_at, capacity, status, venue, food)"
            " values ('theme_meeting', 'Tematräff: psykisk hälsa', now() + interval '30 days',"
            " now() + interval '30 days 2 hours', 10, 'published', 'Rådhuset', true)");
        auto const id = database.scalar("select max(id) from events");
        if (!set.empty())
            database.execute("update events set " + set + " where id = " + std::to_string(id));
        return id;
    }

    long long count(std::string const& sql) { return database.scalar(sql); }

    /// One text value from the database ("" for NULL or no row).
    std::string text(std::string const& sql) {
        std::string out;
        database.db().with_session([&](soci::session& s) {
            soci::indicator ind = soci::i_ok;
            s << sql, soci::into(out, ind);
            if (!s.got_data() || ind == soci::i_null) out.clear();
        });
        return out;
    }

    /// Logs the client in as a new staff member with `role`; returns the CSRF token.
    std::string login_as(std::string const& role) {
        auto const who = add_user(role + "@kristianstad.example", role);
        return login(client, who);
    }

    static boost::json::object registration(std::string const& email, int attendees = 1) {
        boost::json::array list;
        for (int i = 0; i < attendees; ++i)
            list.push_back(boost::json::object{{"name", "Deltagare " + std::to_string(i + 1)},
                                               {"affiliation", "civil_society"},
                                               {"dietary", boost::json::array{"vegetarian"}}});
        return boost::json::object{{"contact", {{"name", "Kontakt"}, {"email", email}}},
                                   {"attendees", std::move(list)},
                                   {"consent", true}};
    }

    http_result post_registration(long long event, boost::json::value const& body,
                                  std::map<std::string, std::string> const& headers = {}) {
        return client.post_json("/api/v1/events/" + std::to_string(event) + "/registrations", body,
                                headers);
    }

    /// The self-service API path of a manage token.
    static std::string self_service_path(std::string const& token) {
        return "/api/v1/registrations/" + token;
    }

    /// Runs `body(client, i)` for i in [0, clients) on threads of their own, each with a
    /// client connected from 127.0.0.<first_host + i> before all start at once.
    template <class Body>
    void at_once(int clients, int first_host, Body body) {
        std::atomic<int> ready{0};
        std::vector<std::thread> threads;
        for (int c = 0; c < clients; ++c)
            threads.emplace_back([&, c] {
                auto mine = client_from("127.0.0." + std::to_string(first_host + c));
                mine.get("/healthz");
                ++ready;
                while (ready.load() < clients) std::this_thread::yield();
                body(mine, c);
            });
        for (auto& t : threads) t.join();
    }

    /// The manage token of a 201 answer.
    static std::string token_of(http_result const& r) {
        auto const url = std::string{r.json().at("manage_url").as_string()};
        return url.substr(url.rfind('/') + 1);
    }

    /// Checks API.md's error body and returns its field map (empty when there is none).
    static boost::json::object expect_error(http_result const& r, unsigned status,
                                            std::string const& code) {
        BOOST_TEST(r.status == status);
        auto const body = r.json().as_object();
        BOOST_TEST(body.at("error").as_string() == code);
        if (auto const* fields = body.if_contains("fields")) return fields->as_object();
        return {};
    }
};

}  // namespace samverkan::test

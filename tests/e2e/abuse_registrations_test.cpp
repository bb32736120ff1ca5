// Issue 9, the public registration routes as an attacker uses them, over the real server:
// one address booking out an event ten seats at a time behind a proxy it lies to, an
// Idempotency-Key replayed with another body to read someone's manage link, and manage links
// guessed. Other clients are other loopback addresses (127.0.0.2 …) or, behind the trusted
// proxy on 127.0.0.1, other X-Forwarded-For addresses. The rules are the SQL functions
// samverkan_rate_take, samverkan_replay and samverkan_manage_access.
#include "tests/e2e/registrations_fixture.hpp"
#include "tests/support/services.hpp"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <thread>

using namespace samverkan;
using namespace std::chrono_literals;

namespace {

constexpr int seat_budget = 20;   // --registration-rate-limit
constexpr int manage_budget = 4;  // --manage-rate-limit: 4 per registration, 20 per address

struct abuse_registrations : test::registration_server {
    abuse_registrations()
        : registration_server({"--registration-rate-limit", std::to_string(seat_budget),
                               "--manage-rate-limit", std::to_string(manage_budget),
                               "--trusted-proxies", "127.0.0.1"}) {}

    std::string path_of(long long event) const {
        return "/api/v1/events/" + std::to_string(event) + "/registrations";
    }

    /// A registration of `seats` sent by `c` with this X-Forwarded-For line ("" for none).
    test::http_result register_via(test::http_client& c, long long event, std::string const& email,
                                   int seats, std::string const& forwarded) {
        std::map<std::string, std::string> headers;
        if (!forwarded.empty()) headers["X-Forwarded-For"] = forwarded;
        return c.post_json(path_of(event), registration(email, seats), headers);
    }

    /// The limits count per clock minute (samverkan_rate_take); a run that must stay inside
    /// one minute starts early in it, so that no budget is renewed half-way.
    void wait_for_a_fresh_minute(int needed_seconds = 20) {
        auto const second = count("select extract(second from now())::int");
        if (second > 60 - needed_seconds)
            std::this_thread::sleep_for(std::chrono::seconds(61 - second));
    }

    long long hits_of(std::string const& key) {
        return count("select coalesce(sum(hits), 0) from rate_limits where key = '" + key + "'");
    }
};

/// A well-formed manage token nobody was given: 43 base64url characters.
std::string guessed_token(int i) {
    char tail[16];
    std::snprintf(tail, sizeof tail, "%08d", i);
    return std::string(35, 'G') + tail;
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(abuse_seats, abuse_registrations,
                         *test::needs("SAMVERKAN_TEST_DATABASE_URL"))

BOOST_AUTO_TEST_CASE(three_registrations_of_ten_seats_from_one_address_behind_the_proxy) {
    auto const event = add_event("capacity = 500");
    wait_for_a_fresh_minute();
    // Three clients of one real address 198.51.100.7, each writing another fake first hop;
    // our proxy (this test, on 127.0.0.1) appends the address it saw.
    std::vector<unsigned> answers;
    for (int i = 1; i <= 3; ++i) {
        test::http_client one{server.port()};
        auto const r = register_via(one, event, "flood" + std::to_string(i) + "@example.test", 10,
                                    "203.0.113." + std::to_string(i) + ", 198.51.100.7");
        answers.push_back(r.status);
        if (i == 3) {
            expect_error(r, 429, "rate_limited");
            auto const retry = std::stoi(r.header("retry-after"));
            BOOST_TEST((retry >= 1 && retry <= 60));
        }
    }
    BOOST_TEST(answers == (std::vector<unsigned>{201u, 201u, 429u}),
               boost::test_tools::per_element());
    // Another real address behind the same proxy still gets its seats.
    test::http_client other{server.port()};
    BOOST_TEST(register_via(other, event, "other@example.test", 10, "198.51.100.8").status == 201u);
    BOOST_TEST(hits_of("registration:198.51.100.7") == seat_budget);
    BOOST_TEST(hits_of("registration:198.51.100.8") == 10);
    BOOST_TEST(
        count("select count(*) from rate_limits where key like 'registration:203.0.113.%'") == 0);
    BOOST_TEST(count("select count(*) from attendees where event_id = " + std::to_string(event)) ==
               30);
}

BOOST_AUTO_TEST_CASE(a_peer_that_is_no_trusted_proxy_cannot_choose_its_address_by_header) {
    auto const event = add_event("capacity = 500");
    wait_for_a_fresh_minute();
    // 127.0.0.2 is not our proxy: a fresh X-Forwarded-For address on every request changes
    // nothing, all 30 seats count against 127.0.0.2 itself.
    std::vector<unsigned> answers;
    for (int i = 1; i <= 3; ++i) {
        auto c = client_from("127.0.0.2");
        answers.push_back(register_via(c, event, "peer" + std::to_string(i) + "@example.test", 10,
                                       "198.51.100." + std::to_string(20 + i))
                              .status);
    }
    BOOST_TEST(answers == (std::vector<unsigned>{201u, 201u, 429u}),
               boost::test_tools::per_element());
    BOOST_TEST(hits_of("registration:127.0.0.2") == seat_budget);
    BOOST_TEST(count("select count(*) from rate_limits where key like 'registration:198.%'") == 0);
    // Negative control: the same header through the trusted proxy is believed.
    test::http_client proxy{server.port()};
    BOOST_TEST(register_via(proxy, event, "proxied@example.test", 10, "198.51.100.23").status ==
               201u);
    BOOST_TEST(hits_of("registration:198.51.100.23") == 10);
}

BOOST_AUTO_TEST_CASE(many_clients_at_once_from_one_address_get_exactly_its_seat_budget) {
    auto const event = add_event("capacity = 500");
    wait_for_a_fresh_minute();
    constexpr int clients = 8;
    std::atomic<int> ready{0}, created{0}, refused{0}, others_created{0};
    std::vector<std::thread> threads;
    for (int c = 0; c < clients; ++c)
        threads.emplace_back([&, c] {
            test::http_client flood{server.port()}, honest{server.port()};
            flood.get("/healthz");
            honest.get("/healthz");
            ++ready;
            while (ready.load() < clients) std::this_thread::yield();
            auto const n = std::to_string(c);
            // Ten seats each from one real address, fake first hops all different …
            auto const r = register_via(flood, event, "f" + n + "@example.test", 10,
                                        "203.0.113." + n + ", 198.51.100.7");
            if (r.status == 201) ++created;
            if (r.status == 429) ++refused;
            // … while each honest client of its own address books its ten at the same time.
            auto const h = register_via(honest, event, "h" + n + "@example.test", 10,
                                        "198.51.100." + std::to_string(100 + c));
            if (h.status == 201) ++others_created;
        });
    for (auto& t : threads) t.join();
    std::printf("abuse_seats: %d clients at once from one address: %d created, %d refused\n",
                clients, created.load(), refused.load());
    BOOST_TEST(created.load() == seat_budget / 10);
    BOOST_TEST(refused.load() == clients - seat_budget / 10);
    BOOST_TEST(others_created.load() == clients);  // the control: the limit is per address
    BOOST_TEST(hits_of("registration:198.51.100.7") == seat_budget);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_FIXTURE_TEST_SUITE(abuse_idempotency, abuse_registrations,
                         *test::needs("SAMVERKAN_TEST_DATABASE_URL"))

BOOST_AUTO_TEST_CASE(the_same_key_with_another_body_is_409_without_the_first_answer) {
    auto const event = add_event();
    std::map<std::string, std::string> const key{{"Idempotency-Key", "anna-2026-12-01"}};
    auto const first = post_registration(event, registration("anna@example.test"), key);
    BOOST_REQUIRE_EQUAL(first.status, 201u);
    auto const token = token_of(first);
    // The attacker knows (or guesses) the key, not the body, and asks from elsewhere.
    auto attacker = client_from("127.0.0.2");
    for (auto const& body :
         {registration("mallory@example.test"), registration("anna@example.test", 2)}) {
        auto const r = attacker.post_json(path_of(event), body, key);
        expect_error(r, 409, "conflict");
        BOOST_TEST(r.body.find(token) == std::string::npos);
        BOOST_TEST(r.body.find("manage_url") == std::string::npos);
        BOOST_TEST(r.body.find("anna@") == std::string::npos);
    }
    BOOST_TEST(count("select count(*) from registrations") == 1);
    // Negative control: the same body with the key is the replay, with the first answer.
    auto const replay = attacker.post_json(path_of(event), registration("anna@example.test"), key);
    BOOST_TEST(replay.status == 201u);
    BOOST_TEST(replay.json() == first.json());
}

BOOST_AUTO_TEST_CASE(one_key_sent_at_once_with_different_bodies_lets_exactly_one_through) {
    auto const event = add_event();
    constexpr int clients = 8;
    std::atomic<int> created{0}, conflicts{0}, leaked{0};
    at_once(clients, 10, [&](test::http_client& mine, int c) {
        auto const r = mine.post_json(path_of(event),
                                      registration("racer" + std::to_string(c) + "@example.test"),
                                      {{"Idempotency-Key", "one-key-for-all"}});
        if (r.status == 201) ++created;
        if (r.status == 409 && r.json().at("error").as_string() == "conflict") ++conflicts;
        if (r.status != 201 && r.body.find("manage_url") != std::string::npos) ++leaked;
    });
    BOOST_TEST(created.load() == 1);
    BOOST_TEST(conflicts.load() == clients - 1);
    BOOST_TEST(leaked.load() == 0);
    BOOST_TEST(count("select count(*) from registrations") == 1);
    BOOST_TEST(count("select count(*) from idempotency_keys") == 1);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_FIXTURE_TEST_SUITE(abuse_manage_links, abuse_registrations,
                         *test::needs("SAMVERKAN_TEST_DATABASE_URL"))

BOOST_AUTO_TEST_CASE(guessing_manage_links_from_one_address_meets_the_address_limit) {
    auto const event = add_event();
    auto const real = token_of(post_registration(event, registration("anna@example.test")));
    wait_for_a_fresh_minute();
    auto guesser = client_from("127.0.0.2");
    int not_found = 0;
    for (int i = 0; i < manage_budget * 5; ++i)
        if (guesser.get(self_service_path(guessed_token(i))).status == 404u) ++not_found;
    BOOST_TEST(not_found == manage_budget * 5);
    auto const refused = guesser.get(self_service_path(guessed_token(999)));
    expect_error(refused, 429, "rate_limited");
    BOOST_TEST(!refused.header("retry-after").empty());
    // Past the limit even a right guess tells nothing, on the API and on the page.
    BOOST_TEST(guesser.get(self_service_path(real)).status == 429u);
    BOOST_TEST(guesser.get("/r/" + real).status == 429u);
    // Negative control: the owner, elsewhere, is not affected.
    auto owner = client_from("127.0.0.3");
    BOOST_TEST(owner.get(self_service_path(real)).status == 200u);
    BOOST_TEST(owner.get("/r/" + real).status == 200u);
}

BOOST_AUTO_TEST_CASE(one_registration_answers_its_budget_a_minute_whoever_asks) {
    auto const event = add_event();
    auto const real = token_of(post_registration(event, registration("anna@example.test")));
    auto const other = token_of(post_registration(event, registration("bo@example.test")));
    wait_for_a_fresh_minute();
    // From a new address each time: the per-address limit never bites, the per-link one does.
    for (int i = 0; i < manage_budget; ++i) {
        auto c = client_from("127.0.0." + std::to_string(20 + i));
        BOOST_TEST(c.get(self_service_path(real)).status == 200u);
    }
    auto late = client_from("127.0.0.30");
    auto const refused = late.get(self_service_path(real));
    expect_error(refused, 429, "rate_limited");
    BOOST_TEST(late.patch_json(self_service_path(real), boost::json::object{}).status == 429u);
    BOOST_TEST(count("select count(*) from outbox where template = 'changed'") == 0);
    // Negative control: another registration, from the same address, answers.
    BOOST_TEST(late.get(self_service_path(other)).status == 200u);
}

BOOST_AUTO_TEST_SUITE_END()

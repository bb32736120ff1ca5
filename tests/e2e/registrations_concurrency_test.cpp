// The seat race over HTTP: 512 registrations sent at once over 64 keep-alive connections to
// the real server. With the seat lock exactly the capacity is confirmed, the rest wait in
// arrival order; with --unsafe-disable-seat-lock (the negative control) the same run
// overbooks, so this test can see a race.
#include "tests/e2e/registrations_fixture.hpp"
#include "tests/support/services.hpp"

#include <atomic>
#include <cstdio>
#include <thread>

using namespace samverkan;

namespace {

constexpr int capacity = 50;
constexpr int connections = 64;
constexpr int per_connection = 8;

struct race_server : test::registration_server {
    explicit race_server(bool lock)
        : registration_server(lock ? std::vector<std::string>{"--registration-rate-limit", "0",
                                                              "--db-pool-size", "16"}
                                   : std::vector<std::string>{"--registration-rate-limit", "0",
                                                              "--db-pool-size", "16",
                                                              "--unsafe-disable-seat-lock"}) {}

    /// Sends every registration at once; returns how many answered 201.
    int race(long long event, int round) {
        std::atomic<int> ready{0}, created{0};
        std::vector<std::thread> threads;
        for (int c = 0; c < connections; ++c)
            threads.emplace_back([&, c] {
                test::http_client mine{server.port()};
                mine.get("/healthz");  // connected before the start
                ++ready;
                while (ready.load() < connections) std::this_thread::yield();
                for (int i = 0; i < per_connection; ++i) {
                    char email[64];
                    std::snprintf(email, sizeof email, "r%dc%di%d@example.test", round, c, i);
                    auto const r =
                        mine.post_json("/api/v1/events/" + std::to_string(event) + "/registrations",
                                       registration(email));
                    if (r.status == 201) ++created;
                }
            });
        for (auto& t : threads) t.join();
        return created.load();
    }

    long long confirmed(long long event) {
        return count("select count(*) from attendees where status = 'confirmed' and event_id = " +
                     std::to_string(event));
    }
};

struct locked_server : race_server {
    locked_server() : race_server(true) {}
};

struct unlocked_server : race_server {
    unlocked_server() : race_server(false) {}
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(registrations_http_race, locked_server,
                         *test::needs("SAMVERKAN_TEST_DATABASE_URL"))

BOOST_AUTO_TEST_CASE(registrations_over_64_connections_fill_exactly_the_seats) {
    auto const event = add_event("capacity = " + std::to_string(capacity));
    BOOST_TEST(race(event, 0) == connections * per_connection);
    auto const e = std::to_string(event);
    BOOST_TEST(confirmed(event) == capacity);
    BOOST_TEST(count("select count(*) from attendees where status = 'waitlisted' and event_id = " +
                     e) == connections * per_connection - capacity);
    BOOST_TEST(count("select count(*) from (select status from attendees where event_id = " + e +
                     " order by queued_at, id limit " + std::to_string(capacity) +
                     ") s where status = 'confirmed'") == capacity);
    BOOST_TEST(count("select confirmed_count from events where id = " + e) == capacity);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_FIXTURE_TEST_SUITE(registrations_http_race_negative_control, unlocked_server,
                         *test::needs("SAMVERKAN_TEST_DATABASE_URL"))

BOOST_AUTO_TEST_CASE(without_the_seat_lock_the_same_http_run_overbooks) {
    long long worst = 0;
    for (int round = 0; round < 5 && worst <= capacity; ++round) {
        auto const event = add_event("capacity = " + std::to_string(capacity));
        (void)race(event, round);
        worst = confirmed(event);
        BOOST_TEST_MESSAGE("unlocked HTTP round " << round << ": " << worst << " confirmed of "
                                                  << capacity);
    }
    BOOST_TEST(worst > capacity);
}

BOOST_AUTO_TEST_SUITE_END()

// Seats under real concurrency against the real PostgreSQL: hundreds of registrations at
// once over 64 connections, cancellations that promote, a mixed run, and the negative
// control that proves these tests can see a race.
#include "tests/integration/registrations_fixture.hpp"
#include "tests/support/services.hpp"

#include <boost/asio/awaitable.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <map>
#include <mutex>
#include <random>

using namespace samverkan;
using samverkan::test::person;

namespace {

constexpr int capacity = 50;
constexpr std::size_t registrations_sent = 512;

struct race_result {
    std::map<long long, std::string> token_by_registration;
    std::map<long long, std::string> status_by_registration;
    std::map<std::string, int> answers;  // status → count
    int failures = 0;
};

race_result register_at_once(registrations::public_registration_service& service,
                             long long event_id, std::size_t n, int first_person = 0) {
    race_result out;
    std::mutex mutex;
    out.failures = test::run_at_once(n, [&](std::size_t i) -> asio::awaitable<void> {
        auto r = co_await service.register_attendees(
            event_id, person(first_person + static_cast<int>(i)), std::nullopt, "10.0.0.1");
        std::lock_guard lock(mutex);
        out.token_by_registration[r.id] = r.token;
        out.status_by_registration[r.id] = r.status;
        ++out.answers[r.status];
    });
    return out;
}

std::string event_sql(long long id) {
    return std::to_string(id);
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(registrations_concurrency, test::seat_fixture,
                         *test::needs("SAMVERKAN_TEST_DATABASE_URL"))

BOOST_AUTO_TEST_CASE(five_hundred_registrations_at_once_fill_exactly_the_seats_in_arrival_order) {
    auto const event = add_event(capacity);
    auto const e = event_sql(event);
    auto const race = register_at_once(*service, event, registrations_sent);
    BOOST_TEST(race.failures == 0);
    BOOST_TEST(race.answers.at("confirmed") == capacity);
    BOOST_TEST(race.answers.at("waitlisted") == static_cast<int>(registrations_sent) - capacity);

    // Exactly the seats, no attendee counted twice, counters equal to the rows.
    BOOST_TEST(count("select count(*) from attendees where event_id = " + e +
                     " and status = 'confirmed'") == capacity);
    BOOST_TEST(count("select count(*) from attendees where event_id = " + e) ==
               static_cast<long long>(registrations_sent));
    BOOST_TEST(count("select count(distinct registration_id) from attendees where event_id = " +
                     e) == static_cast<long long>(registrations_sent));
    BOOST_TEST(count("select confirmed_count from events where id = " + e) == capacity);
    BOOST_TEST(count("select waitlisted_count from events where id = " + e) ==
               static_cast<long long>(registrations_sent) - capacity);
    // First come, first served: the confirmed are the first 50 in (queued_at, id) order,
    // and that order is the order of arrival at the lock (ids are drawn under it).
    BOOST_TEST(count("select count(*) from (select status from attendees where event_id = " + e +
                     " order by queued_at, id limit 50) s where status = 'confirmed'") == capacity);
    BOOST_TEST(count("select count(*) from (select id, lag(id) over (order by queued_at, id) as"
                     " before from attendees where event_id = " +
                     e + ") s where before > id") == 0);
    // One mail per registration, queued with it.
    BOOST_TEST(count("select count(*) from outbox where template = 'confirmation'") == capacity);
    BOOST_TEST(count("select count(*) from outbox where template = 'waitlisted'") ==
               static_cast<long long>(registrations_sent) - capacity);
}

BOOST_AUTO_TEST_CASE(cancellations_at_once_promote_exactly_the_next_in_line) {
    auto const event = add_event(capacity);
    auto const e = event_sql(event);
    auto race = register_at_once(*service, event, registrations_sent);
    BOOST_REQUIRE(race.failures == 0);
    // The ten first in line, and ten confirmed registrations to cancel.
    database.execute("create table expected as select id from attendees where event_id = " + e +
                     " and status = 'waitlisted' order by queued_at, id limit 10");
    std::vector<std::string> tokens;
    for (auto const& [id, status] : race.status_by_registration)
        if (status == "confirmed" && tokens.size() < 10)
            tokens.push_back(race.token_by_registration.at(id));
    BOOST_REQUIRE_EQUAL(tokens.size(), 10u);
    auto const failures =
        test::run_at_once(tokens.size(), [&](std::size_t i) -> asio::awaitable<void> {
            (void)co_await manage.cancel(caller(tokens[i]));
        });
    BOOST_TEST(failures == 0);
    BOOST_TEST(count("select count(*) from attendees where event_id = " + e +
                     " and status = 'confirmed'") == capacity);
    BOOST_TEST(count("select count(*) from attendees a join expected x on x.id = a.id"
                     " where a.status = 'confirmed'") == 10);
    BOOST_TEST(count("select count(*) from outbox o join expected x"
                     " on o.idempotency_key = 'promoted:attendee:' || x.id") == 10);
    BOOST_TEST(count("select count(*) from outbox where template = 'promoted'") == 10);
    BOOST_TEST(count("select count(*) from outbox where template = 'cancelled'") == 10);
    BOOST_TEST(count("select confirmed_count from events where id = " + e) == capacity);
    BOOST_TEST(count("select waitlisted_count from events where id = " + e) ==
               static_cast<long long>(registrations_sent) - capacity - 10);
    // Still first come, first served: nobody waiting is ahead of a confirmed attendee.
    BOOST_TEST(count("select count(*) from attendees w, attendees c where w.event_id = " + e +
                     " and c.event_id = " + e +
                     " and w.status = 'waitlisted' and c.status = 'confirmed'"
                     " and (w.queued_at, w.id) < (c.queued_at, c.id)"
                     " and c.id not in (select id from expected)") == 0);
}

BOOST_AUTO_TEST_CASE(without_the_seat_lock_the_same_race_overbooks) {
    // The negative control: the same test with the lock switched off must see the race,
    // or the tests above would prove nothing. Races are likely, not certain: a few rounds.
    auto unlocked = make_service(false);
    long long worst = 0;
    for (int round = 0; round < 5 && worst <= capacity; ++round) {
        auto const event = add_event(capacity);
        auto const race = register_at_once(*unlocked, event, registrations_sent, round * 1000);
        BOOST_TEST(race.failures == 0);
        worst = count("select count(*) from attendees where event_id = " + event_sql(event) +
                      " and status = 'confirmed'");
        BOOST_TEST_MESSAGE("unlocked round " << round << ": " << worst << " confirmed of "
                                             << capacity << " seats");
    }
    BOOST_TEST(worst > capacity);
}

BOOST_AUTO_TEST_CASE(a_mixed_run_keeps_capacity_and_leaves_nobody_waiting_for_a_free_seat) {
    auto const event = add_event(20);
    auto const e = event_sql(event);
    std::atomic<int> next_person{0};
    auto const failures = test::run_at_once(
        test::concurrent_connections, [&](std::size_t worker) -> asio::awaitable<void> {
            std::mt19937 random{static_cast<unsigned>(worker)};
            std::vector<std::pair<std::string, std::vector<long long>>> mine;
            for (int step = 0; step < 8; ++step) {
                auto const choice = random() % 10;
                try {
                    if (choice < 5 || mine.empty()) {
                        auto r = co_await service->register_attendees(
                            event, person(next_person++, 1 + static_cast<int>(random() % 3)),
                            std::nullopt, "10.0.0.2");
                        std::vector<long long> ids;
                        for (auto const& a : r.attendees) ids.push_back(a.id);
                        mine.emplace_back(r.token, ids);
                    } else if (choice < 7) {
                        (void)co_await manage.cancel(caller(mine.back().first));
                        mine.pop_back();
                    } else if (choice < 8) {
                        (void)co_await manage.remove_attendee(caller(mine.front().first),
                                                              mine.front().second.front());
                    } else {
                        int const wanted = 10 + static_cast<int>(random() % 30);
                        events::actor const nobody;  // named: see event_routes.cpp
                        (void)co_await events.update(
                            event,
                            [wanted](events::event& ev, server::field_errors&) {
                                ev.capacity = wanted;
                            },
                            nobody);
                    }
                } catch (server::api_error const& error) {
                    // Lowering below the confirmed count, or removing twice, is refused.
                    if (error.kind() != server::error_kind::conflict &&
                        error.kind() != server::error_kind::not_found &&
                        error.kind() != server::error_kind::validation_failed)
                        throw;
                }
            }
        });
    BOOST_TEST(failures == 0);
    auto const seats = count("select capacity from events where id = " + e);
    auto const confirmed =
        count("select count(*) from attendees where event_id = " + e + " and status = 'confirmed'");
    auto const waiting = count("select count(*) from attendees where event_id = " + e +
                               " and status = 'waitlisted'");
    BOOST_TEST_MESSAGE("mixed run: capacity " << seats << ", confirmed " << confirmed
                                              << ", waiting " << waiting);
    BOOST_TEST(confirmed <= seats);
    BOOST_TEST((waiting == 0 || confirmed == seats));
    BOOST_TEST(count("select confirmed_count from events where id = " + e) == confirmed);
    BOOST_TEST(count("select waitlisted_count from events where id = " + e) == waiting);
    // Every promotion was mailed, and nobody still waiting was told they got a seat.
    BOOST_TEST(count("select count(*) from outbox o join attendees a"
                     " on o.idempotency_key = 'promoted:attendee:' || a.id"
                     " where a.status = 'waitlisted'") == 0);
}

BOOST_AUTO_TEST_SUITE_END()

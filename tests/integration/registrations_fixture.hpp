#pragma once

// Shared set-up of the registration integration suites: a fresh database, a pool of 64
// connections, the event and registration services on it, and helpers to run many
// coroutines at once and to make events.
#include "modules/core/database.hpp"
#include "modules/events/event_listing.hpp"
#include "modules/events/event_service.hpp"
#include "modules/registrations/public_registration_service.hpp"
#include "modules/registrations/seat_rules.hpp"
#include "modules/registrations/self_service.hpp"
#include "tests/support/test_database.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>

#include <atomic>
#include <memory>
#include <string>
#include <vector>

namespace samverkan::test {

inline constexpr std::size_t concurrent_connections = 64;

struct seat_fixture {
    test_database database;
    db::database pool{database.url(), concurrent_connections};
    events::event_listing listing{pool, std::chrono::milliseconds(0)};
    events::event_service events{pool, listing};
    registrations::seat_rules seats{"http://samverkan.test"};
    std::unique_ptr<registrations::public_registration_service> service = make_service(true);
    registrations::self_service manage{pool, listing, settings(true)};

    seat_fixture() { events.set_seat_hooks(seats); }

    static registrations::registration_settings settings(bool lock) {
        registrations::registration_settings s;
        s.base_url = "http://samverkan.test";
        s.rate_limit = 0;
        s.lock_seats = lock;
        s.manage_rate_limit = 1000000;  // the concurrency tests change far faster than people
        return s;
    }

    std::unique_ptr<registrations::public_registration_service> make_service(bool lock) {
        return std::make_unique<registrations::public_registration_service>(pool, listing,
                                                                            settings(lock));
    }

    /// The self-service caller behind a manage token.
    static registrations::manage_caller caller(std::string token) {
        return {std::move(token), "10.0.0.3"};
    }

    /// A published event starting in 30 days; returns its id.
    long long add_event(int capacity, bool waitlist = true, std::string const& extra_columns = "",
                        std::string const& extra_values = "") {
        database.execute(
            "insert into events (kind, title, starts_at, ends_at, capacity, waitlist, status" +
            extra_columns +
            ") values ('theme_meeting', 'Tematräff', now() + interval '30 days',"
            " now() + interval '30 days 2 hours', " +
            std::to_string(capacity) + ", " + (waitlist ? "true" : "false") + ", 'published'" +
            extra_values + ")");
        return database.scalar("select max(id) from events");
    }

    long long count(std::string const& sql) { return database.scalar(sql); }
};

/// A registration with `attendees` attendees whose contact is unique by `n`.
inline registrations::registration_input person(int n, int attendees = 1,
                                                std::string const& organisation = "") {
    registrations::registration_input in;
    in.organisation_name = organisation;
    in.contact.name = "Kontakt " + std::to_string(n);
    in.contact.email = "kontakt" + std::to_string(n) + "@example.test";
    for (int i = 0; i < attendees; ++i) {
        registrations::attendee_input a;
        a.name = "Deltagare " + std::to_string(n) + "-" + std::to_string(i);
        in.attendees.push_back(a);
    }
    return in;
}

/// Starts every coroutine made by `make(i)` at once on one io_context, whose database work
/// runs on the pool's workers (one connection each), and waits for all. Exceptions are
/// counted, not rethrown: some operations of a mixed run are expected to fail.
template <class Make>
int run_at_once(std::size_t n, Make make) {
    boost::asio::io_context ioc;
    std::atomic<int> failures{0};
    for (std::size_t i = 0; i < n; ++i)
        boost::asio::co_spawn(ioc, make(i), [&failures](std::exception_ptr e) {
            if (e) ++failures;
        });
    ioc.run();
    return failures.load();
}

}  // namespace samverkan::test

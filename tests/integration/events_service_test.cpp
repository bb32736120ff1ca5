// The event rules against the real PostgreSQL: capacity changes under the seat lock,
// cancellation mails, copies.
#include "tests/integration/registrations_fixture.hpp"
#include "tests/support/run_sync.hpp"
#include "tests/support/services.hpp"

using namespace samverkan;
using samverkan::test::person;

BOOST_FIXTURE_TEST_SUITE(events_service, test::seat_fixture,
                         *test::needs("SAMVERKAN_TEST_DATABASE_URL"))

BOOST_AUTO_TEST_CASE(lowering_capacity_below_the_confirmed_is_a_conflict) {
    auto const event = add_event(5);
    for (int i = 0; i < 3; ++i)
        (void)test::run_sync(service->register_attendees(event, person(i), std::nullopt, "a"));
    try {
        (void)test::run_sync(events.update(
            event, [](events::event& e, server::field_errors&) { e.capacity = 2; },
            events::actor{}));
        BOOST_FAIL("no conflict");
    } catch (server::api_error const& e) {
        BOOST_TEST(static_cast<int>(e.kind()) == static_cast<int>(server::error_kind::conflict));
    }
    BOOST_TEST(count("select capacity from events where id = " + std::to_string(event)) == 5);
}

BOOST_AUTO_TEST_SUITE_END()

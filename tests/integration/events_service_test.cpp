// The event rules against the real PostgreSQL: capacity changes under the seat lock,
// cancellation mails, copies.
#include "modules/registrations/registration_outcome.hpp"
#include "tests/integration/registrations_fixture.hpp"
#include "tests/support/run_sync.hpp"
#include "tests/support/services.hpp"

#include <soci/soci.h>

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

BOOST_AUTO_TEST_SUITE(named_outcomes, *test::needs("SAMVERKAN_TEST_DATABASE_URL"))

// The outcomes and windows cross the SQL/C++ boundary by name: both sides must declare the
// same values in the same order, or a rule's answer would be misread.
std::string database_enum(test::test_database& t, std::string const& type) {
    std::string names;
    t.db().with_session([&](soci::session& sql) {
        sql << "select string_agg(e::text, ',' order by e) from unnest(enum_range(null::" + type +
                   ")) e",
            soci::into(names);
    });
    return names;
}

template <std::size_t N>
std::string joined(std::array<std::string_view, N> const& names) {
    std::string out;
    for (auto const n : names) out.append(out.empty() ? "" : ",").append(n);
    return out;
}

BOOST_AUTO_TEST_CASE(the_cpp_enums_name_the_database_values_in_order) {
    test::test_database t;
    BOOST_TEST(database_enum(t, "registration_outcome") == joined(registrations::outcome_names()));
    BOOST_TEST(database_enum(t, "registration_window") == joined(events::window_names()));
}

BOOST_AUTO_TEST_SUITE_END()

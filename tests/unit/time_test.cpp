#include "modules/core/time.hpp"

#include <boost/test/unit_test.hpp>

using namespace samverkan;

BOOST_AUTO_TEST_SUITE(time_formats)

BOOST_AUTO_TEST_CASE(api_times_carry_the_stockholm_offset_for_summer_and_winter) {
    auto const summer = core::parse_rfc3339("2026-06-13T15:00:00Z");
    BOOST_TEST_REQUIRE(summer.has_value());
    BOOST_TEST(core::to_rfc3339(*summer) == "2026-06-13T17:00:00+02:00");
    auto const winter = core::parse_rfc3339("2027-01-20T17:00:00+01:00");
    BOOST_TEST_REQUIRE(winter.has_value());
    BOOST_TEST(core::to_rfc3339(*winter) == "2027-01-20T17:00:00+01:00");
}

BOOST_AUTO_TEST_CASE(rfc3339_parsing_accepts_offsets_and_fractions_and_refuses_the_rest) {
    BOOST_TEST((core::parse_rfc3339("2026-06-13T17:00:00.250+02:00") ==
                core::parse_rfc3339("2026-06-13T15:00:00Z")));
    BOOST_TEST(!core::parse_rfc3339("2026-06-13 17:00"));
    BOOST_TEST(!core::parse_rfc3339("2026-06-13T17:00:00"));
    BOOST_TEST(!core::parse_rfc3339("tomorrow"));
}

BOOST_AUTO_TEST_CASE(pages_show_swedish_dates_and_times) {
    auto const t = *core::parse_rfc3339("2026-06-13T17:00:00+02:00");
    BOOST_TEST(core::format_date(t) == "lördag 13 juni 2026");
    BOOST_TEST(core::format_time(t) == "17.00");
    BOOST_TEST(core::format_date(t, "en") == "Saturday 13 June 2026");
    BOOST_TEST(core::to_ical_local(t) == "20260613T170000");
    BOOST_TEST(core::to_ical_utc(t) == "20260613T150000Z");
    BOOST_TEST(core::to_local_datetime(t) == "2026-06-13T17:00");
    BOOST_TEST((core::parse_local_datetime("2026-06-13T17:00") == t));
}

BOOST_AUTO_TEST_SUITE_END()

// The report's period: strict dates, the default year, the page's presets, and the figures
// written the Swedish way.
#include "modules/reports/report_labels.hpp"
#include "modules/reports/report_period.hpp"
#include "server/api_error.hpp"
#include "server/request.hpp"
#include "tests/support/catalogue.hpp"

#include <boost/test/unit_test.hpp>

using namespace samverkan;
using namespace samverkan::reports;
using namespace std::chrono;

namespace {

server::request query(server::string_pairs q) {
    server::request r;
    r.query = std::move(q);
    return r;
}

bool is_bad_request(server::api_error const& e) {
    return e.kind() == server::error_kind::bad_request;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(reports_period)

BOOST_AUTO_TEST_CASE(dates_are_real_dates_written_yyyy_mm_dd) {
    BOOST_TEST((parse_date("2024-02-29") == year{2024} / February / 29));
    for (auto const* bad : {"2025-02-29", "2025-2-01", "2025-02-1", "20250201", "2025-13-01",
                            "0999-01-01", "2025-01-01 ", "+025-01-01", "2025/01/01", ""})
        BOOST_TEST_CONTEXT(bad) {
            BOOST_TEST(!parse_date(bad).has_value());
        }
    BOOST_TEST(iso_date(year{2025} / March / 7) == "2025-03-07");
}

BOOST_AUTO_TEST_CASE(no_dates_is_this_calendar_year_and_one_date_keeps_the_other_bound) {
    auto const y = static_cast<int>(today().year());
    BOOST_TEST((period_of(query({})) == calendar_year(y)));
    auto const p = period_of(query({{"from", std::to_string(y) + "-03-01"}}));
    BOOST_TEST(iso_date(p.from) == std::to_string(y) + "-03-01");
    BOOST_TEST(iso_date(p.to) == std::to_string(y) + "-12-31");
}

BOOST_AUTO_TEST_CASE(a_bad_date_or_from_after_to_is_400) {
    BOOST_CHECK_EXCEPTION((void)period_of(query({{"from", "2025-02-30"}})), server::api_error,
                          is_bad_request);
    try {
        (void)period_of(query({{"to", "2025-1-01"}}));
        BOOST_FAIL("a bad date was taken");
    } catch (server::api_error const& e) {
        BOOST_TEST(test::catalogue().say(core::language::en, e.text()) ==
                   "Query parameter 'to' must be a date written YYYY-MM-DD.");
        BOOST_TEST(test::catalogue().say(core::language::sv, e.text()) ==
                   "Parametern 'to' ska vara ett datum skrivet ÅÅÅÅ-MM-DD.");
    }
    BOOST_CHECK_EXCEPTION((void)period_of(query({{"from", "2025-12-31"}, {"to", "2025-01-01"}})),
                          server::api_error, is_bad_request);
    auto const same = period_of(query({{"from", "2025-06-13"}, {"to", "2025-06-13"}}));
    BOOST_TEST(iso_date(same.to) == "2025-06-13");
}

BOOST_AUTO_TEST_CASE(the_presets_are_this_year_last_year_and_the_action_plan) {
    auto const p = presets(year{2026} / December / 1);
    BOOST_REQUIRE_EQUAL(p.size(), 3u);
    BOOST_TEST(period_query(p[0].period) == "from=2026-01-01&to=2026-12-31");
    BOOST_TEST(period_query(p[1].period) == "from=2025-01-01&to=2025-12-31");
    BOOST_TEST(period_query(p[2].period) == "from=2025-01-01&to=2027-12-31");
    auto const say = [](server::message const& m, core::language l) {
        return test::catalogue().say(l, m);
    };
    BOOST_TEST(say(p[0].label, core::language::sv) == "I år (2026)");
    BOOST_TEST(say(p[1].label, core::language::en) == "Last year (2025)");
    BOOST_TEST(say(p[2].label, core::language::sv) == "Handlingsplanen 2025–2027");
    BOOST_TEST((years_of(p[2].period) == std::vector<int>{2025, 2026, 2027}));
}

BOOST_AUTO_TEST_CASE(numbers_and_shares_are_written_the_swedish_way) {
    BOOST_TEST(format_count(0) == "0");
    BOOST_TEST(format_count(999) == "999");
    BOOST_TEST(format_count(1500000) == "1\u00a0500\u00a0000");
    BOOST_TEST(format_share(1, 3) == "33\u00a0%");
    BOOST_TEST(format_share(2, 3) == "67\u00a0%");
    BOOST_TEST(format_share(5, 0) == "–");
}

BOOST_AUTO_TEST_SUITE_END()

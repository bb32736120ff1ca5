#pragma once

// The report's period: dates as the API and the page take them, the default (the current
// calendar year in Europe/Stockholm) and the page's choices.
#include "modules/reports/report_types.hpp"
#include "server/message.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace samverkan::server {
struct request;
}

namespace samverkan::reports {

/// "2025-01-01" (four-digit year, two-digit month and day, a real date) → the date.
[[nodiscard]] std::optional<std::chrono::year_month_day> parse_date(std::string_view text);

/// The date as "2025-01-01".
[[nodiscard]] std::string iso_date(std::chrono::year_month_day date);

/// Today's date in Europe/Stockholm.
[[nodiscard]] std::chrono::year_month_day today();

[[nodiscard]] period calendar_year(int year);

/// The period of `from` and `to` in the query. A missing bound is that bound of the current
/// calendar year; a bad date, or `from` after `to`, is 400 with a message naming it.
[[nodiscard]] period period_of(server::request const& req);

/// The choices the page offers besides any dates: this year, last year and the action plan
/// 2025–2027.
struct preset {
    std::string key;        ///< "this_year", "last_year", "action_plan"
    server::message label;  ///< "I år (2026)", put into words by the page
    reports::period period;
};

[[nodiscard]] std::vector<preset> presets(std::chrono::year_month_day today);

/// "from=2025-01-01&to=2025-12-31", for links to the same period.
[[nodiscard]] std::string period_query(period const& p);

/// The calendar years the period touches, in order.
[[nodiscard]] std::vector<int> years_of(period const& p);

}  // namespace samverkan::reports

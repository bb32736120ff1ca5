#pragma once

#include "modules/reports/report_types.hpp"

#include <string_view>

namespace samverkan::reports {

/// Reads the SQL function's JSON (API.md's report and `by_year`) into its types; throws
/// std::runtime_error when the text is not such a report.
[[nodiscard]] participation_report parse_report(std::string_view json);

}  // namespace samverkan::reports

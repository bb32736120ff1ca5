#pragma once

// Each table of the report page as a CSV file for Excel with Swedish settings
// (core::csv_writer: BOM, semicolons, CRLF, formulas neutralised). No attendee's name and
// no need is in any of them: the report holds organisations and counts only.
#include "modules/core/messages.hpp"
#include "modules/reports/report_types.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace samverkan::reports {

/// The tables, as the download paths name them: "events", "organisations", "years",
/// "affiliations", "areas", "priority-areas", "reach", "totals".
[[nodiscard]] std::vector<std::string_view> const& csv_tables();

/// The table `name` of `r`, its headers and labels in the language of `w`; nullopt for an
/// unknown name.
[[nodiscard]] std::optional<std::string> table_csv(participation_report const& r,
                                                   std::string_view name, core::wording const& w);

}  // namespace samverkan::reports

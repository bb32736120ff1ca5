#pragma once

// The report's four charts (issue 10, item 4), each with the text summary that is also its
// SVG description: attendance per event, organisations per year (new and returning,
// stacked), and the split by area and by affiliation, in the language of `w`.
#include "modules/core/messages.hpp"
#include "modules/reports/report_types.hpp"
#include "modules/reports/svg_chart.hpp"

#include <string>
#include <vector>

namespace samverkan::reports {

/// At most this many events are drawn; the table beside the chart has them all.
inline constexpr std::size_t chart_event_limit = 40;

[[nodiscard]] svg::chart attendance_chart(participation_report const& r, std::string id,
                                          core::wording const& w);

[[nodiscard]] svg::chart years_chart(std::vector<year_row> const& years, std::string id,
                                     core::wording const& w);

[[nodiscard]] svg::chart area_chart(participation_report const& r, std::string id,
                                    core::wording const& w);

[[nodiscard]] svg::chart affiliation_chart(participation_report const& r, std::string id,
                                           core::wording const& w);

}  // namespace samverkan::reports

#pragma once

// What the report templates need (web/templates/reports*.mustache): every figure written
// as Swedish writes numbers, labels for codes, the charts as SVG with their summaries, and
// the CSV links of each table. Every word is the catalogue's, in the wording's language.
#include "modules/core/messages.hpp"
#include "modules/reports/report_types.hpp"

#include <boost/json/object.hpp>

#include <string>

namespace samverkan::reports {

/// The staff page's data for report `r` of period `p` (charts, tables, CSV links).
[[nodiscard]] boost::json::object report_view(participation_report const& r, period const& p,
                                              core::wording const& w);

/// One page of the printable follow-up: the year's report `r`, and `trend` (the years of
/// the whole printout up to this one) for the organisations-per-year chart.
[[nodiscard]] boost::json::object print_year_view(participation_report const& r, int year,
                                                  std::vector<year_row> const& trend,
                                                  core::wording const& w);

}  // namespace samverkan::reports

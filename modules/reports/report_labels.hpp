#pragma once

// The words the reports' pages, charts and CSV files show for a code, and numbers as the
// report writes them. Every word comes from the message catalogue (web/messages/), in the
// language of the wording passed in; the labels of codes are the ones the rest of the
// program shows (event.kind.*, event.area.*, labels.affiliation.*, register.form.*).
#include "modules/core/messages.hpp"
#include "modules/reports/report_types.hpp"

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace samverkan::reports {

/// "Stad", "Landsbygd"; "" (unknown) is "Okänt område".
[[nodiscard]] std::string area_label(core::wording const& w, std::string_view code);

/// "Samverkan och lärande", "Delaktighet", "Demokrati"; an unknown code as it is.
[[nodiscard]] std::string priority_area_label(core::wording const& w, std::string_view code);

/// The event's priority areas, comma-separated: "Delaktighet, Samverkan och lärande".
[[nodiscard]] std::string priority_areas_of(core::wording const& w, event_row const& e);

/// "Dialogkonferens", "Tematräff", "Träff".
[[nodiscard]] std::string kind_label(core::wording const& w, std::string_view code);

/// A split of the report as (label, count) rows, in the order every table shows them.
using labelled_counts = std::vector<std::pair<std::string, long long>>;

[[nodiscard]] labelled_counts affiliation_counts(core::wording const& w, by_affiliation const& f);

/// Urban, rural and unknown.
[[nodiscard]] labelled_counts area_counts(core::wording const& w, by_area const& a);

[[nodiscard]] labelled_counts priority_area_counts(core::wording const& w,
                                                   by_priority_area const& p);

/// Invited, of them registered, of them attended.
[[nodiscard]] labelled_counts reach_counts(core::wording const& w, reach const& r);

/// "1 234" (a no-break space between thousands).
[[nodiscard]] std::string format_count(long long value);

/// The count `n` in words: `<key>_one` for 1, else `<key>` with {n} as format_count writes
/// it ("1 organisation", "1 234 organisationer"); `args` fill the text's other placeholders.
[[nodiscard]] std::string counted(core::wording const& w, std::string const& key, long long n,
                                  server::message::arguments args = {});

/// "37 %" of `part` in `whole` rounded to a whole percent; "–" when `whole` is 0.
[[nodiscard]] std::string format_share(long long part, long long whole);

}  // namespace samverkan::reports

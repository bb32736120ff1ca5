#pragma once

// Every Swedish word the reports' pages, charts and CSV files show for a code, in one place
// (until the message catalogue takes them over), and numbers as Swedish writes them.
#include <string>
#include <string_view>

namespace samverkan::reports {

/// "Idéburen organisation", "Tjänsteperson", "Förtroendevald", "Annan".
[[nodiscard]] std::string_view affiliation_label(std::string_view code);

/// "Stad", "Landsbygd"; "" (unknown) is "Okänt område".
[[nodiscard]] std::string_view area_label(std::string_view code);

/// "Samverkan och lärande", "Delaktighet", "Demokrati".
[[nodiscard]] std::string_view priority_area_label(std::string_view code);

/// "Dialogkonferens", "Tematräff", "Annan träff".
[[nodiscard]] std::string_view kind_label(std::string_view code);

/// "1 234" (a no-break space between thousands).
[[nodiscard]] std::string format_count(long long value);

/// "1 organisation", "4 organisationer": the count and the noun in its number.
[[nodiscard]] std::string counted(long long value, std::string_view one, std::string_view many);

/// "37 %" of `part` in `whole` rounded to a whole percent; "–" when `whole` is 0.
[[nodiscard]] std::string format_share(long long part, long long whole);

}  // namespace samverkan::reports

#pragma once

// Charts as SVG drawn on the server, for pages without JavaScript (WCAG 2.1 AA): each chart
// is role="img" named by its <title> and described by its <desc> (the text summary), every
// bar carries its number as a label, and a series is told apart by its fill pattern and a
// legend, never by colour alone. Colours keep 3:1 against white (graphics) and 4.5:1 (text).
#include <string>
#include <string_view>
#include <vector>

namespace samverkan::reports::svg {

/// How a series is filled: a solid colour, or a pattern in the same dark colour.
enum class fill { solid, hatched, dotted };

struct series {
    std::string name;
    svg::fill fill = fill::solid;
};

struct category {
    std::string label;
    std::vector<long long> values;  ///< one per series; missing values count as 0
};

struct chart {
    std::string id;       ///< unique on the page: every id inside the SVG starts with it
    std::string title;    ///< the accessible name (<title>)
    std::string summary;  ///< the text summary (<desc>); the page shows it beside the chart
    std::vector<svg::series> series;
    std::vector<category> categories;
};

/// One row per category, its label above, the series' bars below one another, each bar's
/// value written after its end. Bars are scaled to the largest value of the chart.
[[nodiscard]] std::string horizontal_bars(chart const& c);

/// One column per category with the series stacked from the bottom, each segment's value
/// written inside it when it is tall enough and the total above the column.
[[nodiscard]] std::string stacked_columns(chart const& c);

/// Text safe inside SVG/XML elements and attribute values.
[[nodiscard]] std::string escape(std::string_view text);

}  // namespace samverkan::reports::svg

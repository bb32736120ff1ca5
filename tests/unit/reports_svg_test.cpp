// The reports' SVG helper: what makes a chart accessible (role, name, description, patterns
// rather than colour alone, a number on every bar) and that bars are drawn to scale.
#include "modules/reports/svg_chart.hpp"

#include <boost/test/unit_test.hpp>

#include <regex>
#include <string>
#include <vector>

using namespace samverkan::reports;

namespace {

bool contains(std::string const& text, std::string const& part) {
    return text.find(part) != std::string::npos;
}

/// (data-value, width or height) of every bar, in drawing order.
std::vector<std::pair<long long, double>> bars(std::string const& svg, char const* size) {
    std::vector<std::pair<long long, double>> out;
    std::string const pattern = std::string{R"re(<rect [^>]* )re"} + size +
                                R"re(="([0-9.]+)"[^>]*class="bar s[0-9]+" data-value="([0-9]+)")re";
    std::regex const bar{pattern};
    for (std::sregex_iterator it{svg.begin(), svg.end(), bar}, end; it != end; ++it)
        out.emplace_back(std::stoll((*it)[2]), std::stod((*it)[1]));
    return out;
}

svg::chart two_series() {
    return svg::chart{"c-test",
                      "Närvaro & plats <per träff>",
                      "Två träffar: 40 och 10 närvarande.",
                      {{"Med plats", svg::fill::hatched}, {"Närvarande", svg::fill::solid}},
                      {{"Dialogkonferens", {50, 40}}, {"Tematräff", {20, 10}}}};
}

}  // namespace

BOOST_AUTO_TEST_SUITE(reports_svg)

BOOST_AUTO_TEST_CASE(a_chart_is_an_image_named_by_its_title_and_described_by_its_summary) {
    auto const out = svg::horizontal_bars(two_series());
    BOOST_TEST(out.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    BOOST_TEST(contains(out, "role=\"img\" aria-labelledby=\"c-test-title c-test-desc\""));
    BOOST_TEST(contains(out,
                        "<title id=\"c-test-title\">Närvaro &amp; plats &lt;per träff&gt;"
                        "</title>"));
    BOOST_TEST(contains(out, "<desc id=\"c-test-desc\">Två träffar: 40 och 10 närvarande.</desc>"));
    BOOST_TEST(out.ends_with("</svg>"));
}

BOOST_AUTO_TEST_CASE(series_differ_by_pattern_and_a_legend_not_by_colour_alone) {
    auto const out = svg::horizontal_bars(two_series());
    BOOST_TEST(contains(out, "<pattern id=\"c-test-hatched\""));
    BOOST_TEST(contains(out, "fill=\"url(#c-test-hatched)\""));
    BOOST_TEST(contains(out, ">Med plats</text>"));
    BOOST_TEST(contains(out, ">Närvarande</text>"));
    // One series needs no legend.
    auto one = two_series();
    one.series.resize(1);
    BOOST_TEST(!contains(svg::horizontal_bars(one), "class=\"legend\""));
}

BOOST_AUTO_TEST_CASE(horizontal_bars_are_drawn_to_scale_with_their_numbers) {
    auto const out = svg::horizontal_bars(two_series());
    auto const b = bars(out, "width");
    BOOST_REQUIRE_EQUAL(b.size(), 4u);
    BOOST_TEST(b[0].first == 50);
    BOOST_TEST(b[0].second == 570.0);  // the largest value fills the room left of its label
    BOOST_TEST(b[1].second / b[0].second == 40.0 / 50.0, boost::test_tools::tolerance(0.01));
    BOOST_TEST(b[3].second / b[0].second == 10.0 / 50.0, boost::test_tools::tolerance(0.01));
    for (auto const* label : {">50</text>", ">40</text>", ">20</text>", ">10</text>"})
        BOOST_TEST(contains(out, label));
}

BOOST_AUTO_TEST_CASE(stacked_columns_stack_to_their_total) {
    svg::chart c{"c-years",
                 "Organisationer per år",
                 "…",
                 {{"Återkommande", svg::fill::solid}, {"Nya", svg::fill::hatched}},
                 {{"2024", {0, 12}}, {"2025", {30, 10}}, {"2026", {1200, 55}}}};
    auto const out = svg::stacked_columns(c);
    auto const b = bars(out, "height");
    BOOST_REQUIRE_EQUAL(b.size(), 6u);
    BOOST_TEST(b[4].second + b[5].second == 220.0, boost::test_tools::tolerance(0.01));
    BOOST_TEST((b[2].second + b[3].second) / 220.0 == 40.0 / 1255.0,
               boost::test_tools::tolerance(0.02));  // drawn to a tenth of a pixel
    BOOST_TEST(contains(out, "class=\"total\">1\u00a0255</text>"));  // Swedish thousands
    BOOST_TEST(contains(out, ">2026</text>"));
}

BOOST_AUTO_TEST_CASE(empty_and_zero_charts_draw_without_dividing_by_zero) {
    svg::chart c{"c-none",
                 "Inget",
                 "Inga träffar.",
                 {{"Närvarande", svg::fill::solid}},
                 {{"Stad", {0}}, {"Landsbygd", {}}}};
    for (auto const& out : {svg::horizontal_bars(c), svg::stacked_columns(c)}) {
        BOOST_TEST(!contains(out, "nan"));
        BOOST_TEST(!contains(out, "inf"));
        BOOST_TEST(contains(out, ">0</text>"));
    }
    c.categories.clear();
    BOOST_TEST(contains(svg::stacked_columns(c), "<title id=\"c-none-title\">Inget</title>"));
}

BOOST_AUTO_TEST_CASE(escape_covers_every_markup_character) {
    BOOST_TEST(svg::escape(R"(<a href="x">Tom & 'Jerry'</a>)") ==
               "&lt;a href=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt;");
}

BOOST_AUTO_TEST_SUITE_END()

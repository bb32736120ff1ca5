// Every word of the report comes from the message catalogue: the same figures put into
// Swedish give today's texts (the CSV columns Excel users rely on, the charts' summaries),
// and put into English give English chart titles, summaries, CSV headers and page contents
// (without the shared layout) with no Swedish letter left — so no Swedish is spelled in the
// module's C++.
#include "modules/core/pages.hpp"
#include "modules/reports/report_charts.hpp"
#include "modules/reports/report_csv.hpp"
#include "modules/reports/report_texts.hpp"
#include "modules/reports/report_view.hpp"
#include "tests/support/catalogue.hpp"

#include <boost/algorithm/string/predicate.hpp>
#include <boost/json/object.hpp>
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <regex>

using namespace samverkan;
using namespace samverkan::reports;
using boost::algorithm::contains;
using namespace std::chrono;

namespace {

core::wording const sv{test::catalogue(), core::language::sv};
core::wording const en{test::catalogue(), core::language::en};

/// Two events, two organisations, figures in the thousands: names and titles in ASCII, so
/// any letter å, ä or ö in an English rendering is a word the code or a template spelled.
participation_report fixture() {
    participation_report r;
    r.from = "2025-01-01";
    r.to = "2025-12-31";
    r.events = {
        {1,
         "Meeting A",
         "dialogue_conference",
         "2025-02-06T09:00:00+01:00",
         2000,
         1500,
         1234,
         266,
         3,
         {"participation", "collaboration_learning"}},
        {2, "Meeting B", "other", "2025-06-13T17:00:00+02:00", 10, 4, 1, 3, 0, {"democracy"}}};
    r.organisations = {{1, "Byalag X", "rural", 2, 3, "2024-09-21", false},
                       {2, "Club Y", "", 1, 1, "2025-06-13", true}};
    r.totals = {2, 1504, 1235, 2, 1, 1};
    r.affiliations = {1000, 200, 30, 5};
    r.areas = {0, 1, 1};
    r.priority_areas = {1234, 1234, 1};
    r.agreement_members = 1;
    r.reach = {5, 4, 2};
    r.years = {{2025, 2, 1, 1}};
    return r;
}

period const year_2025{year{2025} / January / 1, year{2025} / December / 31};

std::string first_line(std::string const& csv) {
    return csv.substr(3, csv.find("\r\n") - 3);  // after the BOM
}

bool has_swedish_letter(std::string const& text) {
    static std::regex const letters{"å|ä|ö|Å|Ä|Ö"};
    return std::regex_search(text, letters);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(reports_words)

BOOST_AUTO_TEST_CASE(swedish_wording_keeps_the_csv_columns_and_summaries) {
    auto const r = fixture();
    BOOST_TEST(first_line(*table_csv(r, "events", sv)) ==
               "Träff;Typ;Datum;Platser;Med plats;Närvarande;Walk-ins;Uteblev;"
               "Prioriterade områden");
    BOOST_TEST(first_line(*table_csv(r, "organisations", sv)) ==
               "Organisation;Område;Träffar;Närvarande;Deltog första gången;Ny");
    BOOST_TEST(
        contains(*table_csv(r, "organisations", sv), "Club Y;Okänt område;1;1;2025-06-13;ja"));
    BOOST_TEST(contains(*table_csv(r, "totals", sv), "Mått;Antal\r\nTräffar;2\r\nMed plats;1504"));
    BOOST_TEST(attendance_chart(r, "c", sv).summary ==
               "2 träffar under perioden: 1\u00a0235 närvarande av 1\u00a0504 med plats. Flest kom "
               "till Meeting A (2025-02-06), 1\u00a0234 närvarande.");
    auto const texts = priority_area_texts(r, sv);
    BOOST_TEST(texts[2].text ==
               "1 av periodens 2 träffar var kopplad till demokrati, med 1 närvarande. Vid "
               "träffarna möttes 1\u00a0000 deltagare från idéburna organisationer, 30 "
               "förtroendevalda och 200 tjänstepersoner. 1 av 2 deltagande organisationer är "
               "verksam på landsbygden.");
}

BOOST_AUTO_TEST_CASE(english_wording_gives_english_charts_and_csv_headers) {
    auto const r = fixture();
    BOOST_TEST(attendance_chart(r, "c", en).title == "Attendance per event");
    BOOST_TEST(years_chart(r.years, "c", en).title ==
               "Participating organisations per year, new and returning");
    BOOST_TEST(area_chart(r, "c", en).summary ==
               "Of 2 participating organisations, 0 were active in town (0\u00a0%), 1 in the "
               "countryside (50\u00a0%) and 1 had no known area (50\u00a0%).");
    auto const affiliation = affiliation_chart(r, "c", en);
    BOOST_TEST(affiliation.categories.at(1).label == "Municipal staff");
    BOOST_TEST(affiliation.series.at(0).name == "Attended");
    BOOST_TEST(first_line(*table_csv(r, "events", en)) ==
               "Event;Type;Date;Seats;Holding a seat;Attended;Walk-ins;No-shows;Priority areas");
    BOOST_TEST(contains(*table_csv(r, "events", en),
                        "Meeting A;Dialogue conference;2025-02-06;2000;1500;1234;3;266;"
                        "\"Participation, Collaboration and learning\""));
    for (auto const name : csv_tables()) {
        auto const csv = *table_csv(r, name, en);
        BOOST_TEST(!has_swedish_letter(csv), name << ": " << csv);
    }
    for (auto const& t : priority_area_texts(r, en)) BOOST_TEST(!has_swedish_letter(t.text));
}

BOOST_AUTO_TEST_CASE(the_page_and_the_printout_render_wholly_in_english) {
    core::page_renderer const pages{std::filesystem::path{SAMVERKAN_SOURCE_DIR} / "web/templates",
                                    test::catalogue()};
    auto const r = fixture();
    auto page = report_view(r, year_2025, en);
    page["has_report"] = true;
    page["picker"] = boost::json::object{{"from", "2025-01-01"},
                                         {"to", "2025-12-31"},
                                         {"problem", "Query parameter 'from' is bad."}};
    auto const html = pages.render("reports", page, core::language::en);
    BOOST_TEST(contains(html, "<title id=\"c-attendance-title\">Attendance per event</title>"));
    BOOST_TEST(contains(html, ">Holding a seat</th>"));
    BOOST_TEST(contains(html, "The period could not be shown"));
    BOOST_TEST(!has_swedish_letter(html));

    auto print = boost::json::object{{"first_year", 2025}};
    print["years"] = boost::json::array{print_year_view(r, 2025, r.years, en)};
    auto const printed = pages.render("reports_print", print, core::language::en);
    BOOST_TEST(contains(printed, "Follow-up 2025: collaboration between Kristianstad"));
    BOOST_TEST(contains(printed, "<h4>Democracy</h4>"));
    BOOST_TEST(contains(printed, "Thursday 6 February 2025"));
    BOOST_TEST(!has_swedish_letter(printed));
    // And in Swedish, the same templates say what they said before.
    page = report_view(r, year_2025, sv);
    page["has_report"] = true;
    auto const swedish = pages.render("reports", page);
    BOOST_TEST(contains(swedish, "<h2 id=\"traffar\">Närvaro per träff</h2>"));
}

BOOST_AUTO_TEST_SUITE_END()

// The start page's year wheel: which year it shows, one keyboard-reachable link per event
// numbered like the list beside it, positions around the year, and what it leaves out.
#include "modules/core/messages.hpp"
#include "modules/core/time.hpp"
#include "modules/events/year_wheel.hpp"

#include <boost/test/unit_test.hpp>

#include <cmath>
#include <regex>

using namespace samverkan;
using events::event;

namespace {

long long at(std::string const& local) {  // "2026-06-13T17:00", Stockholm
    return core::to_epoch(*core::parse_local_datetime(local));
}

event meeting(long long id, std::string kind, std::string title, std::string const& starts,
              std::string status = "published") {
    event e;
    e.id = id;
    e.kind = std::move(kind);
    e.title = std::move(title);
    e.starts_at = at(starts);
    e.ends_at = e.starts_at + 9000;
    e.status = std::move(status);
    return e;
}

std::vector<event> year_2026() {
    return {meeting(7, "theme_meeting", "Tematräff: psykisk hälsa", "2026-09-21T17:00"),
            meeting(3, "dialogue_conference", "Dialogkonferens 2026", "2026-02-12T09:00"),
            meeting(5, "theme_meeting", "Tematräff: samhälls- & föreningsengagemang",
                    "2026-06-13T17:00"),
            meeting(9, "other", "Styrgruppsmöte", "2026-03-01T10:00"),
            meeting(11, "theme_meeting", "Utkast", "2026-04-01T17:00", "draft"),
            meeting(12, "theme_meeting", "Nästa år", "2027-01-20T17:00")};
}

/// The real catalogue (web/messages), as the start page uses it.
core::message_catalogue const& catalogue() {
    static core::message_catalogue const messages{std::string{SAMVERKAN_SOURCE_DIR} +
                                                  "/web/messages"};
    return messages;
}

std::string wheel(int year, std::vector<event> const& events, long long now,
                  core::language lang = core::language::sv) {
    return events::year_wheel_html(year, events, now, core::wording{catalogue(), lang});
}

bool contains(std::string const& text, std::string const& part) {
    return text.find(part) != std::string::npos;
}

/// The centre of the marker of the link to `id`.
std::pair<double, double> marker_of(std::string const& html, long long id) {
    std::regex const link{"<a href=\"/events/" + std::to_string(id) +
                          "\"[^>]*>.*?<(circle|rect) class=\"marker\" (cx|x)=\"([0-9.]+)\" "
                          "(cy|y)=\"([0-9.]+)\""};
    std::smatch m;
    BOOST_REQUIRE(std::regex_search(html, m, link));
    double x = std::stod(m[3]), y = std::stod(m[5]);
    if (m[1] == "rect") x += 15 * 0.85, y += 15 * 0.85;  // a diamond: its corner → its centre
    return {x, y};
}

}  // namespace

BOOST_AUTO_TEST_SUITE(year_wheel)

BOOST_AUTO_TEST_CASE(the_wheel_shows_the_year_of_the_next_meeting_else_this_year) {
    auto const december = at("2026-12-01T12:00");
    BOOST_TEST(events::wheel_year({}, december) == 2026);
    std::vector<event> upcoming{
        meeting(1, "other", "Annat", "2026-12-10T17:00"),
        meeting(2, "dialogue_conference", "Dialogkonferens 2027", "2027-02-11T09:00")};
    BOOST_TEST(events::wheel_year(upcoming, december) == 2027);
}

BOOST_AUTO_TEST_CASE(each_meeting_is_a_numbered_link_in_date_order_with_the_list_beside) {
    auto const html = wheel(2026, year_2026(), at("2026-07-01T12:00"));
    BOOST_TEST(html.starts_with("<section class=\"year-wheel\""));
    BOOST_TEST(contains(html, "<h2 id=\"year-wheel-heading\">Årshjul 2026</h2>"));
    BOOST_TEST(contains(html, "role=\"group\" aria-labelledby=\"year-wheel-title\""));
    // In the wheel: February, June, September; not the other kind, the draft or 2027.
    std::regex const links{"<a href=\"/events/([0-9]+)\" aria-label=\"([^\"]*)\">"};
    std::vector<std::string> ids, labels;
    for (std::sregex_iterator it{html.begin(), html.end(), links}, end; it != end; ++it) {
        ids.push_back((*it)[1]);
        labels.push_back((*it)[2]);
    }
    BOOST_TEST((ids == std::vector<std::string>{"3", "5", "7"}));
    BOOST_TEST(labels[0] ==
               "1. Dialogkonferens, torsdag 12 februari 2026: Dialogkonferens 2026 "
               "(genomförd)");
    BOOST_TEST(labels[1] ==
               "2. Tematräff, lördag 13 juni 2026: Tematräff: samhälls- &amp; "
               "föreningsengagemang (genomförd)");
    BOOST_TEST(labels[2] == "3. Tematräff, måndag 21 september 2026: Tematräff: psykisk hälsa");
    // The list: the same numbers and links, held ones marked in words too.
    BOOST_TEST(
        contains(html, "<li value=\"3\"><a href=\"/events/7\">Tematräff: psykisk hälsa</a>"));
    BOOST_TEST(contains(html, "<li value=\"1\"><a href=\"/events/3\">"));
    BOOST_TEST(contains(html, "</time> · genomförd</span>"));
    BOOST_TEST(!contains(html, "Styrgruppsmöte"));
    BOOST_TEST(!contains(html, "Utkast"));
    BOOST_TEST(!contains(html, "Nästa år"));
}

BOOST_AUTO_TEST_CASE(months_run_clockwise_from_january_at_the_top) {
    auto const html = wheel(2026, year_2026(), 0);
    BOOST_TEST(
        contains(html, "<path d=\"M200.0 10.0 A190.0 190.0 0 0 1 "));  // January starts at the top
    auto const [sx, sy] = marker_of(html, 7);  // 21 September: left, a little above the middle
    BOOST_TEST(sx < 200.0 - 100);
    BOOST_TEST(std::abs(sy - 200) < 30);
    auto const [jx, jy] = marker_of(html, 5);  // 13 June: just right of the bottom
    BOOST_TEST(jy > 300);
    BOOST_TEST(jx > 200);
    BOOST_TEST(jx < 240);  // 13 June is 161.5° round: 35.5 right of the centre
    for (auto const* m : {">jan</text>", ">jun</text>", ">dec</text>"})
        BOOST_TEST(contains(html, m));
}

BOOST_AUTO_TEST_CASE(meetings_close_together_move_inwards_instead_of_overlapping) {
    std::vector<event> close{meeting(1, "theme_meeting", "A", "2026-06-10T17:00"),
                             meeting(2, "theme_meeting", "B", "2026-06-12T17:00"),
                             meeting(3, "theme_meeting", "C", "2026-10-12T17:00")};
    auto const html = wheel(2026, close, 0);
    auto const radius = [&](long long id) {
        auto const [x, y] = marker_of(html, id);
        return std::hypot(x - 200, y - 200);
    };
    BOOST_TEST(radius(1) == 112.0, boost::test_tools::tolerance(0.01));
    BOOST_TEST(radius(2) == 84.0, boost::test_tools::tolerance(0.01));
    BOOST_TEST(radius(3) == 112.0, boost::test_tools::tolerance(0.01));
}

BOOST_AUTO_TEST_CASE(a_year_without_meetings_has_no_wheel) {
    BOOST_TEST(wheel(2025, year_2026(), 0).empty());
    auto const english = wheel(2026, year_2026(), 0, core::language::en);
    BOOST_TEST(contains(english, "<h2 id=\"year-wheel-heading\">Year wheel 2026</h2>"));
    BOOST_TEST(contains(english, "3. Theme meeting, Monday 21 September 2026: Tematräff: psykisk"));
    BOOST_TEST(contains(english, ">Sep</text>"));
}

BOOST_AUTO_TEST_SUITE_END()

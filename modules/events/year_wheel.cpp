#include "modules/events/year_wheel.hpp"

#include "modules/core/text.hpp"
#include "modules/core/time.hpp"
#include "modules/events/event_view.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <numbers>

namespace samverkan::events {

namespace {

using namespace std::chrono;

/// The wheel's texts, from the message catalogue (web/messages/events.msg, "wheel.*").
struct wheel_words {
    explicit wheel_words(core::wording const& w)
        : words(w),
          intro(w("wheel.intro")),
          description(w("wheel.description")),
          held(w("wheel.held")),
          language(core::code(w.lang())) {
        auto const all = w("wheel.months");  // twelve names, separated by spaces
        std::size_t start = 0;
        for (auto& name : months) {
            auto const stop = all.find(' ', start);
            name = all.substr(start, stop == std::string::npos ? stop : stop - start);
            start = stop == std::string::npos ? all.size() : stop + 1;
        }
    }

    core::wording const& words;
    std::string intro;
    std::string description;
    std::string held;
    std::string_view language;  // "sv" / "en", for dates
    std::array<std::string, 12> months;
};

constexpr double centre = 200, outer = 190, inner = 136;
constexpr std::array<double, 3> marker_rings{112, 84, 56};
constexpr double marker_size = 15;
constexpr double crowded_degrees = 17;  // markers closer than this move one ring in
constexpr char const* ink = "#1b1b1b";
constexpr char const* mark = "#00548b";

std::string num(double v) {
    char text[32];
    std::snprintf(text, sizeof text, "%.1f", v);
    return text;
}

std::string escape(std::string_view in) {
    std::string out;
    for (char ch : in) {
        if (ch == '&')
            out += "&amp;";
        else if (ch == '<')
            out += "&lt;";
        else if (ch == '>')
            out += "&gt;";
        else if (ch == '"')
            out += "&quot;";
        else
            out += ch;
    }
    return out;
}

/// The number at [from, from + n) of a local time as core::to_local_datetime writes it.
int number_at(std::string_view text, std::size_t from, std::size_t n) {
    return static_cast<int>(core::whole_number(text.substr(from, n)).value_or(0));
}

year_month_day local_date(long long t) {
    auto const text = core::to_local_datetime(core::from_epoch(t));  // "2026-06-13T17:00"
    return year{number_at(text, 0, 4)} / number_at(text, 5, 2) / number_at(text, 8, 2);
}

/// Where in its year `t` falls, 0 (1 January) to just under 1.
double year_fraction(long long t) {
    auto const d = local_date(t);
    auto const start = sys_days{d.year() / January / 1};
    auto const days = (sys_days{(d.year() + years{1}) / January / 1} - start).count();
    auto const text = core::to_local_datetime(core::from_epoch(t));
    double const hours = number_at(text, 11, 2) + number_at(text, 14, 2) / 60.0;
    return ((sys_days{d} - start).count() + hours / 24.0) / static_cast<double>(days);
}

/// A point `radius` from the centre at `fraction` of a turn clockwise from the top.
std::pair<double, double> at(double fraction, double radius) {
    double const angle = fraction * 2 * std::numbers::pi;
    return {centre + radius * std::sin(angle), centre - radius * std::cos(angle)};
}

double month_start(int y, unsigned m) {
    auto const start = sys_days{year{y} / January / 1};
    auto const days = (sys_days{year{y + 1} / January / 1} - start).count();
    return (sys_days{year{y} / month{m} / 1} - start).count() / static_cast<double>(days);
}

std::string month_ring(int y, wheel_words const& w) {
    std::string out = "<g class=\"wheel-months\">";
    for (unsigned m = 1; m <= 12; ++m) {
        double const from = month_start(y, m), to = m == 12 ? 1.0 : month_start(y, m + 1);
        auto const [ox1, oy1] = at(from, outer);
        auto const [ox2, oy2] = at(to, outer);
        auto const [ix2, iy2] = at(to, inner);
        auto const [ix1, iy1] = at(from, inner);
        out += "<path d=\"M" + num(ox1) + " " + num(oy1) + " A" + num(outer) + " " + num(outer) +
               " 0 0 1 " + num(ox2) + " " + num(oy2) + " L" + num(ix2) + " " + num(iy2) + " A" +
               num(inner) + " " + num(inner) + " 0 0 0 " + num(ix1) + " " + num(iy1) +
               " Z\" fill=\"" + (m % 2 ? "#e3ebf2" : "#f2f5f8") +
               "\" stroke=\"#fff\" stroke-width=\"2\"/>";
        auto const [tx, ty] = at((from + to) / 2, (outer + inner) / 2);
        out += "<text x=\"" + num(tx) + "\" y=\"" + num(ty) +
               "\" text-anchor=\"middle\" dominant-baseline=\"central\" fill=\"" + ink + "\">" +
               w.months[m - 1] + "</text>";
    }
    return out + "</g>";
}

struct placed {
    event const* e;
    int number;
    double fraction;
    double radius;
    bool held;
};

/// Markers in date order; one that would overlap the previous on its ring moves inwards.
std::vector<placed> place(std::vector<event const*> const& items, long long now) {
    std::vector<placed> out;
    std::array<double, marker_rings.size()> last;
    last.fill(-1);
    for (std::size_t i = 0; i < items.size(); ++i) {
        double const f = year_fraction(items[i]->starts_at);
        std::size_t ring = 0;
        while (ring + 1 < marker_rings.size() && last[ring] >= 0 &&
               (f - last[ring]) * 360 < crowded_degrees)
            ++ring;
        last[ring] = f;
        out.push_back(
            {items[i], static_cast<int>(i + 1), f, marker_rings[ring], items[i]->ends_at <= now});
    }
    return out;
}

std::string marker(placed const& p, wheel_words const& w) {
    auto const [x, y] = at(p.fraction, p.radius);
    auto const [tx, ty] = at(p.fraction, inner);
    auto const when = core::format_date(core::from_epoch(p.e->starts_at), w.language);
    std::string const label = std::to_string(p.number) + ". " + kind_label(p.e->kind, w.words) +
                              ", " + when + ": " + p.e->title + (p.held ? " (" + w.held + ")" : "");
    char const* fill = p.held ? "#fff" : mark;
    std::string shape = p.e->kind == "dialogue_conference"
                            ? "<rect class=\"marker\" x=\"" + num(x - marker_size * 0.85) +
                                  "\" y=\"" + num(y - marker_size * 0.85) + "\" width=\"" +
                                  num(marker_size * 1.7) + "\" height=\"" + num(marker_size * 1.7) +
                                  "\" transform=\"rotate(45 " + num(x) + " " + num(y) + ")\""
                            : "<circle class=\"marker\" cx=\"" + num(x) + "\" cy=\"" + num(y) +
                                  "\" r=\"" + num(marker_size) + "\"";
    shape += std::string{" fill=\""} + fill + "\" stroke=\"" + mark + "\" stroke-width=\"2.5\"/>";
    return "<a href=\"/events/" + std::to_string(p.e->id) + "\" aria-label=\"" + escape(label) +
           "\"><line x1=\"" + num(x) + "\" y1=\"" + num(y) + "\" x2=\"" + num(tx) + "\" y2=\"" +
           num(ty) + "\" stroke=\"" + mark + "\" stroke-width=\"1.5\"/>" + shape + "<text x=\"" +
           num(x) + "\" y=\"" + num(y) + "\" text-anchor=\"middle\" dominant-baseline=\"central\"" +
           " font-weight=\"700\" fill=\"" + (p.held ? mark : "#fff") + "\">" +
           std::to_string(p.number) + "</text></a>";
}

std::string list_item(placed const& p, wheel_words const& w) {
    auto const t = core::from_epoch(p.e->starts_at);
    return "<li value=\"" + std::to_string(p.number) + "\"><a href=\"/events/" +
           std::to_string(p.e->id) + "\">" + escape(p.e->title) +
           "</a><span class=\"wheel-when\">" + kind_label(p.e->kind, w.words) +
           " · <time datetime=\"" + core::to_rfc3339(t) + "\">" + core::format_date(t, w.language) +
           "</time>" + (p.held ? " · " + w.held : "") + "</span></li>";
}

}  // namespace

bool on_the_wheel(event const& e) {
    return e.status == "published" &&
           (e.kind == "dialogue_conference" || e.kind == "theme_meeting");
}

int wheel_year(std::vector<event> const& upcoming, long long now) {
    event const* first = nullptr;
    for (auto const& e : upcoming)
        if (on_the_wheel(e) && e.ends_at > now && (!first || e.starts_at < first->starts_at))
            first = &e;
    return static_cast<int>(local_date(first ? first->starts_at : now).year());
}

std::string year_wheel_html(int y, std::vector<event> const& events, long long now,
                            core::wording const& words) {
    std::vector<event const*> items;
    for (auto const& e : events)
        if (on_the_wheel(e) && static_cast<int>(local_date(e.starts_at).year()) == y)
            items.push_back(&e);
    if (items.empty()) return {};
    std::sort(items.begin(), items.end(), [](event const* a, event const* b) {
        return a->starts_at != b->starts_at ? a->starts_at < b->starts_at : a->id < b->id;
    });
    auto const marks = place(items, now);
    wheel_words const w{words};
    auto const year_text = std::to_string(y);
    std::string const heading = words("wheel.heading", {{"year", year_text}});
    std::string svg =
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"wheel\" viewBox=\"0 0 400 400\""
        " role=\"group\" aria-labelledby=\"year-wheel-title\" aria-describedby=\"year-wheel-desc\""
        " font-size=\"15\"><title id=\"year-wheel-title\">" +
        escape(heading) + "</title><desc id=\"year-wheel-desc\">" + escape(w.description) +
        "</desc>" + month_ring(y, w) + "<text x=\"200\" y=\"200\" text-anchor=\"middle\"" +
        " dominant-baseline=\"central\" font-size=\"30\" font-weight=\"700\" fill=\"" + ink +
        "\">" + year_text + "</text>";
    std::string list = "<ol class=\"wheel-list\">";
    for (auto const& p : marks) {
        svg += marker(p, w);
        list += list_item(p, w);
    }
    return "<section class=\"year-wheel\" aria-labelledby=\"year-wheel-heading\"><h2 id=\""
           "year-wheel-heading\">" +
           escape(heading) + "</h2><p class=\"wheel-intro\">" + escape(w.intro) +
           "</p><div class=\"wheel-layout\">" + svg + "</svg>" + list + "</ol></div></section>";
}

}  // namespace samverkan::events

#include "modules/reports/report_period.hpp"

#include "modules/core/time.hpp"
#include "server/api_error.hpp"
#include "server/request.hpp"

#include <charconv>
#include <cstdio>

namespace samverkan::reports {

namespace {

using namespace std::chrono;

/// The action plan 2025–2027 (handlingsplanen), which the steering group follows up yearly.
constexpr int action_plan_first_year = 2025;
constexpr int action_plan_last_year = 2027;

std::optional<unsigned> digits(std::string_view text) {
    unsigned value = 0;
    auto const [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || end != text.data() + text.size()) return std::nullopt;
    return value;
}

year_month_day bound(server::request const& req, std::string_view name, year_month_day fallback) {
    auto const text = req.query_param(name);
    if (!text) return fallback;
    auto date = parse_date(*text);
    if (!date)
        throw server::api_error(
            server::error_kind::bad_request,
            server::message::of("report.query.date", {{"name", std::string{name}}}));
    return *date;
}

}  // namespace

std::optional<year_month_day> parse_date(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
    auto const y = digits(text.substr(0, 4));
    auto const m = digits(text.substr(5, 2));
    auto const d = digits(text.substr(8, 2));
    if (!y || !m || !d || *y < 1000) return std::nullopt;
    year_month_day const date{year{static_cast<int>(*y)}, month{*m}, day{*d}};
    if (!date.ok()) return std::nullopt;
    return date;
}

std::string iso_date(year_month_day date) {
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(date.year()),
                  static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
    return text;
}

year_month_day today() {
    // "2026-12-01T10:15" in Europe/Stockholm: the first ten characters are the date.
    auto const local = core::to_local_datetime(core::now_seconds());
    return parse_date(std::string_view{local}.substr(0, 10)).value();
}

period calendar_year(int y) {
    return period{year{y} / January / 1, year{y} / December / 31};
}

period period_of(server::request const& req) {
    auto const current = calendar_year(static_cast<int>(today().year()));
    period const p{bound(req, "from", current.from), bound(req, "to", current.to)};
    if (sys_days{p.from} > sys_days{p.to})
        throw server::api_error(server::error_kind::bad_request,
                                server::message::of("report.query.order"));
    return p;
}

std::vector<preset> presets(year_month_day now) {
    int const y = static_cast<int>(now.year());
    auto const year_of = [](char const* key, int year) {
        return server::message::of(key, {{"year", std::to_string(year)}});
    };
    return {{"this_year", year_of("report.period.this_year", y), calendar_year(y)},
            {"last_year", year_of("report.period.last_year", y - 1), calendar_year(y - 1)},
            {"action_plan",
             server::message::of("report.period.action_plan",
                                 {{"first", std::to_string(action_plan_first_year)},
                                  {"last", std::to_string(action_plan_last_year)}}),
             period{calendar_year(action_plan_first_year).from,
                    calendar_year(action_plan_last_year).to}}};
}

std::string period_query(period const& p) {
    return "from=" + iso_date(p.from) + "&to=" + iso_date(p.to);
}

std::vector<int> years_of(period const& p) {
    std::vector<int> out;
    for (int y = static_cast<int>(p.from.year()); y <= static_cast<int>(p.to.year()); ++y)
        out.push_back(y);
    return out;
}

}  // namespace samverkan::reports

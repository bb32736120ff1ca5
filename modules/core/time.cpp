#include "modules/core/time.hpp"

#include <date/date.h>
#include <date/tz.h>

#include <array>
#include <cstdio>
#include <sstream>

namespace samverkan::core {

namespace {

date::time_zone const* stockholm() {
    return date::locate_zone("Europe/Stockholm");
}

date::local_seconds local(seconds_point t) {
    return stockholm()->to_local(t);
}

constexpr std::array<char const*, 7> sv_days{"söndag",  "måndag", "tisdag", "onsdag",
                                             "torsdag", "fredag", "lördag"};
constexpr std::array<char const*, 7> en_days{"Sunday",   "Monday", "Tuesday", "Wednesday",
                                             "Thursday", "Friday", "Saturday"};
constexpr std::array<char const*, 12> sv_months{"januari",   "februari", "mars",     "april",
                                                "maj",       "juni",     "juli",     "augusti",
                                                "september", "oktober",  "november", "december"};
constexpr std::array<char const*, 12> en_months{"January",   "February", "March",    "April",
                                                "May",       "June",     "July",     "August",
                                                "September", "October",  "November", "December"};

}  // namespace

std::string to_rfc3339(seconds_point t) {
    auto const info = stockholm()->get_info(t);
    auto const offset = std::chrono::duration_cast<std::chrono::minutes>(info.offset).count();
    char sign = offset < 0 ? '-' : '+';
    auto const abs = offset < 0 ? -offset : offset;
    char suffix[8];
    std::snprintf(suffix, sizeof suffix, "%c%02d:%02d", sign, static_cast<int>(abs / 60),
                  static_cast<int>(abs % 60));
    return date::format("%Y-%m-%dT%H:%M:%S", local(t)) + suffix;
}

std::optional<seconds_point> parse_rfc3339(std::string_view text) {
    if (text.size() < 20 || text[10] != 'T') return std::nullopt;
    std::string input{text};
    // Drop fractions: "…:00.123+02:00" → "…:00+02:00".
    if (input.size() > 19 && input[19] == '.') {
        auto end = input.find_first_not_of("0123456789", 20);
        if (end == std::string::npos) return std::nullopt;
        input.erase(19, end - 19);
    }
    if (input.size() == 20 && (input[19] == 'Z' || input[19] == 'z'))
        input.replace(19, 1, "+00:00");
    if (input.size() != 25) return std::nullopt;
    std::istringstream in{input};
    date::sys_seconds t;
    in >> date::parse("%Y-%m-%dT%H:%M:%S%Ez", t);
    if (in.fail()) return std::nullopt;
    return t;
}

std::optional<seconds_point> parse_local_datetime(std::string_view text) {
    std::istringstream in{std::string{text}};
    date::local_seconds t;
    in >> date::parse("%Y-%m-%dT%H:%M", t);
    if (in.fail() || text.size() != 16) return std::nullopt;
    try {
        return stockholm()->to_sys(t, date::choose::earliest);
    } catch (std::exception const&) {
        return std::nullopt;
    }
}

std::string to_local_datetime(seconds_point t) {
    return date::format("%Y-%m-%dT%H:%M", local(t));
}

std::string format_date(seconds_point t, std::string_view language) {
    auto const day_point = date::floor<date::days>(local(t));
    date::year_month_day const ymd{day_point};
    date::weekday const wd{day_point};
    bool const sv = language != "en";
    auto const day = static_cast<unsigned>(ymd.day());
    auto const month = static_cast<unsigned>(ymd.month()) - 1;
    return std::string{sv ? sv_days[wd.c_encoding()] : en_days[wd.c_encoding()]} + " " +
           std::to_string(day) + " " + (sv ? sv_months[month] : en_months[month]) + " " +
           std::to_string(static_cast<int>(ymd.year()));
}

std::string format_time(seconds_point t, std::string_view language) {
    return date::format(language == "en" ? "%H:%M" : "%H.%M", local(t));
}

std::string to_ical_local(seconds_point t) {
    return date::format("%Y%m%dT%H%M%S", local(t));
}

std::string to_ical_utc(seconds_point t) {
    return date::format("%Y%m%dT%H%M%SZ", t);
}

}  // namespace samverkan::core

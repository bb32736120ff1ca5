#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace samverkan::core {

using seconds_point = std::chrono::sys_seconds;

/// RFC 3339 with the Europe/Stockholm offset: "2026-06-13T17:00:00+02:00" (the API's form).
[[nodiscard]] std::string to_rfc3339(seconds_point t);

/// Parses RFC 3339 with an offset or "Z" ("2026-06-13T17:00:00+02:00"); fractions are
/// accepted and dropped. nullopt when the text is not such a time.
[[nodiscard]] std::optional<seconds_point> parse_rfc3339(std::string_view text);

/// Parses a form's "YYYY-MM-DDTHH:MM" (datetime-local) as Europe/Stockholm wall time.
[[nodiscard]] std::optional<seconds_point> parse_local_datetime(std::string_view text);

/// "2026-06-13T17:00" in Europe/Stockholm, for datetime-local form fields.
[[nodiscard]] std::string to_local_datetime(seconds_point t);

/// "lördag 13 juni 2026" / "Saturday 13 June 2026" in Europe/Stockholm.
[[nodiscard]] std::string format_date(seconds_point t, std::string_view language = "sv");

/// "17.00" (sv) / "17:00" (en) in Europe/Stockholm.
[[nodiscard]] std::string format_time(seconds_point t, std::string_view language = "sv");

/// iCalendar local time "20260613T170000" in Europe/Stockholm.
[[nodiscard]] std::string to_ical_local(seconds_point t);

/// iCalendar UTC time "20260613T150000Z".
[[nodiscard]] std::string to_ical_utc(seconds_point t);

/// Seconds since the epoch ↔ time point, for the database boundary.
[[nodiscard]] inline seconds_point from_epoch(long long s) {
    return seconds_point{std::chrono::seconds{s}};
}

[[nodiscard]] inline long long to_epoch(seconds_point t) {
    return t.time_since_epoch().count();
}

[[nodiscard]] inline seconds_point now_seconds() {
    return std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
}

}  // namespace samverkan::core

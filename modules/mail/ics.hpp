#pragma once

#include <string>

namespace samverkan::mail {

/// One event as an iCalendar entry (RFC 5545).
struct calendar_event {
    std::string uid;  ///< stable per event: "event-3@kristianstad.se"
    std::string title;
    std::string location;
    std::string description;
    std::string url;
    long long starts_at = 0;  ///< epoch seconds
    long long ends_at = 0;
    long long stamp = 0;  ///< DTSTAMP, epoch seconds
    bool cancelled = false;
};

/// A VCALENDAR (METHOD:PUBLISH) with the Europe/Stockholm VTIMEZONE and one VEVENT whose
/// DTSTART/DTEND are Stockholm local times; CRLF line ends, text escaped, lines folded at
/// 75 octets without splitting a UTF-8 character.
[[nodiscard]] std::string build_ics(calendar_event const& e);

/// RFC 5545 TEXT escaping: backslash, comma, semicolon, and line breaks as "\n".
[[nodiscard]] std::string ics_escape(std::string const& text);

}  // namespace samverkan::mail

#pragma once

// iCalendar (RFC 5545) for the public calendar feeds and the mail attachments: one builder,
// so a calendar sees the same UID, times and text from both.
#include <string>
#include <vector>

namespace samverkan::core {

/// One event as an iCalendar VEVENT.
struct calendar_entry {
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

/// "event-<id>@<host of base_url>": one UID per event, stable across edits and the same in
/// the calendar feeds and the e-mailed files, so a calendar updates its entry instead of
/// adding a second one.
[[nodiscard]] std::string event_uid(long long id, std::string const& base_url);

/// "Venue, address", or whichever of the two is given: an entry's LOCATION.
[[nodiscard]] std::string place_line(std::string const& venue, std::string const& address);

/// The entry of an event record of any module (fields id, title, venue, address,
/// description, starts_at, ends_at in epoch seconds, and status).
template <class Event>
[[nodiscard]] calendar_entry calendar_entry_of(Event const& e, std::string const& base_url,
                                               long long stamp) {
    return {event_uid(e.id, base_url),
            e.title,
            place_line(e.venue, e.address),
            e.description,
            base_url + "/events/" + std::to_string(e.id),
            e.starts_at,
            e.ends_at,
            stamp,
            e.status == "cancelled"};
}

/// A VCALENDAR (METHOD:PUBLISH) with the Europe/Stockholm VTIMEZONE and one VEVENT per
/// entry, DTSTART/DTEND as Stockholm local times; CRLF line ends, text escaped, lines
/// folded at 75 octets without splitting a UTF-8 character. A non-empty `name` is shown by
/// calendar programs as the subscribed calendar's name (X-WR-CALNAME).
[[nodiscard]] std::string icalendar(std::vector<calendar_entry> const& entries,
                                    std::string const& name = {});

/// RFC 5545 TEXT escaping: backslash, comma, semicolon, and line breaks as "\n".
[[nodiscard]] std::string ics_escape(std::string const& text);

}  // namespace samverkan::core

#include "modules/events/event_ics.hpp"

#include "modules/core/time.hpp"

namespace samverkan::events {

namespace {

// Europe/Stockholm since 1996 (EU rules): CEST from the last Sunday of March 02:00, CET from
// the last Sunday of October 03:00. RFC 5545 needs a VTIMEZONE for every TZID used.
constexpr char const* stockholm_vtimezone =
    "BEGIN:VTIMEZONE\r\n"
    "TZID:Europe/Stockholm\r\n"
    "BEGIN:DAYLIGHT\r\n"
    "TZOFFSETFROM:+0100\r\n"
    "TZOFFSETTO:+0200\r\n"
    "TZNAME:CEST\r\n"
    "DTSTART:19700329T020000\r\n"
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\n"
    "END:DAYLIGHT\r\n"
    "BEGIN:STANDARD\r\n"
    "TZOFFSETFROM:+0200\r\n"
    "TZOFFSETTO:+0100\r\n"
    "TZNAME:CET\r\n"
    "DTSTART:19701025T030000\r\n"
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\n"
    "END:STANDARD\r\n"
    "END:VTIMEZONE\r\n";

// Content lines longer than 75 octets continue on the next line after CRLF SP, never
// inside a UTF-8 character.
void add_line(std::string& out, std::string const& line) {
    std::size_t column = 0;
    for (std::size_t i = 0; i < line.size();) {
        auto const lead = static_cast<unsigned char>(line[i]);
        std::size_t const len = lead < 0x80          ? 1
                                : (lead >> 5) == 0x6 ? 2
                                : (lead >> 4) == 0xE ? 3
                                                     : 4;
        if (column + len > 75) {
            out.append("\r\n ");
            column = 1;
        }
        out.append(line, i, len);
        column += len;
        i += len;
    }
    out.append("\r\n");
}

// RFC 5545 TEXT: backslash, comma and semicolon escaped, line breaks as "\n".
std::string escape(std::string const& text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        char const c = text[i];
        if (c == '\\' || c == ',' || c == ';') {
            out += '\\';
            out += c;
        } else if (c == '\r' || c == '\n') {
            if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
            out.append("\\n");
        } else if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) {
            out += ' ';
        } else {
            out += c;
        }
    }
    return out;
}

std::string host_of(std::string const& base_url) {
    auto start = base_url.find("://");
    start = start == std::string::npos ? 0 : start + 3;
    auto const stop = base_url.find_first_of(":/", start);
    return base_url.substr(start, stop == std::string::npos ? std::string::npos : stop - start);
}

void add_event(std::string& out, event const& e, std::string const& base_url,
               std::string const& host, long long stamp) {
    out.append("BEGIN:VEVENT\r\n");
    add_line(out, "UID:event-" + std::to_string(e.id) + "@" + host);
    add_line(out, "DTSTAMP:" + core::to_ical_utc(core::from_epoch(stamp)));
    add_line(out,
             "DTSTART;TZID=Europe/Stockholm:" + core::to_ical_local(core::from_epoch(e.starts_at)));
    add_line(out,
             "DTEND;TZID=Europe/Stockholm:" + core::to_ical_local(core::from_epoch(e.ends_at)));
    add_line(out, "SUMMARY:" + escape(e.title));
    std::string location = e.venue;
    if (!e.address.empty()) location += (location.empty() ? "" : ", ") + e.address;
    if (!location.empty()) add_line(out, "LOCATION:" + escape(location));
    if (!e.description.empty()) add_line(out, "DESCRIPTION:" + escape(e.description));
    add_line(out, "URL:" + base_url + "/events/" + std::to_string(e.id));
    add_line(out, std::string{"STATUS:"} + (e.status == "cancelled" ? "CANCELLED" : "CONFIRMED"));
    out.append("END:VEVENT\r\n");
}

}  // namespace

std::string events_ics(std::vector<event> const& items, std::string const& base_url,
                       long long stamp) {
    std::string out;
    out.append("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n");
    out.append("PRODID:-//Samverkan//Kristianstads kommun//SV\r\n");
    out.append("CALSCALE:GREGORIAN\r\nMETHOD:PUBLISH\r\n");
    add_line(out, "X-WR-CALNAME:Samverkan – Kristianstad");
    out.append("X-WR-TIMEZONE:Europe/Stockholm\r\n");
    out.append(stockholm_vtimezone);
    auto const host = host_of(base_url);
    for (auto const& e : items) add_event(out, e, base_url, host, stamp);
    out.append("END:VCALENDAR\r\n");
    return out;
}

}  // namespace samverkan::events

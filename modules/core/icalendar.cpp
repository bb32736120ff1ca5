#include "modules/core/icalendar.hpp"

#include "modules/core/time.hpp"

namespace samverkan::core {

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

void add_event(std::string& out, calendar_entry const& e) {
    out.append("BEGIN:VEVENT\r\n");
    add_line(out, "UID:" + ics_escape(e.uid));
    add_line(out, "DTSTAMP:" + to_ical_utc(from_epoch(e.stamp)));
    add_line(out, "DTSTART;TZID=Europe/Stockholm:" + to_ical_local(from_epoch(e.starts_at)));
    add_line(out, "DTEND;TZID=Europe/Stockholm:" + to_ical_local(from_epoch(e.ends_at)));
    add_line(out, "SUMMARY:" + ics_escape(e.title));
    if (!e.location.empty()) add_line(out, "LOCATION:" + ics_escape(e.location));
    if (!e.description.empty()) add_line(out, "DESCRIPTION:" + ics_escape(e.description));
    // A URI value is not TEXT: no backslash escaping, but no line breaks either.
    if (!e.url.empty() && e.url.find_first_of("\r\n") == std::string::npos)
        add_line(out, "URL:" + e.url);
    add_line(out, std::string{"STATUS:"} + (e.cancelled ? "CANCELLED" : "CONFIRMED"));
    out.append("END:VEVENT\r\n");
}

}  // namespace

std::string ics_escape(std::string const& text) {
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

std::string event_uid(long long id, std::string const& base_url) {
    // "https://samverkan.kristianstad.se:8443/x" → "samverkan.kristianstad.se".
    auto const start = base_url.find("://");
    auto host = start == std::string::npos ? base_url : base_url.substr(start + 3);
    host = host.substr(0, host.find_first_of("/?#"));
    host =
        host.starts_with('[') ? host.substr(0, host.find(']') + 1) : host.substr(0, host.find(':'));
    return "event-" + std::to_string(id) + "@" + host;
}

std::string place_line(std::string const& venue, std::string const& address) {
    if (address.empty()) return venue;
    return venue.empty() ? address : venue + ", " + address;
}

std::string icalendar(std::vector<calendar_entry> const& entries, std::string const& name) {
    std::string out;
    out.append("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n");
    out.append("PRODID:-//Samverkan//Kristianstads kommun//SV\r\n");
    out.append("CALSCALE:GREGORIAN\r\nMETHOD:PUBLISH\r\n");
    if (!name.empty()) {
        add_line(out, "X-WR-CALNAME:" + ics_escape(name));
        out.append("X-WR-TIMEZONE:Europe/Stockholm\r\n");
    }
    out.append(stockholm_vtimezone);
    for (auto const& e : entries) add_event(out, e);
    out.append("END:VCALENDAR\r\n");
    return out;
}

}  // namespace samverkan::core

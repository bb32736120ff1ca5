#include "modules/events/event_view.hpp"

#include "modules/core/time.hpp"

#include <boost/json/object.hpp>

namespace samverkan::events {

namespace {

std::string seats_line(event const& e, bool sv) {
    auto const left = e.seats_left();
    if (left > 0)
        return std::to_string(left) + (sv ? (left == 1 ? " plats kvar" : " platser kvar")
                                          : (left == 1 ? " seat left" : " seats left"));
    if (!e.waitlist) return sv ? "Fullbokat" : "Fully booked";
    return (sv ? "Fullbokat – " : "Fully booked – ") + std::to_string(e.waitlisted_count) +
           (sv ? " på väntelistan" : " on the waiting list");
}

}  // namespace

boost::json::object event_view(event const& e, std::string_view language) {
    bool const sv = language != "en";
    auto const starts = core::from_epoch(e.starts_at);
    auto const ends = core::from_epoch(e.ends_at);
    boost::json::object v;
    v["id"] = e.id;
    v["title"] = e.title;
    v["theme"] = e.theme;
    v["description"] = e.description;
    v["venue"] = e.venue;
    v["address"] = e.address;
    v["date"] = core::format_date(starts, language);
    v["start_time"] = core::format_time(starts, language);
    v["end_time"] = core::format_time(ends, language);
    v["starts_at"] = core::to_rfc3339(starts);
    v["food"] = e.food;
    v["seats_left"] = e.seats_left();
    v["seats_line"] = seats_line(e, sv);
    v["full"] = e.seats_left() == 0;
    v["cancelled"] = e.status == "cancelled";
    if (e.registration_closes_at) {
        auto const closes = core::from_epoch(*e.registration_closes_at);
        v["closes_date"] = core::format_date(closes, language);
        v["closes_time"] = core::format_time(closes, language);
    }
    return v;
}

}  // namespace samverkan::events

#include "modules/events/event_view.hpp"

#include "modules/core/time.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

namespace samverkan::events {

namespace {

std::string seats_line(event const& e, core::wording const& w) {
    if (e.status == "cancelled") return w("event.seats.cancelled");
    auto const left = e.seats_left();
    if (left == 1) return w("event.seats.one_left");
    if (left > 0) return w("event.seats.left", {{"n", std::to_string(left)}});
    if (!e.waitlist) return w("event.seats.full");
    return w("event.seats.full_waiting", {{"n", std::to_string(e.waitlisted_count)}});
}

boost::json::value optional_time(std::optional<long long> const& t) {
    if (!t) return nullptr;
    return boost::json::string(core::to_rfc3339(core::from_epoch(*t)));
}

boost::json::array paragraphs(std::string const& text) {
    boost::json::array out;
    std::size_t start = 0;
    while (start < text.size()) {
        auto stop = text.find("\n\n", start);
        if (stop == std::string::npos) stop = text.size();
        auto part = text.substr(start, stop - start);
        if (part.find_first_not_of(" \r\n\t") != std::string::npos)
            out.push_back(boost::json::object{{"text", part}});
        start = stop + 2;
    }
    return out;
}

}  // namespace

std::string kind_label(std::string_view kind, core::wording const& w) {
    std::string key = "event.kind.";
    key.append(kind == "dialogue_conference" || kind == "theme_meeting" ? kind : "other");
    return w(key);
}

boost::json::object event_view(event const& e, core::wording const& w) {
    auto const language = code(w.lang());
    auto const starts = core::from_epoch(e.starts_at);
    auto const ends = core::from_epoch(e.ends_at);
    boost::json::object v;
    v["id"] = e.id;
    v["kind_label"] = kind_label(e.kind, w);
    v["title"] = e.title;
    v["theme"] = e.theme;
    v["description"] = e.description;
    v["description_paragraphs"] = paragraphs(e.description);
    v["venue"] = e.venue;
    v["address"] = e.address;
    // kainjow renders a section for any string, even "": flags say what is there.
    v["has_theme"] = !e.theme.empty();
    v["has_venue"] = !e.venue.empty();
    v["has_address"] = !e.address.empty();
    v["has_cancel_reason"] = !e.cancel_reason.empty();
    v["date"] = core::format_date(starts, language);
    v["start_time"] = core::format_time(starts, language);
    v["end_time"] = core::format_time(ends, language);
    if (core::format_date(ends, language) != v["date"].as_string())
        v["end_date"] = core::format_date(ends, language);
    v["starts_at"] = core::to_rfc3339(starts);
    v["food"] = e.food;
    v["capacity"] = e.capacity;
    v["seats_left"] = e.seats_left();
    v["seats_line"] = seats_line(e, w);
    v["full"] = e.seats_left() == 0;
    v["waitlist"] = e.waitlist;
    v["cancelled"] = e.status == "cancelled";
    v["cancel_reason"] = e.cancel_reason;
    v["draft"] = e.status == "draft";
    v["registration_open"] = e.registration_open();
    v["registration_not_open_yet"] = e.window == registration_window::not_open_yet;
    boost::json::array areas;
    for (auto const& a : e.priority_areas)
        areas.push_back(boost::json::string(w("event.area." + a)));
    v["has_priority_areas"] = !areas.empty();
    v["priority_areas"] = std::move(areas);
    if (e.registration_closes_at) {
        auto const closes = core::from_epoch(*e.registration_closes_at);
        v["closes_date"] = core::format_date(closes, language);
        v["closes_time"] = core::format_time(closes, language);
    }
    if (e.registration_opens_at) {
        auto const opens = core::from_epoch(*e.registration_opens_at);
        v["opens_date"] = core::format_date(opens, language);
        v["opens_time"] = core::format_time(opens, language);
    }
    return v;
}

boost::json::object event_json(event const& e) {
    boost::json::array areas;
    for (auto const& a : e.priority_areas) areas.push_back(boost::json::string(a));
    return boost::json::object{
        {"id", e.id},
        {"kind", e.kind},
        {"title", e.title},
        {"theme", e.theme.empty() ? boost::json::value(nullptr) : boost::json::value(e.theme)},
        {"description", e.description},
        {"starts_at", core::to_rfc3339(core::from_epoch(e.starts_at))},
        {"ends_at", core::to_rfc3339(core::from_epoch(e.ends_at))},
        {"venue", e.venue},
        {"address", e.address},
        {"capacity", e.capacity},
        {"max_per_organisation", e.max_per_organisation
                                     ? boost::json::value(*e.max_per_organisation)
                                     : boost::json::value(nullptr)},
        {"waitlist", e.waitlist},
        {"food", e.food},
        {"registration_opens_at", optional_time(e.registration_opens_at)},
        {"registration_closes_at", optional_time(e.registration_closes_at)},
        {"priority_areas", std::move(areas)},
        {"status", e.status},
        {"cancel_reason", e.cancel_reason.empty() ? boost::json::value(nullptr)
                                                  : boost::json::value(e.cancel_reason)},
        {"seats_left", e.status == "cancelled" ? 0 : e.seats_left()},
        {"confirmed_count", e.confirmed_count},
        {"waitlist_count", e.waitlisted_count},
        {"registration_open", e.registration_open()},
    };
}

}  // namespace samverkan::events

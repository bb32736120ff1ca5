#include "modules/reports/report_json.hpp"

#include <boost/json.hpp>

#include <stdexcept>

namespace samverkan::reports {

namespace json = boost::json;

namespace {

long long number(json::object const& o, std::string_view key) {
    return o.at(key).to_number<long long>();
}

std::string text(json::object const& o, std::string_view key) {
    auto const& v = o.at(key);
    return v.is_null() ? std::string{} : std::string{v.as_string()};
}

event_row event_of(json::object const& o) {
    event_row e{number(o, "id"),       text(o, "title"),
                text(o, "kind"),       text(o, "starts_at"),
                number(o, "capacity"), number(o, "confirmed"),
                number(o, "attended"), number(o, "no_show"),
                number(o, "walk_ins"), {}};
    for (auto const& a : o.at("priority_areas").as_array())
        e.priority_areas.emplace_back(a.as_string());
    return e;
}

organisation_row organisation_of(json::object const& o) {
    return organisation_row{number(o, "id"),       text(o, "name"),
                            text(o, "area"),       number(o, "events_attended"),
                            number(o, "attended"), text(o, "first_attended_on"),
                            o.at("new").as_bool()};
}

void read_counts(json::object const& root, participation_report& r) {
    auto const& t = root.at("totals").as_object();
    r.totals = {number(t, "events"),
                number(t, "attendees"),
                number(t, "attended"),
                number(t, "organisations"),
                number(t, "new_organisations"),
                number(t, "returning_organisations")};
    auto const& f = root.at("by_affiliation").as_object();
    r.affiliations = {number(f, "civil_society"), number(f, "municipal_staff"),
                      number(f, "elected_official"), number(f, "other")};
    auto const& a = root.at("by_area").as_object();
    r.areas = {number(a, "urban"), number(a, "rural"), number(a, "unknown")};
    auto const& p = root.at("by_priority_area").as_object();
    r.priority_areas = {number(p, "collaboration_learning"), number(p, "participation"),
                        number(p, "democracy")};
    r.agreement_members = number(root, "agreement_members");
    auto const& reach = root.at("reach").as_object();
    r.reach = {number(reach, "invited"), number(reach, "registered"), number(reach, "attended")};
}

}  // namespace

participation_report parse_report(std::string_view text_in) {
    try {
        auto const root = json::parse(text_in).as_object();
        participation_report r;
        r.from = text(root, "from");
        r.to = text(root, "to");
        for (auto const& e : root.at("events").as_array())
            r.events.push_back(event_of(e.as_object()));
        for (auto const& o : root.at("organisations").as_array())
            r.organisations.push_back(organisation_of(o.as_object()));
        read_counts(root, r);
        for (auto const& y : root.at("by_year").as_array()) {
            auto const& o = y.as_object();
            r.years.push_back({static_cast<int>(number(o, "year")), number(o, "organisations"),
                               number(o, "new"), number(o, "returning")});
        }
        return r;
    } catch (std::exception const& e) {
        throw std::runtime_error(std::string{"report JSON: "} + e.what());
    }
}

}  // namespace samverkan::reports

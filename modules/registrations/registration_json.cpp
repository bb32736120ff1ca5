#include "modules/registrations/registration_json.hpp"

#include "modules/core/time.hpp"

#include <boost/json.hpp>

namespace samverkan::registrations {

namespace {

boost::json::value text_or_null(std::string const& s) {
    return s.empty() ? boost::json::value(nullptr) : boost::json::value(s);
}

boost::json::value time_or_null(std::optional<long long> const& t) {
    if (!t) return nullptr;
    return boost::json::string(core::to_rfc3339(core::from_epoch(*t)));
}

}  // namespace

boost::json::object attendee_json(attendee const& a, bool with_needs) {
    boost::json::object out{{"id", a.id},
                            {"name", a.name},
                            {"email", text_or_null(a.email)},
                            {"affiliation", a.affiliation},
                            {"status", a.status},
                            {"queued_at", core::to_rfc3339(core::from_epoch(a.queued_at))}};
    if (with_needs) {
        boost::json::array dietary;
        for (auto const& d : a.dietary) dietary.push_back(boost::json::string(d));
        out["dietary"] = std::move(dietary);
        out["dietary_other"] = a.dietary_other;
        out["accessibility"] = a.accessibility;
    }
    out["waitlist_position"] =
        a.waitlist_position > 0 ? boost::json::value(a.waitlist_position) : nullptr;
    out["attended"] = a.attended ? boost::json::value(*a.attended) : nullptr;
    return out;
}

boost::json::object registration_json(registration const& r, bool with_needs) {
    boost::json::array attendees;
    for (auto const& a : r.attendees) attendees.push_back(attendee_json(a, with_needs));
    boost::json::value organisation = nullptr;
    if (!r.organisation_name.empty() || !r.org_number.empty() || r.organisation_id)
        organisation = boost::json::object{
            {"id", r.organisation_id ? boost::json::value(*r.organisation_id) : nullptr},
            {"name", text_or_null(r.organisation_name)},
            {"org_number", text_or_null(r.org_number)}};
    return boost::json::object{
        {"id", r.id},
        {"event_id", r.event_id},
        {"status", r.status},
        {"organisation", std::move(organisation)},
        {"contact", boost::json::object{{"name", r.contact_name},
                                        {"email", r.contact_email},
                                        {"phone", text_or_null(r.contact_phone)}}},
        {"attendees", std::move(attendees)},
        {"language", r.language},
        {"created_at", core::to_rfc3339(core::from_epoch(r.created_at))},
        {"cancelled_at", time_or_null(r.cancelled_at)}};
}

boost::json::object catering_json(catering_summary const& c) {
    boost::json::object dietary;
    for (auto const& [code, count] : c.dietary) dietary[code] = count;
    boost::json::array other;
    for (auto const& text : c.other_needs) other.push_back(boost::json::string(text));
    return boost::json::object{{"attendees", c.attendees},
                               {"dietary", std::move(dietary)},
                               {"dietary_other_count", c.with_other_needs},
                               {"dietary_other", std::move(other)}};
}

boost::json::object attendance_json(attendance_summary const& a) {
    boost::json::object by_affiliation;
    for (auto const& [code, count] : a.by_affiliation) by_affiliation[code] = count;
    boost::json::array organisations;
    for (auto const& [name, count] : a.organisations)
        organisations.push_back(boost::json::object{{"name", name}, {"attended", count}});
    return boost::json::object{{"confirmed", a.confirmed},
                               {"waitlisted", a.waitlisted},
                               {"cancelled", a.cancelled},
                               {"attended", a.attended},
                               {"no_show", a.no_show},
                               {"walk_ins", a.walk_ins},
                               {"by_affiliation", std::move(by_affiliation)},
                               {"organisations", std::move(organisations)}};
}

}  // namespace samverkan::registrations

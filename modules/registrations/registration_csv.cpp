#include "modules/registrations/registration_csv.hpp"

#include "modules/core/csv_writer.hpp"
#include "modules/core/time.hpp"
#include "modules/registrations/registration_labels.hpp"

namespace samverkan::registrations {

namespace {

std::string local_time(long long t) {
    auto text = core::to_local_datetime(core::from_epoch(t));
    if (text.size() > 10) text[10] = ' ';
    return text;
}

}  // namespace

std::string registrations_csv(std::vector<registration> const& items, bool with_needs,
                              core::wording const& w) {
    core::csv_writer out;
    std::vector<std::string> header;
    auto const column = [&](char const* key) {
        header.push_back(w(std::string{"csv."} + key));
    };
    for (auto key : {"registration", "organisation", "org_number", "contact", "contact_email",
                     "phone", "attendee", "attendee_email", "affiliation"})
        column(key);
    if (with_needs)
        for (auto key : {"dietary", "dietary_other", "accessibility"}) column(key);
    for (auto key : {"status", "position", "registered", "attended"}) column(key);
    out.row(header);
    for (auto const& r : items) {
        for (auto const& a : r.attendees) {
            std::vector<std::string> row{std::to_string(r.id),
                                         r.organisation_name,
                                         r.org_number,
                                         r.contact_name,
                                         r.contact_email,
                                         r.contact_phone,
                                         a.name,
                                         a.email,
                                         affiliation_label(w, a.affiliation)};
            if (with_needs)
                row.insert(row.end(),
                           {dietary_labels(w, a.dietary), a.dietary_other, a.accessibility});
            row.insert(row.end(),
                       {status_label(w, a.status),
                        a.waitlist_position > 0 ? std::to_string(a.waitlist_position) : "",
                        local_time(r.created_at), attended_label(w, a.attended)});
            out.row(row);
        }
    }
    return std::move(out).text();
}

}  // namespace samverkan::registrations

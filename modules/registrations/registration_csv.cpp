#include "modules/registrations/registration_csv.hpp"

#include "modules/core/csv_writer.hpp"
#include "modules/core/time.hpp"

namespace samverkan::registrations {

namespace {

std::string_view status_label(std::string_view status) {
    if (status == "confirmed") return "Bekräftad";
    if (status == "waitlisted") return "Väntelista";
    if (status == "cancelled") return "Avbokad";
    return status;
}

std::string_view affiliation_label(std::string_view code) {
    if (code == "civil_society") return "Idéburen organisation";
    if (code == "municipal_staff") return "Tjänsteperson";
    if (code == "elected_official") return "Förtroendevald";
    return "Annat";
}

std::string dietary_labels(std::vector<std::string> const& codes) {
    std::string out;
    for (auto const& c : codes) {
        std::string_view label = c == "vegetarian"     ? "vegetarisk"
                                 : c == "vegan"        ? "vegansk"
                                 : c == "gluten_free"  ? "glutenfri"
                                 : c == "lactose_free" ? "laktosfri"
                                 : c == "nut_allergy"  ? "nötallergi"
                                                       : std::string_view{c};
        out.append(out.empty() ? "" : ", ").append(label);
    }
    return out;
}

std::string local_time(long long t) {
    auto text = core::to_local_datetime(core::from_epoch(t));
    if (text.size() > 10) text[10] = ' ';
    return text;
}

}  // namespace

std::string registrations_csv(std::vector<registration> const& items, bool with_needs) {
    core::csv_writer out;
    std::vector<std::string> header{"Anmälan",       "Organisation",       "Organisationsnummer",
                                    "Kontaktperson", "Kontaktens e-post",  "Telefon",
                                    "Deltagare",     "Deltagarens e-post", "Tillhörighet"};
    if (with_needs) header.insert(header.end(), {"Specialkost", "Annan kost", "Tillgänglighet"});
    header.insert(header.end(), {"Status", "Plats i kön", "Anmäld", "Närvarade"});
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
                                         std::string{affiliation_label(a.affiliation)}};
            if (with_needs)
                row.insert(row.end(),
                           {dietary_labels(a.dietary), a.dietary_other, a.accessibility});
            row.insert(row.end(),
                       {std::string{status_label(a.status)},
                        a.waitlist_position > 0 ? std::to_string(a.waitlist_position) : "",
                        local_time(r.created_at), a.attended ? (*a.attended ? "ja" : "nej") : ""});
            out.row(row);
        }
    }
    return std::move(out).text();
}

}  // namespace samverkan::registrations

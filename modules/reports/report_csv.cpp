#include "modules/reports/report_csv.hpp"

#include "modules/core/csv_writer.hpp"
#include "modules/reports/report_labels.hpp"

#include <algorithm>

namespace samverkan::reports {

namespace {

using core::csv_writer;

std::string n(long long v) {
    return std::to_string(v);
}

std::string areas_of(event_row const& e) {
    std::string out;
    for (auto const& a : e.priority_areas)
        out.append(out.empty() ? "" : ", ").append(priority_area_label(a));
    return out;
}

void events(csv_writer& out, participation_report const& r) {
    out.row({"Träff", "Typ", "Datum", "Platser", "Med plats", "Närvarande", "Walk-ins", "Uteblev",
             "Prioriterade områden"});
    for (auto const& e : r.events)
        out.row(std::vector<std::string>{e.title, std::string{kind_label(e.kind)},
                                         e.starts_at.substr(0, 10), n(e.capacity), n(e.confirmed),
                                         n(e.attended), n(e.walk_ins), n(e.no_show), areas_of(e)});
}

void organisations(csv_writer& out, participation_report const& r) {
    out.row({"Organisation", "Område", "Träffar", "Närvarande", "Deltog första gången", "Ny"});
    for (auto const& o : r.organisations)
        out.row(std::vector<std::string>{o.name, std::string{area_label(o.area)},
                                         n(o.events_attended), n(o.attended), o.first_attended_on,
                                         o.is_new ? "ja" : "nej"});
}

void years(csv_writer& out, participation_report const& r) {
    out.row({"År", "Organisationer", "Nya", "Återkommande"});
    for (auto const& y : r.years)
        out.row(std::vector<std::string>{std::to_string(y.year), n(y.organisations),
                                         n(y.new_organisations), n(y.returning_organisations)});
}

void pairs(csv_writer& out, std::string_view first, std::string_view what,
           std::initializer_list<std::pair<std::string_view, long long>> rows) {
    out.row({first, what});
    for (auto const& [label, value] : rows) out.row({label, n(value)});
}

void counts(csv_writer& out, participation_report const& r, std::string_view name) {
    auto const& f = r.affiliations;
    auto const& a = r.areas;
    auto const& p = r.priority_areas;
    auto const& t = r.totals;
    if (name == "affiliations")
        pairs(out, "Tillhörighet", "Närvarande",
              {{affiliation_label("civil_society"), f.civil_society},
               {affiliation_label("municipal_staff"), f.municipal_staff},
               {affiliation_label("elected_official"), f.elected_official},
               {affiliation_label("other"), f.other}});
    else if (name == "areas")
        pairs(out, "Område", "Organisationer",
              {{area_label("urban"), a.urban},
               {area_label("rural"), a.rural},
               {area_label(""), a.unknown}});
    else if (name == "priority-areas")
        pairs(out, "Prioriterat område", "Närvarande",
              {{priority_area_label("collaboration_learning"), p.collaboration_learning},
               {priority_area_label("participation"), p.participation},
               {priority_area_label("democracy"), p.democracy}});
    else if (name == "reach")
        pairs(out, "Steg", "Organisationer",
              {{"Inbjudna", r.reach.invited},
               {"Av dem anmälda", r.reach.registered},
               {"Av dem närvarande", r.reach.attended}});
    else
        pairs(out, "Mått", "Antal",
              {{"Träffar", t.events},
               {"Med plats", t.attendees},
               {"Närvarande", t.attended},
               {"Organisationer", t.organisations},
               {"Nya organisationer", t.new_organisations},
               {"Återkommande organisationer", t.returning_organisations},
               {"Anslutna till överenskommelsen", r.agreement_members}});
}

}  // namespace

std::vector<std::string_view> const& csv_tables() {
    static std::vector<std::string_view> const names{
        "events", "organisations",  "years", "affiliations",
        "areas",  "priority-areas", "reach", "totals"};
    return names;
}

std::optional<std::string> table_csv(participation_report const& r, std::string_view name) {
    auto const& names = csv_tables();
    if (std::find(names.begin(), names.end(), name) == names.end()) return std::nullopt;
    csv_writer out;
    if (name == "events")
        events(out, r);
    else if (name == "organisations")
        organisations(out, r);
    else if (name == "years")
        years(out, r);
    else
        counts(out, r, name);
    return std::move(out).text();
}

}  // namespace samverkan::reports

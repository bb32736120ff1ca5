#include "modules/reports/report_charts.hpp"

#include "modules/reports/report_labels.hpp"

namespace samverkan::reports {

namespace {

std::string event_label(event_row const& e) {
    return e.title + " (" + e.starts_at.substr(0, 10) + ")";
}

std::string attendance_summary(participation_report const& r) {
    if (r.events.empty()) return "Inga träffar under perioden.";
    event_row const* most = &r.events.front();
    for (auto const& e : r.events)
        if (e.attended > most->attended) most = &e;
    std::string out = format_count(r.totals.events) +
                      (r.totals.events == 1 ? " träff" : " träffar") +
                      " under perioden: " + format_count(r.totals.attended) + " närvarande av " +
                      format_count(r.totals.attendees) + " med plats. Flest kom till " +
                      event_label(*most) + ", " + format_count(most->attended) + " närvarande.";
    if (r.events.size() > chart_event_limit)
        out += " Diagrammet visar de " + std::to_string(chart_event_limit) +
               " första träffarna, tabellen alla.";
    return out;
}

}  // namespace

svg::chart attendance_chart(participation_report const& r, std::string id) {
    svg::chart c{std::move(id),
                 "Närvaro per träff",
                 attendance_summary(r),
                 {{"Med plats", svg::fill::hatched}, {"Närvarande", svg::fill::solid}},
                 {}};
    for (auto const& e : r.events) {
        if (c.categories.size() == chart_event_limit) break;
        c.categories.push_back({event_label(e), {e.confirmed, e.attended}});
    }
    return c;
}

svg::chart years_chart(std::vector<year_row> const& years, std::string id) {
    std::string summary;
    for (auto const& y : years) {
        if (!summary.empty()) summary += ' ';
        summary.append(std::to_string(y.year))
            .append(": ")
            .append(counted(y.organisations, "organisation", "organisationer"))
            .append(", varav ")
            .append(format_count(y.new_organisations))
            .append(" nya och ")
            .append(format_count(y.returning_organisations))
            .append(" återkommande.");
    }
    if (summary.empty()) summary = "Inga organisationer deltog under perioden.";
    svg::chart c{std::move(id),
                 "Deltagande organisationer per år, nya och återkommande",
                 summary,
                 {{"Återkommande", svg::fill::solid}, {"Nya", svg::fill::hatched}},
                 {}};
    for (auto const& y : years)
        c.categories.push_back(
            {std::to_string(y.year), {y.returning_organisations, y.new_organisations}});
    return c;
}

svg::chart area_chart(participation_report const& r, std::string id) {
    auto const& a = r.areas;
    auto const all = r.totals.organisations;
    std::string summary =
        all == 0
            ? "Inga organisationer deltog under perioden."
            : "Av " + counted(all, "deltagande organisation", "deltagande organisationer") +
                  " var " + format_count(a.urban) + " verksamma i staden (" +
                  format_share(a.urban, all) + "), " + format_count(a.rural) + " på landsbygden (" +
                  format_share(a.rural, all) + ") och " + format_count(a.unknown) +
                  " utan känt område (" + format_share(a.unknown, all) + ").";
    return svg::chart{std::move(id),
                      "Deltagande organisationer i stad och på landsbygd",
                      std::move(summary),
                      {{"Organisationer", svg::fill::solid}},
                      {{std::string{area_label("urban")}, {a.urban}},
                       {std::string{area_label("rural")}, {a.rural}},
                       {std::string{area_label("")}, {a.unknown}}}};
}

svg::chart affiliation_chart(participation_report const& r, std::string id) {
    auto const& f = r.affiliations;
    auto const all = r.totals.attended;
    std::string summary =
        all == 0 ? "Ingen checkades in under perioden."
                 : "Av " + format_count(all) + " närvarande kom " + format_count(f.civil_society) +
                       " från idéburna organisationer (" + format_share(f.civil_society, all) +
                       "), " + format_count(f.municipal_staff) + " var tjänstepersoner (" +
                       format_share(f.municipal_staff, all) + "), " +
                       format_count(f.elected_official) + " förtroendevalda (" +
                       format_share(f.elected_official, all) + ") och " + format_count(f.other) +
                       " deltog på annat sätt (" + format_share(f.other, all) + ").";
    return svg::chart{std::move(id),
                      "Närvarande efter tillhörighet",
                      std::move(summary),
                      {{"Närvarande", svg::fill::solid}},
                      {{std::string{affiliation_label("civil_society")}, {f.civil_society}},
                       {std::string{affiliation_label("municipal_staff")}, {f.municipal_staff}},
                       {std::string{affiliation_label("elected_official")}, {f.elected_official}},
                       {std::string{affiliation_label("other")}, {f.other}}}};
}

}  // namespace samverkan::reports

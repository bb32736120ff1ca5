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

/// One header row of the catalogue's texts for `keys`.
void header(csv_writer& out, core::wording const& w, std::initializer_list<char const*> keys) {
    std::vector<std::string> cells;
    for (auto const* key : keys) cells.push_back(w(key));
    out.row(cells);
}

void events(csv_writer& out, participation_report const& r, core::wording const& w) {
    header(out, w,
           {"report.column.event", "report.column.kind", "report.column.date",
            "report.figure.seats", "report.figure.confirmed", "report.figure.attended",
            "report.figure.walk_ins", "report.figure.no_show", "report.column.priority_areas"});
    for (auto const& e : r.events)
        out.row(std::vector<std::string>{e.title, kind_label(w, e.kind), e.starts_at.substr(0, 10),
                                         n(e.capacity), n(e.confirmed), n(e.attended),
                                         n(e.walk_ins), n(e.no_show), priority_areas_of(w, e)});
}

void organisations(csv_writer& out, participation_report const& r, core::wording const& w) {
    header(out, w,
           {"report.column.organisation", "report.column.area", "report.figure.events",
            "report.figure.attended", "report.column.first_attended", "report.status.new"});
    for (auto const& o : r.organisations)
        out.row(std::vector<std::string>{o.name, area_label(w, o.area), n(o.events_attended),
                                         n(o.attended), o.first_attended_on,
                                         w(o.is_new ? "report.csv.yes" : "report.csv.no")});
}

void years(csv_writer& out, participation_report const& r, core::wording const& w) {
    header(out, w,
           {"report.column.year", "report.figure.organisations", "report.figure.new",
            "report.figure.returning"});
    for (auto const& y : r.years)
        out.row(std::vector<std::string>{std::to_string(y.year), n(y.organisations),
                                         n(y.new_organisations), n(y.returning_organisations)});
}

void pairs(csv_writer& out, core::wording const& w, char const* first, char const* what,
           labelled_counts const& rows) {
    header(out, w, {first, what});
    for (auto const& [label, value] : rows) out.row({label, n(value)});
}

labelled_counts totals_of(participation_report const& r, core::wording const& w) {
    auto const& t = r.totals;
    return {{w("report.figure.events"), t.events},
            {w("report.figure.confirmed"), t.attendees},
            {w("report.figure.attended"), t.attended},
            {w("report.figure.organisations"), t.organisations},
            {w("report.figure.new_organisations"), t.new_organisations},
            {w("report.figure.returning_organisations"), t.returning_organisations},
            {w("report.figure.agreement_members"), r.agreement_members}};
}

void counts(csv_writer& out, participation_report const& r, std::string_view name,
            core::wording const& w) {
    if (name == "affiliations")
        pairs(out, w, "report.column.affiliation", "report.figure.attended",
              affiliation_counts(w, r.affiliations));
    else if (name == "areas")
        pairs(out, w, "report.column.area", "report.figure.organisations", area_counts(w, r.areas));
    else if (name == "priority-areas")
        pairs(out, w, "report.column.priority_area", "report.figure.attended",
              priority_area_counts(w, r.priority_areas));
    else if (name == "reach")
        pairs(out, w, "report.column.step", "report.figure.organisations",
              reach_counts(w, r.reach));
    else
        pairs(out, w, "report.column.measure", "report.figure.count", totals_of(r, w));
}

}  // namespace

std::vector<std::string_view> const& csv_tables() {
    static std::vector<std::string_view> const names{
        "events", "organisations",  "years", "affiliations",
        "areas",  "priority-areas", "reach", "totals"};
    return names;
}

std::optional<std::string> table_csv(participation_report const& r, std::string_view name,
                                     core::wording const& w) {
    auto const& names = csv_tables();
    if (std::find(names.begin(), names.end(), name) == names.end()) return std::nullopt;
    csv_writer out;
    if (name == "events")
        events(out, r, w);
    else if (name == "organisations")
        organisations(out, r, w);
    else if (name == "years")
        years(out, r, w);
    else
        counts(out, r, name, w);
    return std::move(out).text();
}

}  // namespace samverkan::reports

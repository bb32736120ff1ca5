#include "modules/reports/report_view.hpp"

#include "modules/core/time.hpp"
#include "modules/reports/report_charts.hpp"
#include "modules/reports/report_csv.hpp"
#include "modules/reports/report_labels.hpp"
#include "modules/reports/report_period.hpp"
#include "modules/reports/report_texts.hpp"

#include <boost/json/array.hpp>

#include <algorithm>

namespace samverkan::reports {

namespace json = boost::json;

namespace {

json::object chart_view(svg::chart const& c, std::string (*draw)(svg::chart const&)) {
    return json::object{{"svg", draw(c)}, {"summary", c.summary}, {"id", c.id}};
}

std::string areas_of(event_row const& e) {
    std::string out;
    for (auto const& a : e.priority_areas)
        out.append(out.empty() ? "" : ", ").append(priority_area_label(a));
    return out;
}

std::string long_date(std::string const& rfc3339) {
    auto const t = core::parse_rfc3339(rfc3339);
    return t ? core::format_date(*t) : rfc3339.substr(0, 10);
}

json::array events_view(participation_report const& r) {
    json::array out;
    for (auto const& e : r.events)
        out.push_back(json::object{{"title", e.title},
                                   {"kind", kind_label(e.kind)},
                                   {"date", e.starts_at.substr(0, 10)},
                                   {"long_date", long_date(e.starts_at)},
                                   {"capacity", format_count(e.capacity)},
                                   {"confirmed", format_count(e.confirmed)},
                                   {"attended", format_count(e.attended)},
                                   {"walk_ins", format_count(e.walk_ins)},
                                   {"no_show", format_count(e.no_show)},
                                   {"areas", areas_of(e)}});
    return out;
}

json::array organisations_view(participation_report const& r) {
    json::array out;
    for (auto const& o : r.organisations)
        out.push_back(json::object{{"name", o.name},
                                   {"area", area_label(o.area)},
                                   {"events", format_count(o.events_attended)},
                                   {"attended", format_count(o.attended)},
                                   {"since", o.first_attended_on},
                                   {"status", o.is_new ? "Ny" : "Återkommande"}});
    return out;
}

json::array years_view(std::vector<year_row> const& years) {
    json::array out;
    for (auto const& y : years)
        out.push_back(json::object{{"year", y.year},
                                   {"organisations", format_count(y.organisations)},
                                   {"new", format_count(y.new_organisations)},
                                   {"returning", format_count(y.returning_organisations)}});
    return out;
}

json::array rows(std::initializer_list<std::pair<std::string_view, long long>> items,
                 long long whole) {
    json::array out;
    for (auto const& [label, value] : items)
        out.push_back(json::object{{"label", label},
                                   {"value", format_count(value)},
                                   {"share", format_share(value, whole)}});
    return out;
}

json::object totals_view(participation_report const& r) {
    auto const& t = r.totals;
    return json::object{{"events", format_count(t.events)},
                        {"attendees", format_count(t.attendees)},
                        {"attended", format_count(t.attended)},
                        {"organisations", format_count(t.organisations)},
                        {"new", format_count(t.new_organisations)},
                        {"returning", format_count(t.returning_organisations)},
                        {"agreement_members", format_count(r.agreement_members)}};
}

/// The split tables: by affiliation, by area, by priority area and the reach.
void add_splits(json::object& v, participation_report const& r) {
    auto const& f = r.affiliations;
    v["affiliations"] = rows({{affiliation_label("civil_society"), f.civil_society},
                              {affiliation_label("municipal_staff"), f.municipal_staff},
                              {affiliation_label("elected_official"), f.elected_official},
                              {affiliation_label("other"), f.other}},
                             r.totals.attended);
    v["areas"] = rows({{area_label("urban"), r.areas.urban},
                       {area_label("rural"), r.areas.rural},
                       {area_label(""), r.areas.unknown}},
                      r.totals.organisations);
    auto const& p = r.priority_areas;
    v["priority_areas"] =
        rows({{priority_area_label("collaboration_learning"), p.collaboration_learning},
              {priority_area_label("participation"), p.participation},
              {priority_area_label("democracy"), p.democracy}},
             r.totals.attended);
    v["reach"] = rows({{"Inbjudna", r.reach.invited},
                       {"Av dem anmälda", r.reach.registered},
                       {"Av dem närvarande", r.reach.attended}},
                      r.reach.invited);
}

json::object common_view(participation_report const& r, std::string const& prefix,
                         std::vector<year_row> const& years) {
    json::object v{
        {"totals", totals_view(r)},
        {"events", events_view(r)},
        {"has_events", !r.events.empty()},
        {"years", years_view(years)},
        {"attendance_chart",
         chart_view(attendance_chart(r, prefix + "attendance"), svg::horizontal_bars)},
        {"years_chart", chart_view(years_chart(years, prefix + "years"), svg::stacked_columns)},
        {"area_chart", chart_view(area_chart(r, prefix + "area"), svg::horizontal_bars)},
        {"affiliation_chart",
         chart_view(affiliation_chart(r, prefix + "affiliation"), svg::horizontal_bars)}};
    add_splits(v, r);
    return v;
}

}  // namespace

json::object report_view(participation_report const& r, period const& p) {
    auto v = common_view(r, "c-", r.years);
    auto const query = period_query(p);
    v["from"] = r.from;
    v["to"] = r.to;
    v["query"] = query;
    v["organisations"] = organisations_view(r);
    v["has_organisations"] = !r.organisations.empty();
    json::object csv;
    for (auto const name : csv_tables()) {
        std::string key{name};
        std::replace(key.begin(), key.end(), '-', '_');  // a Mustache name
        csv[key] = "/api/v1/reports/participation/" + std::string{name} + ".csv?" + query;
    }
    v["csv"] = std::move(csv);
    return v;
}

json::object print_year_view(participation_report const& r, int year,
                             std::vector<year_row> const& trend) {
    auto const prefix = std::string{"y"}.append(std::to_string(year)).append("-");
    auto v = common_view(r, prefix, trend);
    v["year"] = year;
    v["from"] = r.from;
    v["to"] = r.to;
    json::array texts;
    for (auto const& t : priority_area_texts(r))
        texts.push_back(json::object{{"heading", t.heading}, {"text", t.text}});
    v["area_texts"] = std::move(texts);
    return v;
}

}  // namespace samverkan::reports

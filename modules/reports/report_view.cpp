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

std::string long_date(std::string const& rfc3339, core::wording const& w) {
    auto const t = core::parse_rfc3339(rfc3339);
    return t ? core::format_date(*t, core::code(w.lang())) : rfc3339.substr(0, 10);
}

json::array events_view(participation_report const& r, core::wording const& w) {
    json::array out;
    for (auto const& e : r.events)
        out.push_back(json::object{{"title", e.title},
                                   {"kind", kind_label(w, e.kind)},
                                   {"date", e.starts_at.substr(0, 10)},
                                   {"long_date", long_date(e.starts_at, w)},
                                   {"capacity", format_count(e.capacity)},
                                   {"confirmed", format_count(e.confirmed)},
                                   {"attended", format_count(e.attended)},
                                   {"walk_ins", format_count(e.walk_ins)},
                                   {"no_show", format_count(e.no_show)},
                                   {"areas", priority_areas_of(w, e)}});
    return out;
}

json::array organisations_view(participation_report const& r, core::wording const& w) {
    json::array out;
    for (auto const& o : r.organisations)
        out.push_back(json::object{
            {"name", o.name},
            {"area", area_label(w, o.area)},
            {"events", format_count(o.events_attended)},
            {"attended", format_count(o.attended)},
            {"since", o.first_attended_on},
            {"status", w(o.is_new ? "report.status.new" : "report.figure.returning")}});
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

json::array rows(labelled_counts const& items, long long whole) {
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
void add_splits(json::object& v, participation_report const& r, core::wording const& w) {
    v["affiliations"] = rows(affiliation_counts(w, r.affiliations), r.totals.attended);
    v["areas"] = rows(area_counts(w, r.areas), r.totals.organisations);
    v["priority_areas"] = rows(priority_area_counts(w, r.priority_areas), r.totals.attended);
    v["reach"] = rows(reach_counts(w, r.reach), r.reach.invited);
}

json::object common_view(participation_report const& r, std::string const& prefix,
                         std::vector<year_row> const& years, core::wording const& w) {
    json::object v{
        {"totals", totals_view(r)},
        {"events", events_view(r, w)},
        {"has_events", !r.events.empty()},
        {"years", years_view(years)},
        {"attendance_chart",
         chart_view(attendance_chart(r, prefix + "attendance", w), svg::horizontal_bars)},
        {"years_chart", chart_view(years_chart(years, prefix + "years", w), svg::stacked_columns)},
        {"area_chart", chart_view(area_chart(r, prefix + "area", w), svg::horizontal_bars)},
        {"affiliation_chart",
         chart_view(affiliation_chart(r, prefix + "affiliation", w), svg::horizontal_bars)}};
    add_splits(v, r, w);
    return v;
}

}  // namespace

json::object report_view(participation_report const& r, period const& p, core::wording const& w) {
    auto v = common_view(r, "c-", r.years, w);
    auto const query = period_query(p);
    v["from"] = r.from;
    v["to"] = r.to;
    v["query"] = query;
    v["organisations"] = organisations_view(r, w);
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
                             std::vector<year_row> const& trend, core::wording const& w) {
    auto const prefix = std::string{"y"}.append(std::to_string(year)).append("-");
    auto v = common_view(r, prefix, trend, w);
    v["year"] = year;
    v["from"] = r.from;
    v["to"] = r.to;
    json::array texts;
    for (auto const& t : priority_area_texts(r, w))
        texts.push_back(json::object{{"heading", t.heading}, {"text", t.text}});
    v["area_texts"] = std::move(texts);
    return v;
}

}  // namespace samverkan::reports

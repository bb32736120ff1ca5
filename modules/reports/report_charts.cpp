#include "modules/reports/report_charts.hpp"

#include "modules/reports/report_labels.hpp"

namespace samverkan::reports {

namespace {

std::string event_label(event_row const& e) {
    return e.title + " (" + e.starts_at.substr(0, 10) + ")";
}

std::string attendance_summary(participation_report const& r, core::wording const& w) {
    if (r.events.empty()) return w("report.chart.no_events");
    event_row const* most = &r.events.front();
    for (auto const& e : r.events)
        if (e.attended > most->attended) most = &e;
    auto out = w("report.chart.attendance.summary",
                 {{"events", counted(w, "report.count.events", r.totals.events)},
                  {"attended", format_count(r.totals.attended)},
                  {"attendees", format_count(r.totals.attendees)},
                  {"event", event_label(*most)},
                  {"most", format_count(most->attended)}});
    if (r.events.size() > chart_event_limit)
        out.append(" ").append(
            w("report.chart.attendance.limited", {{"n", std::to_string(chart_event_limit)}}));
    return out;
}

/// One bar per labelled count, in one series.
svg::chart split_chart(std::string id, std::string title, std::string summary, std::string series,
                       labelled_counts const& counts) {
    svg::chart c{std::move(id),
                 std::move(title),
                 std::move(summary),
                 {{std::move(series), svg::fill::solid}},
                 {}};
    for (auto const& [label, value] : counts) c.categories.push_back({label, {value}});
    return c;
}

/// `args` and each count with its share of `whole`, as {name} and {name_share}.
server::message::arguments with_shares(
    server::message::arguments args,
    std::initializer_list<std::pair<char const*, long long>> counts, long long whole) {
    for (auto const& [name, count] : counts) {
        args.emplace_back(name, format_count(count));
        args.emplace_back(std::string{name} + "_share", format_share(count, whole));
    }
    return args;
}

}  // namespace

svg::chart attendance_chart(participation_report const& r, std::string id, core::wording const& w) {
    svg::chart c{std::move(id),
                 w("report.chart.attendance.title"),
                 attendance_summary(r, w),
                 {{w("report.figure.confirmed"), svg::fill::hatched},
                  {w("report.figure.attended"), svg::fill::solid}},
                 {}};
    for (auto const& e : r.events) {
        if (c.categories.size() == chart_event_limit) break;
        c.categories.push_back({event_label(e), {e.confirmed, e.attended}});
    }
    return c;
}

svg::chart years_chart(std::vector<year_row> const& years, std::string id, core::wording const& w) {
    std::string summary;
    for (auto const& y : years) {
        if (!summary.empty()) summary += ' ';
        summary += w("report.chart.years.year",
                     {{"year", std::to_string(y.year)},
                      {"organisations", counted(w, "report.count.organisations", y.organisations)},
                      {"new", format_count(y.new_organisations)},
                      {"returning", format_count(y.returning_organisations)}});
    }
    if (summary.empty()) summary = w("report.chart.no_organisations");
    svg::chart c{std::move(id),
                 w("report.chart.years.title"),
                 summary,
                 {{w("report.figure.returning"), svg::fill::solid},
                  {w("report.figure.new"), svg::fill::hatched}},
                 {}};
    for (auto const& y : years)
        c.categories.push_back(
            {std::to_string(y.year), {y.returning_organisations, y.new_organisations}});
    return c;
}

svg::chart area_chart(participation_report const& r, std::string id, core::wording const& w) {
    auto const& a = r.areas;
    auto const all = r.totals.organisations;
    auto summary =
        all == 0
            ? w("report.chart.no_organisations")
            : w("report.chart.area.summary",
                with_shares({{"organisations",
                              counted(w, "report.count.participating_organisations", all)}},
                            {{"urban", a.urban}, {"rural", a.rural}, {"unknown", a.unknown}}, all));
    return split_chart(std::move(id), w("report.chart.area.title"), std::move(summary),
                       w("report.figure.organisations"), area_counts(w, a));
}

svg::chart affiliation_chart(participation_report const& r, std::string id,
                             core::wording const& w) {
    auto const& f = r.affiliations;
    auto const all = r.totals.attended;
    auto summary = all == 0 ? w("report.chart.affiliation.none")
                            : w("report.chart.affiliation.summary",
                                with_shares({{"attended", format_count(all)}},
                                            {{"civil_society", f.civil_society},
                                             {"municipal_staff", f.municipal_staff},
                                             {"elected_official", f.elected_official},
                                             {"other", f.other}},
                                            all));
    return split_chart(std::move(id), w("report.chart.affiliation.title"), std::move(summary),
                       w("report.figure.attended"), affiliation_counts(w, f));
}

}  // namespace samverkan::reports

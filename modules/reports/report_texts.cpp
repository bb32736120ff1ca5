#include "modules/reports/report_texts.hpp"

#include "modules/reports/report_labels.hpp"

#include <algorithm>

namespace samverkan::reports {

namespace {

long long events_linked_to(participation_report const& r, std::string_view code) {
    return std::count_if(r.events.begin(), r.events.end(), [&](event_row const& e) {
        return std::find(e.priority_areas.begin(), e.priority_areas.end(), code) !=
               e.priority_areas.end();
    });
}

/// "2 av periodens 3 träffar var kopplade till X, med 140 närvarande." or that none was.
std::string opening(participation_report const& r, std::string_view code, long long attended,
                    core::wording const& w) {
    auto const events = events_linked_to(r, code);
    server::message::arguments args{{"all", counted(w, "report.count.events", r.totals.events)},
                                    {"area", w("report.area_text.subject." + std::string{code})}};
    if (events == 0) return w("report.area_text.linked_none", std::move(args));
    args.emplace_back("attended", format_count(attended));
    return counted(w, "report.area_text.linked", events, std::move(args));
}

std::string collaboration(participation_report const& r, core::wording const& w) {
    auto const& t = r.totals;
    return opening(r, "collaboration_learning", r.priority_areas.collaboration_learning, w) + " " +
           w("report.area_text.collaboration",
             {{"organisations", counted(w, "report.count.organisations", t.organisations)},
              {"returning", format_count(t.returning_organisations)}});
}

std::string participation(participation_report const& r, core::wording const& w) {
    return opening(r, "participation", r.priority_areas.participation, w) + " " +
           w("report.area_text.participation",
             {{"new", counted(w, "report.count.organisations", r.totals.new_organisations)},
              {"members", counted(w, "report.count.organisations", r.agreement_members)},
              {"invited", counted(w, "report.count.invited_organisations", r.reach.invited)},
              {"registered", format_count(r.reach.registered)},
              {"attended", format_count(r.reach.attended)}});
}

std::string democracy(participation_report const& r, core::wording const& w) {
    auto const& a = r.affiliations;
    auto const met =
        w("report.area_text.democracy",
          {{"civil_society", counted(w, "report.count.attendees", a.civil_society)},
           {"elected_officials", counted(w, "report.count.elected_officials", a.elected_official)},
           {"municipal_staff", counted(w, "report.count.municipal_staff", a.municipal_staff)}});
    auto const rural =
        counted(w, "report.area_text.rural", r.areas.rural,
                {{"organisations",
                  counted(w, "report.count.participating_organisations", r.totals.organisations)}});
    return opening(r, "democracy", r.priority_areas.democracy, w) + " " + met + " " + rural;
}

}  // namespace

std::vector<area_text> priority_area_texts(participation_report const& r, core::wording const& w) {
    return {{"collaboration_learning", priority_area_label(w, "collaboration_learning"),
             collaboration(r, w)},
            {"participation", priority_area_label(w, "participation"), participation(r, w)},
            {"democracy", priority_area_label(w, "democracy"), democracy(r, w)}};
}

}  // namespace samverkan::reports

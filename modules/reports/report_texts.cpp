#include "modules/reports/report_texts.hpp"

#include "modules/reports/report_labels.hpp"

#include <algorithm>

namespace samverkan::reports {

namespace {

struct area_figures {
    long long events = 0;
    long long attended = 0;
};

area_figures figures_of(participation_report const& r, std::string_view code, long long attended) {
    auto const events = std::count_if(r.events.begin(), r.events.end(), [&](event_row const& e) {
        return std::find(e.priority_areas.begin(), e.priority_areas.end(), code) !=
               e.priority_areas.end();
    });
    return {static_cast<long long>(events), attended};
}

/// "2 av 3 träffar var kopplade till X, med 140 närvarande." or that none was.
std::string opening(area_figures const& f, long long all_events, std::string_view area) {
    std::string const name{area};
    if (f.events == 0)
        return "Ingen av periodens " + format_count(all_events) +
               (all_events == 1 ? " träff" : " träffar") + " var kopplad till " + name + ".";
    return format_count(f.events) + " av periodens " + format_count(all_events) +
           (all_events == 1 ? " träff" : " träffar") + " var kopplade till " + name + ", med " +
           format_count(f.attended) + " närvarande.";
}

std::string collaboration(participation_report const& r) {
    auto const f = figures_of(r, "collaboration_learning", r.priority_areas.collaboration_learning);
    auto const& t = r.totals;
    return opening(f, t.events, "samverkan och lärande") + " " + format_count(t.organisations) +
           " organisationer deltog; " + format_count(t.returning_organisations) +
           " av dem hade deltagit tidigare, ett mått på långsiktig samverkan mellan kommunen och "
           "den idéburna sektorn.";
}

std::string participation(participation_report const& r) {
    auto const f = figures_of(r, "participation", r.priority_areas.participation);
    auto const& t = r.totals;
    return opening(f, t.events, "delaktighet") + " " + format_count(t.new_organisations) +
           " organisationer deltog för första gången. När perioden slutade hade " +
           format_count(r.agreement_members) +
           " organisationer anslutit sig till överenskommelsen. Av " +
           format_count(r.reach.invited) + " inbjudna organisationer anmälde sig " +
           format_count(r.reach.registered) + " och " + format_count(r.reach.attended) + " kom.";
}

std::string democracy(participation_report const& r) {
    auto const f = figures_of(r, "democracy", r.priority_areas.democracy);
    auto const& a = r.affiliations;
    return opening(f, r.totals.events, "demokrati") + " Vid träffarna mötte " +
           format_count(a.civil_society) + " deltagare från idéburna organisationer " +
           format_count(a.elected_official) + " förtroendevalda och " +
           format_count(a.municipal_staff) + " tjänstepersoner. " + format_count(r.areas.rural) +
           " av " + format_count(r.totals.organisations) +
           " deltagande organisationer är verksamma på landsbygden.";
}

}  // namespace

std::vector<area_text> priority_area_texts(participation_report const& r) {
    return {{"collaboration_learning", std::string{priority_area_label("collaboration_learning")},
             collaboration(r)},
            {"participation", std::string{priority_area_label("participation")}, participation(r)},
            {"democracy", std::string{priority_area_label("democracy")}, democracy(r)}};
}

}  // namespace samverkan::reports

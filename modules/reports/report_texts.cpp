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

/// "2 av periodens 3 träffar var kopplade till X, med 140 närvarande." or that none was.
std::string opening(area_figures const& f, long long all_events, std::string_view area) {
    std::string const name{area};
    auto const of_all = " av periodens " + counted(all_events, "träff", "träffar");
    if (f.events == 0) return "Ingen" + of_all + " var kopplad till " + name + ".";
    return format_count(f.events) + of_all + (f.events == 1 ? " var kopplad" : " var kopplade") +
           " till " + name + ", med " + format_count(f.attended) + " närvarande.";
}

std::string collaboration(participation_report const& r) {
    auto const f = figures_of(r, "collaboration_learning", r.priority_areas.collaboration_learning);
    auto const& t = r.totals;
    return opening(f, t.events, "samverkan och lärande") + " " +
           counted(t.organisations, "organisation", "organisationer") + " deltog; " +
           format_count(t.returning_organisations) +
           " av dem hade deltagit tidigare, ett mått på långsiktig samverkan mellan kommunen och "
           "den idéburna sektorn.";
}

std::string participation(participation_report const& r) {
    auto const f = figures_of(r, "participation", r.priority_areas.participation);
    auto const& t = r.totals;
    return opening(f, t.events, "delaktighet") + " " +
           counted(t.new_organisations, "organisation", "organisationer") +
           " deltog för första gången. När perioden slutade hade " +
           counted(r.agreement_members, "organisation", "organisationer") +
           " anslutit sig till överenskommelsen. Av " +
           counted(r.reach.invited, "inbjuden organisation", "inbjudna organisationer") +
           " anmälde sig " + format_count(r.reach.registered) + " och " +
           format_count(r.reach.attended) + " kom.";
}

std::string democracy(participation_report const& r) {
    auto const f = figures_of(r, "democracy", r.priority_areas.democracy);
    auto const& a = r.affiliations;
    return opening(f, r.totals.events, "demokrati") + " Vid träffarna möttes " +
           counted(a.civil_society, "deltagare", "deltagare") + " från idéburna organisationer, " +
           counted(a.elected_official, "förtroendevald", "förtroendevalda") + " och " +
           counted(a.municipal_staff, "tjänsteperson", "tjänstepersoner") + ". " +
           format_count(r.areas.rural) + " av " +
           counted(r.totals.organisations, "deltagande organisation", "deltagande organisationer") +
           (r.areas.rural == 1 ? " är verksam" : " är verksamma") + " på landsbygden.";
}

}  // namespace

std::vector<area_text> priority_area_texts(participation_report const& r) {
    return {{"collaboration_learning", std::string{priority_area_label("collaboration_learning")},
             collaboration(r)},
            {"participation", std::string{priority_area_label("participation")}, participation(r)},
            {"democracy", std::string{priority_area_label("democracy")}, democracy(r)}};
}

}  // namespace samverkan::reports

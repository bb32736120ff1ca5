#include "modules/reports/report_labels.hpp"

namespace samverkan::reports {

std::string area_label(core::wording const& w, std::string_view code) {
    if (code == "urban") return w("register.form.urban");
    if (code == "rural") return w("register.form.rural");
    return w("report.area.unknown");
}

std::string priority_area_label(core::wording const& w, std::string_view code) {
    if (code == "collaboration_learning") return w("event.area.collaboration_learning");
    if (code == "participation") return w("event.area.participation");
    if (code == "democracy") return w("event.area.democracy");
    return std::string{code};
}

std::string priority_areas_of(core::wording const& w, event_row const& e) {
    std::string out;
    for (auto const& a : e.priority_areas)
        out.append(out.empty() ? "" : ", ").append(priority_area_label(w, a));
    return out;
}

std::string kind_label(core::wording const& w, std::string_view code) {
    if (code == "dialogue_conference") return w("event.kind.dialogue_conference");
    if (code == "theme_meeting") return w("event.kind.theme_meeting");
    return w("event.kind.other");
}

labelled_counts affiliation_counts(core::wording const& w, by_affiliation const& f) {
    return {{w("labels.affiliation.civil_society"), f.civil_society},
            {w("labels.affiliation.municipal_staff"), f.municipal_staff},
            {w("labels.affiliation.elected_official"), f.elected_official},
            {w("labels.affiliation.other"), f.other}};
}

labelled_counts area_counts(core::wording const& w, by_area const& a) {
    return {{area_label(w, "urban"), a.urban},
            {area_label(w, "rural"), a.rural},
            {area_label(w, ""), a.unknown}};
}

labelled_counts priority_area_counts(core::wording const& w, by_priority_area const& p) {
    return {{priority_area_label(w, "collaboration_learning"), p.collaboration_learning},
            {priority_area_label(w, "participation"), p.participation},
            {priority_area_label(w, "democracy"), p.democracy}};
}

labelled_counts reach_counts(core::wording const& w, reach const& r) {
    return {{w("report.reach.invited"), r.invited},
            {w("report.reach.registered"), r.registered},
            {w("report.reach.attended"), r.attended}};
}

std::string format_count(long long value) {
    auto const digits = std::to_string(value < 0 ? -value : value);
    std::string out = value < 0 ? "-" : "";
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out += "\u00a0";
        out += digits[i];
    }
    return out;
}

std::string counted(core::wording const& w, std::string const& key, long long n,
                    server::message::arguments args) {
    args.emplace_back("n", format_count(n));
    return w(n == 1 ? key + "_one" : key, std::move(args));
}

std::string format_share(long long part, long long whole) {
    if (whole <= 0) return "–";
    return std::to_string((part * 100 + whole / 2) / whole) + "\u00a0%";
}

}  // namespace samverkan::reports

#include "modules/reports/report_labels.hpp"

namespace samverkan::reports {

std::string_view affiliation_label(std::string_view code) {
    if (code == "civil_society") return "Idéburen organisation";
    if (code == "municipal_staff") return "Tjänsteperson";
    if (code == "elected_official") return "Förtroendevald";
    return "Annan";
}

std::string_view area_label(std::string_view code) {
    if (code == "urban") return "Stad";
    if (code == "rural") return "Landsbygd";
    return "Okänt område";
}

std::string_view priority_area_label(std::string_view code) {
    if (code == "collaboration_learning") return "Samverkan och lärande";
    if (code == "participation") return "Delaktighet";
    if (code == "democracy") return "Demokrati";
    return code;
}

std::string_view kind_label(std::string_view code) {
    if (code == "dialogue_conference") return "Dialogkonferens";
    if (code == "theme_meeting") return "Tematräff";
    return "Annan träff";
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

std::string counted(long long value, std::string_view one, std::string_view many) {
    return format_count(value).append(" ").append(value == 1 ? one : many);
}

std::string format_share(long long part, long long whole) {
    if (whole <= 0) return "–";
    return std::to_string((part * 100 + whole / 2) / whole) + "\u00a0%";
}

}  // namespace samverkan::reports

#include "modules/registrations/registration_labels.hpp"

#include "modules/registrations/registration_types.hpp"

#include <algorithm>
#include <array>

namespace samverkan::registrations {

namespace {

template <class Codes>
bool known(Codes const& codes, std::string_view code) {
    return std::find(codes.begin(), codes.end(), code) != codes.end();
}

constexpr std::array<std::string_view, 3> statuses{"confirmed", "waitlisted", "cancelled"};

}  // namespace

std::string affiliation_label(core::wording const& w, std::string_view code) {
    return w("labels.affiliation." + std::string{known(affiliations, code) ? code : "other"});
}

// A code the database does not hold (it checks them) is shown as it is, never an error.
std::string dietary_labels(core::wording const& w, std::vector<std::string> const& codes) {
    std::string out;
    for (auto const& c : codes)
        out.append(out.empty() ? "" : ", ")
            .append(known(dietary_codes, c) ? w("form.dietary." + c) : c);
    return out;
}

std::string status_label(core::wording const& w, std::string_view status) {
    if (!known(statuses, status)) return std::string{status};
    return w("labels.status." + std::string{status});
}

std::string attended_label(core::wording const& w, std::optional<bool> attended) {
    if (!attended) return {};
    return w(*attended ? "labels.attended.yes" : "labels.attended.no");
}

}  // namespace samverkan::registrations

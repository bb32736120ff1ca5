#pragma once

// The printable follow-up's short text per priority area of the action plan 2025–2027,
// written from the year's figures in the language of the wording. What each area is about comes
// from the action plan itself: Samverkan och lärande (collaboration between the municipality and
// the sector, and learning from each other), Delaktighet (more organisations joining the agreement,
// exchange of experience, the yearly dialogue conference) and Demokrati (inclusion, human
// rights, people's say over their lives; in town and countryside alike).
#include "modules/core/messages.hpp"
#include "modules/reports/report_types.hpp"

#include <string>
#include <vector>

namespace samverkan::reports {

struct area_text {
    std::string code;     ///< "collaboration_learning", "participation", "democracy"
    std::string heading;  ///< the area's name
    std::string text;
};

[[nodiscard]] std::vector<area_text> priority_area_texts(participation_report const& r,
                                                         core::wording const& w);

}  // namespace samverkan::reports

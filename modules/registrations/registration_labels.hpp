#pragma once

// The one place where a registration's codes become words (web/messages/registration_labels.msg),
// for the staff pages, the door and the CSV export alike.
#include "modules/core/messages.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace samverkan::registrations {

/// "Förening", "Tjänsteperson", "Förtroendevald", "Övrigt".
[[nodiscard]] std::string affiliation_label(core::wording const& w, std::string_view code);

/// The dietary codes' words, comma-separated.
[[nodiscard]] std::string dietary_labels(core::wording const& w,
                                         std::vector<std::string> const& codes);

/// "Bekräftad", "Väntelista", "Avbokad".
[[nodiscard]] std::string status_label(core::wording const& w, std::string_view status);

/// "Ja", "Nej" or "" (not recorded).
[[nodiscard]] std::string attended_label(core::wording const& w, std::optional<bool> attended);

}  // namespace samverkan::registrations

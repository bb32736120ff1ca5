#pragma once

#include "modules/core/messages.hpp"
#include "modules/registrations/registration_types.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace samverkan::registrations {

/// One row per attendee with headers and codes in `w`'s words, in core::csv_writer's format;
/// the needs columns only `with_needs` (organisers and admins).
[[nodiscard]] std::string registrations_csv(std::vector<registration> const& items, bool with_needs,
                                            core::wording const& w);

}  // namespace samverkan::registrations

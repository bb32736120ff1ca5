#pragma once

#include "modules/registrations/registration_types.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace samverkan::registrations {

/// One row per attendee with Swedish headers, in core::csv_writer's format; the needs
/// columns only `with_needs` (organisers and admins).
[[nodiscard]] std::string registrations_csv(std::vector<registration> const& items,
                                            bool with_needs);

}  // namespace samverkan::registrations

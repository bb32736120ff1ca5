#pragma once

#include "modules/registrations/registration_types.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace samverkan::registrations {

/// One row per attendee with Swedish headers, in core::csv_writer's format.
[[nodiscard]] std::string registrations_csv(std::vector<registration> const& items);

}  // namespace samverkan::registrations

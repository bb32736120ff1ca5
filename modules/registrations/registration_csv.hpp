#pragma once

#include "modules/registrations/registration_types.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace samverkan::registrations {

/// One row per attendee, for Excel and LibreOffice with Swedish settings: UTF-8 with a BOM,
/// semicolon-separated, CRLF line ends, Swedish headers; cells that start with = + - @
/// (or a tab or CR) are neutralised with a leading apostrophe so no formula runs.
[[nodiscard]] std::string registrations_csv(std::vector<registration> const& items);

/// One CSV cell: neutralised, then quoted when it holds ; " CR or LF.
[[nodiscard]] std::string csv_cell(std::string_view value);

}  // namespace samverkan::registrations

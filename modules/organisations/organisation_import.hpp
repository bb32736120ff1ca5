#pragma once

#include "modules/organisations/organisation_types.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace soci {
class session;
}

namespace samverkan::organisations {

/// One data row of an import, its cells already checked: `error` says why it cannot be used.
struct import_row {
    int line = 0;
    organisation org;      ///< given fields only ("" = not given); kind "" = not given
    contact person;        ///< email "" = no contact on this row
    std::string error;     ///< English
    std::string error_sv;  ///< Swedish
};

/// Parses the CSV text and checks every row. Throws api_error 422 when the text is not CSV
/// or the header row has no `name` column.
[[nodiscard]] std::vector<import_row> parse_import(std::string_view text);

/// Creates or updates the organisations and contacts of the valid rows, with the caller's
/// session (one transaction), and reports the rest.
[[nodiscard]] import_result apply_import(soci::session& sql, std::vector<import_row> const& rows);

}  // namespace samverkan::organisations

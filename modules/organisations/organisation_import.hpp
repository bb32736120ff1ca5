#pragma once

#include "modules/core/messages.hpp"
#include "modules/organisations/organisation_types.hpp"

#include <boost/json/fwd.hpp>

#include <optional>
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
    organisation org;    ///< given fields only ("" = not given); kind "" = not given
    contact person;      ///< email "" = no contact on this row
    std::string column;  ///< the column of the first problem, "" when none
    std::optional<server::message> error;  ///< the row's first problem
};

/// Parses the CSV text and checks every row. Throws api_error 422 when the text is not CSV
/// or the header row has no `name` column.
[[nodiscard]] std::vector<import_row> parse_import(std::string_view text);

/// Creates or updates the organisations and contacts of the valid rows, with the caller's
/// session (one transaction), and reports the rest.
[[nodiscard]] import_result apply_import(soci::session& sql, std::vector<import_row> const& rows);

/// A rejected line in words: "contact_email: Not a valid e-mail address.".
[[nodiscard]] std::string rejection_text(import_rejection const& r, core::wording const& words);

/// API.md's answer to an import: created, updated, unchanged and the rejected lines (line,
/// error in words).
[[nodiscard]] boost::json::object import_json(import_result const& r, core::wording const& words);

}  // namespace samverkan::organisations

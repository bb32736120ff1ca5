#pragma once

#include <iosfwd>
#include <string>

namespace samverkan::db {
class database;
}

namespace samverkan::core {
class message_catalogue;
}

namespace samverkan::organisations {

/// `samverkan import-organisations FILE.csv`: the same import as POST
/// /api/v1/organisations/import, from a file, recorded in the audit log as done from the
/// command line. Prints the result as JSON on `out`; returns 0 when the import ran (lines
/// it could not use are listed, in English from `messages`), 1 when the file cannot be read
/// or is not a usable CSV.
int run_import_command(std::string const& path, db::database& db,
                       core::message_catalogue const& messages, std::ostream& out,
                       std::ostream& err);

}  // namespace samverkan::organisations

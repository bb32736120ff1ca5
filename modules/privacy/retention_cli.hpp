#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace samverkan::privacy {

class privacy_service;

/// `samverkan retention [--dry-run]`: takes --dry-run out of the arguments (the rest are
/// settings) and says whether it was there.
[[nodiscard]] bool take_dry_run(std::vector<std::string>& args);

/// Runs the retention once, now, and prints what it did (or would do) as one JSON object on
/// `out`. Returns the exit status.
int run_retention_command(privacy_service& service, bool dry_run, std::ostream& out);

}  // namespace samverkan::privacy

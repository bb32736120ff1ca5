#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace samverkan::organisations {

/// One record of a CSV file with the line it starts on (1 = the first line).
struct csv_record {
    int line = 0;
    std::vector<std::string> cells;
};

/// Parses CSV (RFC 4180 quoting, CRLF or LF): a UTF-8 byte-order mark is dropped, and the
/// separator is ';' or ',' — whichever the first line (the header) has more of outside
/// quotes. Blank lines are skipped. Throws std::invalid_argument for an unterminated quote (what()
/// is the message key register.import.unclosed_quote).
[[nodiscard]] std::vector<csv_record> parse_csv(std::string_view text);

}  // namespace samverkan::organisations

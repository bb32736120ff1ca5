#pragma once

// Small text rules every module shares: strict UTF-8, trimming, ASCII case folding.
#include "server/utf8.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace samverkan::core {

/// Well-formed UTF-8 (server/utf8.hpp): what every input is checked against before it
/// reaches the database or a log line.
using server::valid_utf8;

/// Number of UTF-8 code points (not bytes) in `text`.
[[nodiscard]] std::size_t utf8_length(std::string_view text);

/// Valid UTF-8 without control characters (tab, CR and LF allowed when `allow_newlines`).
[[nodiscard]] bool clean_text(std::string_view text, bool allow_newlines);

/// `text` without leading and trailing ASCII white space.
[[nodiscard]] std::string trim(std::string_view text);

/// A–Z to a–z; other bytes as they are (e-mail addresses compare this way).
[[nodiscard]] std::string lower_ascii(std::string_view text);

/// The whole of `text` as a decimal integer (an optional leading '-'); nullopt for anything
/// else: empty, other characters, or out of range.
[[nodiscard]] std::optional<long long> whole_number(std::string_view text);

}  // namespace samverkan::core

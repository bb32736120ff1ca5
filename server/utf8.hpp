#pragma once

// UTF-8 at the edge: every byte string from outside is checked before it is used, and
// every log line is made valid before it is written.
#include <string>
#include <string_view>

namespace samverkan::server {

/// Well-formed UTF-8 as RFC 3629 defines it: no overlong forms (C0 AF for '/'), no UTF-16
/// surrogates (ED A0 80), nothing above U+10FFFF, no stray continuation bytes.
[[nodiscard]] bool valid_utf8(std::string_view text);

/// `text` with every byte that is not part of a well-formed sequence replaced by U+FFFD.
[[nodiscard]] std::string repair_utf8(std::string_view text);

}  // namespace samverkan::server

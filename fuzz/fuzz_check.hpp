#pragma once

// What every harness shares: the input as text, and a check whose failure is a finding
// (libFuzzer then saves the input and the run fails).
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace samverkan::fuzz {

inline std::string_view text_of(std::uint8_t const* data, std::size_t size) {
    return {reinterpret_cast<char const*>(data), size};
}

/// Aborts with `what` unless `ok`: a broken property is as much a finding as a crash.
inline void expect(bool ok, char const* what) {
    if (ok) return;
    std::fprintf(stderr, "fuzz property broken: %s\n", what);
    std::abort();
}

}  // namespace samverkan::fuzz

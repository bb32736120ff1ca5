#pragma once

// Enums that cross to the database as names (registration_outcome, registration_window …):
// the C++ enum and its names are declared in the same order, so a name's place is its value.
#include <algorithm>
#include <array>
#include <stdexcept>
#include <string>
#include <string_view>

namespace samverkan::core {

/// The value whose name is `text`; std::invalid_argument naming `what` for anything else
/// (the database answered a value this binary does not know).
template <class Enum, std::size_t N>
[[nodiscard]] Enum enum_from_name(std::array<std::string_view, N> const& names,
                                  std::string_view text, char const* what) {
    auto const it = std::find(names.begin(), names.end(), text);
    if (it == names.end())
        throw std::invalid_argument(std::string{"unknown "} + what + " '" + std::string{text} +
                                    "'");
    return static_cast<Enum>(it - names.begin());
}

}  // namespace samverkan::core

#pragma once

#include <string>
#include <string_view>

namespace samverkan::core {

/// A Swedish organisationsnummer in the form NNNNNN-NNNN when `text` has ten digits (the dash
/// after the sixth is optional) and the last is the Luhn check digit of the first nine;
/// "" otherwise.
[[nodiscard]] std::string normalise_org_number(std::string_view text);

}  // namespace samverkan::core

#include "modules/core/org_number.hpp"

#include <cctype>

namespace samverkan::core {

std::string normalise_org_number(std::string_view text) {
    std::string digits;
    for (std::size_t i = 0; i < text.size(); ++i) {
        char const c = text[i];
        if (std::isdigit(static_cast<unsigned char>(c)))
            digits += c;
        else if (!(c == '-' && i == 6))
            return {};
    }
    if (digits.size() != 10) return {};
    // Luhn over the first nine digits, weights 2, 1, 2, 1 … from the left.
    int sum = 0;
    for (std::size_t i = 0; i < 9; ++i) {
        int const d = (digits[i] - '0') * (i % 2 == 0 ? 2 : 1);
        sum += d > 9 ? d - 9 : d;
    }
    if ((10 - sum % 10) % 10 != digits[9] - '0') return {};
    return digits.substr(0, 6) + "-" + digits.substr(6);
}

}  // namespace samverkan::core

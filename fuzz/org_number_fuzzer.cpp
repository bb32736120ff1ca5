// core::normalise_org_number: "" or NNNNNN-NNNN with a right Luhn digit, and the normal form
// is its own normal form.
#include "fuzz/fuzz_check.hpp"
#include "modules/core/org_number.hpp"

namespace {

bool luhn(std::string const& digits) {
    int sum = 0;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        int d = digits[i] - '0';
        if (i % 2 == 0) d *= 2;
        sum += d > 9 ? d - 9 : d;
    }
    return sum % 10 == 0;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
    using namespace samverkan;
    auto const normal = core::normalise_org_number(fuzz::text_of(data, size));
    if (normal.empty()) return 0;
    fuzz::expect(normal.size() == 11 && normal[6] == '-', "the form NNNNNN-NNNN");
    std::string digits = normal.substr(0, 6) + normal.substr(7);
    for (char c : digits) fuzz::expect(c >= '0' && c <= '9', "only digits around the dash");
    fuzz::expect(luhn(digits), "the last digit is the Luhn check digit");
    fuzz::expect(core::normalise_org_number(normal) == normal, "the normal form is stable");
    fuzz::expect(core::normalise_org_number(digits) == normal, "the dash is optional");
    return 0;
}

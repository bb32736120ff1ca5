#pragma once

// application/x-www-form-urlencoded encoding of one value, as browsers write it. Header only,
// so that the fuzzers (which do not link the test support library) share it.
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace samverkan::test {

[[nodiscard]] inline std::string form_encode(std::string_view value) {
    static constexpr char hex[] = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : value) {
        bool const plain = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
                           (c >= 'A' && c <= 'Z') || c == '-' || c == '_' || c == '.' || c == '~';
        if (plain) {
            out += static_cast<char>(c);
        } else if (c == ' ') {
            out += '+';
        } else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    return out;
}

/// A whole form body: the fields in order, "name=value" joined by "&".
[[nodiscard]] inline std::string form_body(
    std::vector<std::pair<std::string, std::string>> const& fields) {
    std::string body;
    for (auto const& [name, value] : fields) {
        if (!body.empty()) body.append("&");
        body.append(form_encode(name)).append("=").append(form_encode(value));
    }
    return body;
}

}  // namespace samverkan::test

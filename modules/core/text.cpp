#include "modules/core/text.hpp"

#include <algorithm>
#include <charconv>

namespace samverkan::core {

namespace {

bool space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

}  // namespace

std::size_t utf8_length(std::string_view text) {
    return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
        return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    }));
}

bool clean_text(std::string_view text, bool allow_newlines) {
    if (!valid_utf8(text)) return false;
    return std::none_of(text.begin(), text.end(), [allow_newlines](char ch) {
        auto const c = static_cast<unsigned char>(ch);
        if (c >= 0x20 && c != 0x7F) return false;
        return !(allow_newlines && (c == '\n' || c == '\r' || c == '\t'));
    });
}

std::string trim(std::string_view text) {
    while (!text.empty() && space(text.front())) text.remove_prefix(1);
    while (!text.empty() && space(text.back())) text.remove_suffix(1);
    return std::string{text};
}

std::string lower_ascii(std::string_view text) {
    std::string out{text};
    std::transform(out.begin(), out.end(), out.begin(), [](char c) {
        return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
    });
    return out;
}

std::optional<long long> whole_number(std::string_view text) {
    long long n = 0;
    auto const [end, error] = std::from_chars(text.data(), text.data() + text.size(), n);
    if (text.empty() || error != std::errc{} || end != text.data() + text.size()) return {};
    return n;
}

}  // namespace samverkan::core

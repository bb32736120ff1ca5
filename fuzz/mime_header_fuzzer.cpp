// MIME header encoding (modules/mail/mime): whatever text a registrant types into a name or
// a subject, the header that comes out holds no line break but its folds, no NUL, words of
// at most 75 characters, and decodes back to the text.
#include "fuzz/fuzz_check.hpp"
#include "modules/mail/mime.hpp"

#include <stdexcept>
#include <string>

namespace {

using samverkan::fuzz::expect;

int base64_value(char c) {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
}

std::string base64_decoded(std::string_view text) {
    std::string out;
    unsigned bits = 0;
    int count = 0;
    for (char c : text) {
        if (c == '=') break;
        int const v = base64_value(c);
        expect(v >= 0, "base64 alphabet only");
        bits = (bits << 6) | static_cast<unsigned>(v);
        count += 6;
        if (count >= 8) {
            count -= 8;
            out += static_cast<char>((bits >> count) & 0xFF);
        }
    }
    return out;
}

// Only CRLF followed by a space may break the value (a fold).
void expect_one_header_line(std::string_view value) {
    for (std::size_t i = 0; i < value.size(); ++i) {
        expect(value[i] != '\0' && value[i] != '\n', "no NUL or bare LF in a header");
        if (value[i] == '\r') {
            expect(value.substr(i, 3) == "\r\n ", "CR only in a fold");
            i += 2;
        }
    }
}

// The encoded words of encode_header_text, decoded and joined again.
std::string decoded_words(std::string_view value) {
    std::string out;
    while (!value.empty()) {
        auto const end = value.find("\r\n ");
        auto const word = value.substr(0, end);
        expect(word.size() <= 75, "an encoded word is at most 75 characters");
        expect(word.starts_with("=?UTF-8?B?") && word.ends_with("?="), "a B-encoded word");
        out += base64_decoded(word.substr(10, word.size() - 12));
        value = end == std::string_view::npos ? std::string_view{} : value.substr(end + 3);
    }
    return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
    using namespace samverkan;
    if (size < 1) return 0;
    std::size_t const used = data[0] % 64;  // how much of the line the header name takes
    auto const text = fuzz::text_of(data + 1, size - 1);

    auto const encoded = mail::encode_header_text(text, used);
    expect_one_header_line(encoded);
    if (encoded != text) expect(decoded_words(encoded) == text, "the words decode to the text");

    auto const neutral = mail::neutralise_header_text(text);
    expect(mail::header_safe(neutral), "neutralised text is header safe");
    expect(neutral.empty() || (neutral.front() != ' ' && neutral.back() != ' '), "trimmed");

    auto const split = text.find('|');
    auto const name = text.substr(0, split);
    auto const address = split == std::string_view::npos ? std::string_view{"a@example.org"}
                                                         : text.substr(split + 1);
    try {
        auto const mailbox = mail::format_mailbox(name, address, used);
        expect_one_header_line(mailbox);
        expect(mailbox == address || mailbox.ends_with("<" + std::string{address} + ">"),
               "the address is the mailbox's, unchanged");
    } catch (std::invalid_argument const&) {
        expect(
            !mail::header_safe(address) || address.find_first_of("<>\" ") != std::string_view::npos,
            "only an unsafe address is refused");
    }
    return 0;
}

#include "modules/registrations/manage_token.hpp"

#include <sodium.h>

#include <algorithm>
#include <array>
#include <stdexcept>

namespace samverkan::registrations {

namespace {
constexpr std::size_t token_bytes = 32;
constexpr std::size_t token_chars = 43;  // base64 of 32 bytes without padding
}  // namespace

std::string new_manage_token() {
    // sodium_init is idempotent and thread-safe; it opens the random source once.
    if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
    std::array<unsigned char, token_bytes> bytes{};
    randombytes_buf(bytes.data(), bytes.size());
    std::array<char, token_chars + 1> text{};
    sodium_bin2base64(text.data(), text.size(), bytes.data(), bytes.size(),
                      sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    return std::string{text.data(), token_chars};
}

bool looks_like_manage_token(std::string_view text) {
    return text.size() == token_chars && std::all_of(text.begin(), text.end(), [](char c) {
               return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                      c == '-' || c == '_';
           });
}

}  // namespace samverkan::registrations

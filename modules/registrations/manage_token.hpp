#pragma once

#include <string>
#include <string_view>

namespace samverkan::registrations {

/// A new manage-link token: 256 random bits from libsodium, base64url without padding
/// (43 characters). The database stores only its SHA-256; the token itself is never logged.
[[nodiscard]] std::string new_manage_token();

/// Whether `text` has the shape of a manage token, so malformed links are answered 404
/// without a database query.
[[nodiscard]] bool looks_like_manage_token(std::string_view text);

}  // namespace samverkan::registrations

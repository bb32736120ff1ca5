#pragma once

// libsodium behind small functions: Argon2id password hashes, random tokens, SHA-256.
// sodium_init() must have been called once (main does it) before any of these run.
#include <string>
#include <string_view>

namespace samverkan::auth {

/// Argon2id (crypto_pwhash_str) with libsodium's INTERACTIVE limits. CPU- and memory-heavy
/// (about 0.1 s and 64 MiB): call it on a worker pool, never on an I/O thread.
[[nodiscard]] std::string hash_password(std::string_view password);

/// Checks `password` against a stored crypto_pwhash_str hash; as costly as hashing.
[[nodiscard]] bool verify_password(std::string const& hash, std::string_view password);

/// 256 random bits as unpadded base64url (43 characters): session and CSRF tokens.
[[nodiscard]] std::string random_token();

/// True when `text` has the shape random_token produces (saves a database round trip
/// for junk cookies).
[[nodiscard]] bool looks_like_token(std::string_view text);

/// SHA-256 of `text` as 64 lower-case hex digits: what the database keeps of a token.
[[nodiscard]] std::string sha256_hex(std::string_view text);

/// Compares two secrets in time independent of where they differ.
[[nodiscard]] bool equal_secrets(std::string_view a, std::string_view b);

/// A random password of `length` letters and digits from an alphabet without look-alikes,
/// for the first admin.
[[nodiscard]] std::string generate_password(std::size_t length = 24);

}  // namespace samverkan::auth

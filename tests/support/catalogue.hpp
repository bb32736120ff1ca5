#pragma once

// The message catalogue of the source tree for unit tests, and what a reader's field error
// says in words. Header-only: each test target defines SAMVERKAN_SOURCE_DIR.
#include "modules/core/messages.hpp"
#include "server/api_error.hpp"

#include <filesystem>
#include <string>

namespace samverkan::test {

inline core::message_catalogue const& catalogue() {
    static core::message_catalogue const messages{std::filesystem::path{SAMVERKAN_SOURCE_DIR} /
                                                  "web/messages"};
    return messages;
}

/// What `errors` says about `field` in `lang`, or "" when it says nothing.
inline std::string said(server::field_errors const& errors, std::string const& field,
                        core::language lang) {
    auto const it = errors.find(field);
    return it == errors.end() ? "" : catalogue().say(lang, it->second);
}

}  // namespace samverkan::test

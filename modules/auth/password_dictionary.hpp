#pragma once

// Debian's cracklib behind one small class: a new password is also checked against its
// packed dictionary and its rules for simple patterns (cracklib-runtime ships the
// dictionary; the password rules of auth_rules come first).
#include "server/message.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace samverkan::auth {

class password_dictionary {
public:
    /// Opens nothing yet, but checks that cracklib's dictionary is there (`path` empty: the
    /// one cracklib was built with); throws std::runtime_error naming the files otherwise.
    explicit password_dictionary(std::string path = {});

    /// What cracklib finds wrong with `password` (a dictionary word, too simple); nullopt
    /// when it finds nothing. Reads the dictionary files: call it off the I/O threads.
    [[nodiscard]] std::optional<server::message> weakness(std::string_view password) const;

private:
    std::string path_;
};

}  // namespace samverkan::auth

#pragma once

// `samverkan user …`: staff accounts from the command line.
#include "modules/auth/auth_types.hpp"

#include <iosfwd>
#include <string>
#include <vector>

namespace samverkan::db {
class database;
}

namespace samverkan::server {
class logger;
}

namespace samverkan::core {
class message_catalogue;
}

namespace samverkan::auth {

inline constexpr char const* user_command_usage =
    "  user add --email E --name N --role admin|organiser|steering\n"
    "           add a staff account; the password is read from stdin (one line)\n"
    "  user ensure-admin --password-file PATH [--email E] [--name N]\n"
    "           when there is no user at all, add an admin with a generated password\n"
    "           written to PATH (mode 0600); otherwise do nothing";

struct user_command {
    std::string action;  ///< "add" or "ensure-admin"
    std::string email;
    std::string name;
    std::string role;
    std::string password_file;
};

/// Takes the user command's action and flags out of `args` (what follows "user"), leaving
/// the program's settings; throws std::runtime_error with the usage when they are wrong.
[[nodiscard]] user_command parse_user_command(std::vector<std::string>& args);

/// Applies pending migrations, then runs the command. Returns the exit status: 0 done,
/// 1 refused (the reasons are printed to `err`, in English from `messages`).
int run_user_command(user_command const& cmd, db::database& db, auth_settings const& settings,
                     core::message_catalogue const& messages, std::istream& in, std::ostream& err,
                     server::logger& log);

}  // namespace samverkan::auth

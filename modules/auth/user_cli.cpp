#include "modules/auth/user_cli.hpp"

#include "modules/auth/auth_crypto.hpp"
#include "modules/auth/auth_service.hpp"
#include "modules/core/database.hpp"
#include "modules/core/messages.hpp"
#include "modules/core/migrations.hpp"
#include "server/logger.hpp"

#include <boost/json/object.hpp>

#include <cstdio>
#include <fcntl.h>
#include <filesystem>
#include <iostream>
#include <stdexcept>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

namespace samverkan::auth {

namespace {

constexpr char const* default_admin_email = "admin@samverkan.invalid";
constexpr char const* default_admin_name = "Administratör";

[[noreturn]] void usage_error(std::string const& what) {
    throw std::runtime_error(what + "\nUsage:\n" + user_command_usage);
}

// Reads one line; on a terminal without echo, so the password is not shown.
std::string read_password(std::istream& in, std::ostream& err) {
    bool const terminal = &in == &std::cin && ::isatty(STDIN_FILENO) == 1;
    termios saved{};
    if (terminal && ::tcgetattr(STDIN_FILENO, &saved) == 0) {
        termios quiet = saved;
        quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        ::tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
        err << "Password: " << std::flush;
    }
    std::string line;
    std::getline(in, line);
    if (terminal) {
        ::tcsetattr(STDIN_FILENO, TCSANOW, &saved);
        err << "\n";
    }
    if (!line.empty() && line.back() == '\r') line.pop_back();
    return line;
}

// Why the user was not added: the problem of each field, or the one reason.
void print_refusal(std::ostream& err, server::api_error const& e,
                   core::message_catalogue const& messages) {
    auto const say = [&](server::message const& m) {
        return messages.say(core::language::en, m);
    };
    err << "samverkan: the user was not added:";
    if (e.fields().empty()) {
        err << " " << say(e.text()) << "\n";
        return;
    }
    err << "\n";
    for (auto const& [field, problem] : e.fields())
        err << "  " << field << ": " << say(problem) << "\n";
}

int add(user_command const& cmd, auth_service& auth, core::message_catalogue const& messages,
        std::istream& in, std::ostream& err, server::logger& log) {
    new_user u{
        .email = cmd.email, .name = cmd.name, .role = cmd.role, .password = read_password(in, err)};
    try {
        auto const created = auth.add_user_now(std::move(u), actor{0, "command line"});
        log.info("user added", {{"user_id", created.id}, {"role", to_string(created.role)}});
        return 0;
    } catch (server::api_error const& e) {
        print_refusal(err, e, messages);
    }
    return 1;
}

// Owner-only from the first byte: the file is created 0600 and forced to it if it existed.
void write_secret_file(std::string const& path, std::string const& text) {
    int const fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0) throw std::runtime_error("password-file: cannot write '" + path + "'");
    bool ok = ::fchmod(fd, 0600) == 0;
    ok = ok && ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
    ok = ::close(fd) == 0 && ok;
    if (!ok) throw std::runtime_error("password-file: cannot write '" + path + "'");
}

int ensure_admin(user_command const& cmd, auth_service& auth, server::logger& log) {
    auto const password = generate_password();
    new_user u{.email = cmd.email.empty() ? default_admin_email : cmd.email,
               .name = cmd.name.empty() ? default_admin_name : cmd.name,
               .role = "admin",
               .password = password};
    auto const path = std::filesystem::absolute(cmd.password_file).string();
    // Written before the account exists, so no admin is ever created whose password is lost.
    write_secret_file(path, "email=" + u.email + "\npassword=" + password + "\n");
    auto const created = auth.add_first_admin_now(u);
    if (!created) {
        std::filesystem::remove(path);
        log.info("users exist; no first admin created", {});
        return 0;
    }
    log.info("first admin created; its password is in the file (readable by its owner only)",
             {{"user_id", created->id}, {"email", created->email}, {"password_file", path}});
    return 0;
}

}  // namespace

user_command parse_user_command(std::vector<std::string>& args) {
    user_command cmd;
    if (args.empty() || args.front().starts_with('-')) usage_error("user: which action?");
    cmd.action = args.front();
    if (cmd.action != "add" && cmd.action != "ensure-admin")
        usage_error("user: unknown action '" + cmd.action + "'");
    std::vector<std::string> rest;
    for (std::size_t i = 1; i < args.size(); ++i) {
        auto const& a = args[i];
        std::string* target = a == "--email"           ? &cmd.email
                              : a == "--name"          ? &cmd.name
                              : a == "--role"          ? &cmd.role
                              : a == "--password-file" ? &cmd.password_file
                                                       : nullptr;
        if (target == nullptr) {
            rest.push_back(a);  // a setting such as --database-url
            continue;
        }
        if (i + 1 >= args.size()) usage_error("user: " + a + " needs a value");
        *target = args[++i];
    }
    if (cmd.action == "add" && (cmd.email.empty() || cmd.name.empty() || cmd.role.empty()))
        usage_error("user add: --email, --name and --role are required");
    if (cmd.action == "ensure-admin" && cmd.password_file.empty())
        usage_error("user ensure-admin: --password-file is required");
    args = std::move(rest);
    return cmd;
}

int run_user_command(user_command const& cmd, db::database& db, auth_settings const& settings,
                     core::message_catalogue const& messages, std::istream& in, std::ostream& err,
                     server::logger& log) {
    db::apply_migrations(db, db::builtin_migrations());
    auth_service auth{db, settings, 1};
    if (cmd.action == "add") return add(cmd, auth, messages, in, err, log);
    return ensure_admin(cmd, auth, log);
}

}  // namespace samverkan::auth

#pragma once

// The auth module's rules: logins with throttling, sessions with idle and absolute expiry,
// password changes, and staff accounts. No HTTP here; errors are server::api_error with
// catalogue messages, and invalid fields one 422 (validation_failed) with every problem.
#include "modules/auth/auth_input.hpp"
#include "modules/auth/auth_rules.hpp"
#include "modules/auth/auth_types.hpp"
#include "modules/auth/password_dictionary.hpp"
#include "server/api_error.hpp"
#include "server/asio_fwd.hpp"

#include <boost/asio/awaitable.hpp>
#include <boost/asio/thread_pool.hpp>

#include <atomic>
#include <optional>
#include <string>
#include <vector>

namespace samverkan::db {
class database;
}

namespace samverkan::auth::repository {
struct attempt_counts;
}

namespace samverkan::auth {

class auth_service {
public:
    /// Hashes a dummy password once (about 0.1 s), so that unknown e-mail addresses cost
    /// as much as wrong passwords. Password hashing runs on its own `hash_threads` pool.
    auth_service(db::database& db, auth_settings settings, std::size_t hash_threads = 2);
    auth_service(auth_service const&) = delete;
    auth_service& operator=(auth_service const&) = delete;
    ~auth_service();

    [[nodiscard]] auth_settings const& settings() const { return settings_; }

    /// Argon2id password checks since start, dummy checks for unknown addresses included:
    /// every login attempt that is not throttled costs exactly one.
    [[nodiscard]] unsigned long long password_checks() const { return password_checks_.load(); }

    /// Login attempts refused with 429 (pair or address limit) since start.
    [[nodiscard]] unsigned long long refused_attempts() const { return refused_.load(); }

    /// Attempts that waited because their account passed the hourly ceiling, and how long
    /// they waited in all (milliseconds), since start.
    [[nodiscard]] unsigned long long slowed_attempts() const { return slowed_.load(); }

    [[nodiscard]] unsigned long long slowdown_ms() const { return slowdown_ms_.load(); }

    /// A new session for a right e-mail and password of an active user. Otherwise 401 with
    /// the same answer whether the address is unknown, the password wrong or the account
    /// inactive; 429 with Retry-After after too many failures for this account from this
    /// client address, or from this address in all. Past the account's hourly ceiling the
    /// attempt first waits (never refused for that).
    asio::awaitable<session_grant> login(std::string email, std::string password,
                                         std::string client_address);

    /// The identity behind a session token, extending the idle expiry; nullopt when the
    /// token is unknown, idle too long, past its absolute lifetime or its user inactive.
    asio::awaitable<std::optional<identity>> authenticate(std::string token);

    /// Ends the session of `token`.
    asio::awaitable<void> logout(std::string token, actor who);

    /// Checks the new password by the rules and then the current one, stores the new hash,
    /// ends every session of the user and opens a fresh one for the caller. `problems` are
    /// what the reader found already (read_password_change): one 422 holds them and the
    /// rules' problems, before any password is tried.
    asio::awaitable<session_grant> change_password(identity who, password_change_input input,
                                                   server::field_errors problems,
                                                   std::string client_address);

    /// Adds a staff account (422 for invalid fields, 409 when the e-mail is taken).
    asio::awaitable<user> add_user(new_user u, actor who);

    /// Every account, recorded in the audit log as a view of personal data.
    asio::awaitable<std::vector<user>> list_users(actor who);

    /// Deactivates an account and ends its sessions (404 unknown, 409 for oneself).
    asio::awaitable<user> deactivate_user(long long id, actor who);

    /// One account (404 unknown).
    asio::awaitable<user> get_user(long long id);

    /// Lets a deactivated account log in again (404 unknown). Its old sessions stay ended.
    asio::awaitable<user> reactivate_user(long long id, actor who);

    /// An admin sets a new password for someone who forgot theirs: the password rules apply
    /// (422), every session of that user ends, and the change is audited. 404 unknown, 409
    /// for one's own account (which goes through change_password and the current password).
    /// `problems`: what the reader found already, reported in the same 422.
    asio::awaitable<user> reset_password(long long id, std::string replacement,
                                         server::field_errors problems, actor who);

    /// Blocking, for the command line: the same as add_user.
    user add_user_now(new_user u, actor who);

    /// Blocking, for the command line: creates an admin when there is no user at all;
    /// nullopt when users exist already.
    std::optional<user> add_first_admin_now(new_user u);

private:
    /// 429 with Retry-After when the pair or the address has failed too often; a wait when
    /// the account is past its ceiling.
    asio::awaitable<void> throttle(repository::attempt_counts const& counts);
    /// What the rules and then cracklib find wrong with a new password (cracklib on the
    /// hashing pool), added to `problems` under `field`.
    asio::awaitable<void> check_new_password(std::string password, std::string email,
                                             char const* field, server::field_errors& problems);
    /// The new account's fields by the rules, and its password by cracklib when the rules
    /// pass it; the e-mail normalised. Throws one 422 with every problem.
    asio::awaitable<new_user> checked(new_user u);
    new_user checked_now(new_user u);
    asio::awaitable<bool> verify_off_thread(std::string hash, std::string password);
    asio::awaitable<std::string> hash_off_thread(std::string password);

    db::database& db_;
    auth_settings settings_;
    asio::thread_pool hashing_;
    std::string dummy_hash_;
    password_dictionary dictionary_;
    std::atomic<unsigned long long> password_checks_{0};
    std::atomic<unsigned long long> refused_{0};
    std::atomic<unsigned long long> slowed_{0};
    std::atomic<unsigned long long> slowdown_ms_{0};
};

}  // namespace samverkan::auth

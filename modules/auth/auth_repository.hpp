#pragma once

// The auth module's SQL: users, sessions and login attempts. The only auth file that
// includes SOCI; every function runs on the caller's session (and so its transaction).
#include "modules/auth/auth_types.hpp"

#include <optional>
#include <string>
#include <vector>

namespace soci {
class session;
}

namespace samverkan::auth::repository {

/// A user with what only the service may see.
struct stored_user {
    auth::user user;
    std::string password_hash;
};

/// Failures that count against one login attempt, and how long until the oldest of them
/// leaves the window (seconds).
struct attempt_counts {
    long long attempt_id = 0;
    long long pair_failures = 0;  ///< this account from this address, since its last success
    long long pair_retry_after = 0;
    long long address_failures = 0;  ///< this address, every account
    long long address_retry_after = 0;
    long long account_failures_last_hour = 0;  ///< this account, every address
};

[[nodiscard]] std::optional<stored_user> find_user_by_email(soci::session& sql,
                                                            std::string const& email);
[[nodiscard]] std::optional<stored_user> find_user(soci::session& sql, long long id);
[[nodiscard]] std::vector<user> list_users(soci::session& sql);
[[nodiscard]] long long count_users(soci::session& sql);
/// Serialises creations that depend on the user count (the first admin) until commit.
void lock_user_creation(soci::session& sql);

/// Inserts the user; nullopt when the e-mail address is taken (compared lower-cased).
[[nodiscard]] std::optional<long long> insert_user(soci::session& sql, new_user const& u,
                                                   std::string const& password_hash);
/// Marks the user inactive; false when there is no such user.
bool deactivate_user(soci::session& sql, long long id);
bool reactivate_user(soci::session& sql, long long id);
void set_password(soci::session& sql, long long id, std::string const& password_hash);

/// Records a login attempt as failed *before* the password is checked, then counts the
/// failures including it (`client_address` normalised, as server::request has it). Because each
/// attempt is committed before it counts, concurrent attempts cannot all slip under the limit.
[[nodiscard]] attempt_counts start_attempt(soci::session& sql, std::string const& email,
                                           std::string const& client_address,
                                           long long window_seconds);
void mark_attempt_succeeded(soci::session& sql, long long attempt_id);
/// Removes an attempt that was refused by the throttle, so refusals do not extend it.
void forget_attempt(soci::session& sql, long long attempt_id);

void insert_session(soci::session& sql, std::string const& token_hash, long long user_id,
                    std::string const& csrf_token, long long lifetime_seconds);
/// The identity behind a live session (not idle longer than `idle_seconds`, not past its
/// absolute expiry, user active), marking it used now; nullopt otherwise.
[[nodiscard]] std::optional<identity> touch_session(soci::session& sql,
                                                    std::string const& token_hash,
                                                    long long idle_seconds);
void delete_session(soci::session& sql, std::string const& token_hash);
void delete_user_sessions(soci::session& sql, long long user_id);
/// Drops expired sessions and login attempts older than `keep_seconds`.
void prune(soci::session& sql, long long idle_seconds, long long keep_seconds);

}  // namespace samverkan::auth::repository

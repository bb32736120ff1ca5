#include "modules/auth/auth_service.hpp"

#include "modules/audit/audit.hpp"
#include "modules/auth/auth_crypto.hpp"
#include "modules/auth/auth_repository.hpp"
#include "modules/core/database.hpp"
#include "modules/core/json_input.hpp"
#include "server/run_blocking.hpp"

#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <algorithm>

namespace samverkan::auth {

using server::api_error;
using server::error_kind;
using server::message;

namespace {

api_error wrong_login() {
    // One answer for unknown e-mail, wrong password and inactive account.
    return api_error(error_kind::unauthenticated, message::of("login.wrong"));
}

api_error throttled(long long retry_after) {
    return api_error(error_kind::rate_limited, message::of("login.throttled"))
        .with_header("Retry-After", std::to_string(std::max(1LL, retry_after)));
}

void record(soci::session& sql, actor const& who, std::string action, long long user_id,
            std::string detail = "{}") {
    audit::record(sql, audit::entry{.user_id = who.user_id,
                                    .action = std::move(action),
                                    .entity = "user",
                                    .entity_id = user_id,
                                    .detail_json = std::move(detail),
                                    .client_address = who.client_address});
}

// Opens a session inside the caller's transaction; the token leaves only in the grant.
session_grant open_session(soci::session& sql, identity who, long long lifetime) {
    session_grant grant;
    grant.token = random_token();
    who.csrf_token = random_token();
    repository::insert_session(sql, sha256_hex(grant.token), who.user_id, who.csrf_token, lifetime);
    grant.who = std::move(who);
    return grant;
}

identity identity_of(user const& u) {
    return identity{
        .user_id = u.id, .email = u.email, .name = u.name, .role = u.role, .csrf_token = {}};
}

user insert_checked(soci::session& sql, new_user const& u, std::string const& hash,
                    actor const& who) {
    auto const id = repository::insert_user(sql, u, hash);
    if (!id) throw api_error(error_kind::conflict, message::of("accounts.email_taken"));
    std::string const detail = std::string{R"({"role":")"} + u.role + "\"}";
    record(sql, who, "user.create", *id, detail);
    return repository::find_user(sql, *id).value().user;
}

api_error no_such_user() {
    return api_error(error_kind::not_found, message::of("accounts.not_found"));
}

}  // namespace

auth_service::auth_service(db::database& db, auth_settings settings, std::size_t hash_threads)
    : db_(db),
      settings_(settings),
      hashing_(hash_threads),
      dummy_hash_(hash_password(random_token())) {}

auth_service::~auth_service() {
    hashing_.join();
}

asio::awaitable<bool> auth_service::verify_off_thread(std::string hash, std::string password) {
    ++password_checks_;
    co_return co_await server::run_blocking(hashing_,
                                            [&] { return verify_password(hash, password); });
}

asio::awaitable<std::string> auth_service::hash_off_thread(std::string password) {
    co_return co_await server::run_blocking(hashing_, [&] { return hash_password(password); });
}

asio::awaitable<void> auth_service::check_new_password(std::string password, std::string email,
                                                       char const* field,
                                                       server::field_errors& problems) {
    auto weak = check_password(password, email);
    if (!weak)
        weak =
            co_await server::run_blocking(hashing_, [&] { return dictionary_.weakness(password); });
    if (weak) problems.emplace(field, std::move(*weak));
}

asio::awaitable<new_user> auth_service::checked(new_user u) {
    u.email = normalise_email(u.email);
    auto problems = check_new_user(u);
    // cracklib only for a password the rules let through.
    if (!problems.contains("password"))
        co_await check_new_password(u.password, u.email, "password", problems);
    core::throw_if_invalid(problems);
    co_return u;
}

new_user auth_service::checked_now(new_user u) {
    u.email = normalise_email(u.email);
    auto problems = check_new_user(u);
    if (!problems.contains("password"))
        if (auto weak = dictionary_.weakness(u.password))
            problems.emplace("password", std::move(*weak));
    core::throw_if_invalid(problems);
    return u;
}

asio::awaitable<void> auth_service::throttle(repository::attempt_counts const& counts) {
    bool const pair_blocked = counts.pair_failures > settings_.max_failures_per_pair;
    bool const address_blocked = counts.address_failures > settings_.max_failures_per_address;
    if (pair_blocked || address_blocked) {
        ++refused_;
        // A refused attempt is not a failure: it must not prolong the block.
        long long const id = counts.attempt_id;
        co_await db_.run([id](soci::session& sql) { repository::forget_attempt(sql, id); });
        throw throttled(std::max(pair_blocked ? counts.pair_retry_after : 0,
                                 address_blocked ? counts.address_retry_after : 0));
    }
    auto const wait = login_slowdown(settings_, counts.account_failures_last_hour);
    if (wait.count() == 0) co_return;
    ++slowed_;
    slowdown_ms_ += static_cast<unsigned long long>(wait.count());
    // Waits on a timer, so no thread is held however many attempts wait at once.
    asio::steady_timer timer{co_await asio::this_coro::executor, wait};
    co_await timer.async_wait(asio::use_awaitable);
}

asio::awaitable<session_grant> auth_service::login(std::string email, std::string password,
                                                   std::string client_address) {
    email = normalise_email(email);
    long long const window = settings_.failure_window.count();
    // Named, not a structured binding: clang 14 (the sanitizer build) cannot capture one.
    auto const started = co_await db_.run([&](soci::session& sql) {
        auto counts = repository::start_attempt(sql, email, client_address, window);
        return std::pair{counts, repository::find_user_by_email(sql, email)};
    });
    auto const& counts = started.first;
    auto const& found = started.second;
    co_await throttle(counts);
    // Unknown addresses are checked against a dummy hash so they take as long.
    std::string const& hash = found ? found->password_hash : dummy_hash_;
    bool const matches = co_await verify_off_thread(hash, password);
    if (!matches || !found || !found->user.active) throw wrong_login();
    long long const lifetime = settings_.session_lifetime.count();
    long long const idle = settings_.session_idle.count();
    long long const keep = std::max<long long>(window, 24 * 3600);
    co_return co_await db_.transact([&](soci::session& sql) {
        repository::mark_attempt_succeeded(sql, counts.attempt_id);
        repository::prune(sql, idle, keep);
        auto grant = open_session(sql, identity_of(found->user), lifetime);
        record(sql, actor{found->user.id, client_address}, "auth.login", found->user.id);
        return grant;
    });
}

asio::awaitable<std::optional<identity>> auth_service::authenticate(std::string token) {
    if (!looks_like_token(token)) co_return std::nullopt;
    std::string const hash = sha256_hex(token);
    long long const idle = settings_.session_idle.count();
    co_return co_await db_.run(
        [&](soci::session& sql) { return repository::touch_session(sql, hash, idle); });
}

asio::awaitable<void> auth_service::logout(std::string token, actor who) {
    std::string const hash = sha256_hex(token);
    co_await db_.transact([&](soci::session& sql) {
        repository::delete_session(sql, hash);
        record(sql, who, "auth.logout", who.user_id);
    });
}

asio::awaitable<session_grant> auth_service::change_password(identity who,
                                                             password_change_input input,
                                                             server::field_errors problems,
                                                             std::string client_address) {
    co_await check_new_password(input.replacement, who.email, "new_password", problems);
    core::throw_if_invalid(problems);
    // Guessing the current password with a stolen session counts against the same limits
    // as guessing it at the login form.
    long long const window = settings_.failure_window.count();
    // Named, not a structured binding: clang 14 (the sanitizer build) cannot capture one.
    auto const started = co_await db_.run([&](soci::session& sql) {
        auto counts = repository::start_attempt(sql, who.email, client_address, window);
        return std::pair{counts, repository::find_user(sql, who.user_id)};
    });
    auto const& counts = started.first;
    auto const& stored = started.second;
    co_await throttle(counts);
    if (!stored) throw api_error(error_kind::unauthenticated, message::of("login.required"));
    bool const current_ok = co_await verify_off_thread(stored->password_hash, input.current);
    if (!current_ok)
        core::throw_if_invalid({{"current_password", message::of("password.wrong_current")}});
    std::string const hash = co_await hash_off_thread(input.replacement);
    long long const lifetime = settings_.session_lifetime.count();
    co_return co_await db_.transact([&](soci::session& sql) {
        repository::mark_attempt_succeeded(sql, counts.attempt_id);
        repository::set_password(sql, who.user_id, hash);
        // Every session ends, so a stolen session cannot outlive the change.
        repository::delete_user_sessions(sql, who.user_id);
        record(sql, actor{who.user_id, client_address}, "user.password_change", who.user_id);
        return open_session(sql, identity_of(stored->user), lifetime);
    });
}

asio::awaitable<user> auth_service::add_user(new_user u, actor who) {
    u = co_await checked(std::move(u));
    std::string const hash = co_await hash_off_thread(u.password);
    co_return co_await db_.transact(
        [&](soci::session& sql) { return insert_checked(sql, u, hash, who); });
}

asio::awaitable<std::vector<user>> auth_service::list_users(actor who) {
    co_return co_await db_.transact([&](soci::session& sql) {
        auto users = repository::list_users(sql);
        record(sql, who, "users.view", 0);
        return users;
    });
}

asio::awaitable<user> auth_service::deactivate_user(long long id, actor who) {
    if (id == who.user_id)
        throw api_error(error_kind::conflict, message::of("accounts.own_deactivate"));
    co_return co_await db_.transact([&](soci::session& sql) {
        if (!repository::deactivate_user(sql, id)) throw no_such_user();
        repository::delete_user_sessions(sql, id);
        record(sql, who, "user.deactivate", id);
        return repository::find_user(sql, id).value().user;
    });
}

asio::awaitable<user> auth_service::get_user(long long id) {
    auto const found =
        co_await db_.run([&](soci::session& sql) { return repository::find_user(sql, id); });
    if (!found) throw no_such_user();
    co_return found->user;
}

asio::awaitable<user> auth_service::reactivate_user(long long id, actor who) {
    co_return co_await db_.transact([&](soci::session& sql) {
        if (!repository::reactivate_user(sql, id)) throw no_such_user();
        record(sql, who, "user.reactivate", id);
        return repository::find_user(sql, id).value().user;
    });
}

asio::awaitable<user> auth_service::reset_password(long long id, std::string replacement,
                                                   server::field_errors problems, actor who) {
    if (id == who.user_id) throw api_error(error_kind::conflict, message::of("password.reset_own"));
    auto const target = co_await get_user(id);
    co_await check_new_password(replacement, target.email, "new_password", problems);
    core::throw_if_invalid(problems);
    std::string const hash = co_await hash_off_thread(replacement);
    co_return co_await db_.transact([&](soci::session& sql) {
        repository::set_password(sql, id, hash);
        repository::delete_user_sessions(sql, id);
        record(sql, who, "user.password_reset", id);
        return repository::find_user(sql, id).value().user;
    });
}

user auth_service::add_user_now(new_user u, actor who) {
    u = checked_now(std::move(u));
    std::string const hash = hash_password(u.password);
    std::optional<user> out;
    db_.in_transaction([&](soci::session& sql) { out = insert_checked(sql, u, hash, who); });
    return *out;
}

std::optional<user> auth_service::add_first_admin_now(new_user u) {
    u.role = "admin";
    u = checked_now(std::move(u));
    std::string const hash = hash_password(u.password);
    std::optional<user> out;
    db_.in_transaction([&](soci::session& sql) {
        // Instances starting together must not both create a first admin.
        repository::lock_user_creation(sql);
        if (repository::count_users(sql) > 0) return;
        out = insert_checked(sql, u, hash, actor{});
    });
    return out;
}

}  // namespace samverkan::auth

#include "modules/auth/auth_repository.hpp"

#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>

namespace samverkan::auth::repository {

namespace {

constexpr char const* find_user_by_email_sql =
    "select id, email, name, role, case when active then 1 else 0 end,"
    " extract(epoch from created_at)::bigint, extract(epoch from password_changed_at)::bigint,"
    " password_hash from users where lower(email) = lower(:email)";

constexpr char const* find_user_sql =
    "select id, email, name, role, case when active then 1 else 0 end,"
    " extract(epoch from created_at)::bigint, extract(epoch from password_changed_at)::bigint,"
    " password_hash from users where id = :id";

constexpr char const* list_users_sql =
    "select u.id, u.email, u.name, u.role, case when u.active then 1 else 0 end,"
    " extract(epoch from u.created_at)::bigint,"
    " extract(epoch from u.password_changed_at)::bigint, '',"
    " (select count(*) from login_attempts a where lower(a.email) = lower(u.email)"
    "    and not a.succeeded and a.at > now() - interval '1 hour')"
    " from users u order by u.active desc, lower(u.name), u.id";

constexpr char const* count_users_sql = "select count(*) from users";

// Any fixed key: only the first-admin creation takes this lock.
constexpr char const* lock_user_creation_sql = "select pg_advisory_xact_lock(72010002)";

constexpr char const* insert_user_sql =
    "insert into users (email, name, role, password_hash)"
    " values (:email, :name, :role, :hash) returning id";

constexpr char const* deactivate_user_sql =
    "update users set active = false, deactivated_at = coalesce(deactivated_at, now()),"
    " updated_at = now() where id = :id returning id";

constexpr char const* reactivate_user_sql =
    "update users set active = true, deactivated_at = null, updated_at = now()"
    " where id = :id returning id";

constexpr char const* set_password_sql =
    "update users set password_hash = :hash, password_changed_at = now(), updated_at = now()"
    " where id = :id";

constexpr char const* insert_attempt_sql =
    "insert into login_attempts (email, client_address, succeeded)"
    " values (lower(:email), :address, false) returning id";

// The pair (account, address) counts from its own last success on, so that the owner's
// login elsewhere gives an attacker no fresh guesses and a guesser's failures do not outlive
// the owner's success from that same address. The address counts over every account and
// does not reset (one attacker-owned account must not reset the limit of an address). The
// account's hour counts every address and never resets: it is what the ceiling slows down.
constexpr char const* count_failures_sql =
    "with pair as ("
    "  select count(*) as n, min(at) as oldest from login_attempts"
    "  where lower(email) = lower(:email1) and client_address = :address1 and not succeeded"
    "    and at > now() - make_interval(secs => :window1)"
    "    and at > coalesce((select max(at) from login_attempts"
    "                       where lower(email) = lower(:email2) and client_address = :address2"
    "                         and succeeded), '-infinity')"
    "), address as ("
    "  select count(*) as n, min(at) as oldest from login_attempts"
    "  where client_address = :address3 and not succeeded"
    "    and at > now() - make_interval(secs => :window2)"
    "), account as ("
    "  select count(*) as n from login_attempts"
    "  where lower(email) = lower(:email3) and not succeeded and at > now() - interval '1 hour'"
    ")"
    " select pair.n, coalesce(ceil(extract(epoch from pair.oldest"
    "          + make_interval(secs => :window3) - now())), 0)::bigint,"
    "        address.n, coalesce(ceil(extract(epoch from address.oldest"
    "          + make_interval(secs => :window4) - now())), 0)::bigint,"
    "        account.n"
    " from pair, address, account";

constexpr char const* mark_attempt_sql =
    "update login_attempts set succeeded = true, at = now() where id = :id";

constexpr char const* forget_attempt_sql = "delete from login_attempts where id = :id";

constexpr char const* insert_session_sql =
    "insert into sessions (token_hash, user_id, csrf_token, expires_at)"
    " values (decode(:hash, 'hex'), :user_id, :csrf, now() + make_interval(secs => :lifetime))";

constexpr char const* touch_session_sql =
    "update sessions s set last_seen_at = now() from users u"
    " where s.token_hash = decode(:hash, 'hex') and u.id = s.user_id and u.active"
    "   and s.expires_at > now() and s.last_seen_at > now() - make_interval(secs => :idle)"
    " returning u.id, u.email, u.name, u.role, s.csrf_token";

constexpr char const* delete_session_sql =
    "delete from sessions where token_hash = decode(:hash, 'hex')";

constexpr char const* delete_user_sessions_sql = "delete from sessions where user_id = :id";

constexpr char const* prune_sessions_sql =
    "delete from sessions where expires_at < now()"
    " or last_seen_at < now() - make_interval(secs => :idle)";

constexpr char const* prune_attempts_sql =
    "delete from login_attempts where at < now() - make_interval(secs => :keep)";

role parse_role(std::string const& text) {
    return role_from_string(text).value_or(role::steering);
}

stored_user user_from_row(soci::row const& r) {
    stored_user out;
    out.user.id = r.get<long long>(0);
    out.user.email = r.get<std::string>(1);
    out.user.name = r.get<std::string>(2);
    out.user.role = parse_role(r.get<std::string>(3));
    out.user.active = r.get<int>(4) != 0;
    out.user.created_at = r.get<long long>(5);
    out.user.password_changed_at = r.get<long long>(6);
    out.password_hash = r.get<std::string>(7);
    return out;
}

std::optional<stored_user> first_user(soci::rowset<soci::row> const& rows) {
    for (auto const& r : rows) return user_from_row(r);
    return std::nullopt;
}

}  // namespace

std::optional<stored_user> find_user_by_email(soci::session& sql, std::string const& email) {
    soci::rowset<soci::row> rows = (sql.prepare << find_user_by_email_sql, soci::use(email));
    return first_user(rows);
}

std::optional<stored_user> find_user(soci::session& sql, long long id) {
    soci::rowset<soci::row> rows = (sql.prepare << find_user_sql, soci::use(id));
    return first_user(rows);
}

std::vector<user> list_users(soci::session& sql) {
    std::vector<user> out;
    soci::rowset<soci::row> rows = (sql.prepare << list_users_sql);
    for (auto const& r : rows) {
        out.push_back(user_from_row(r).user);
        out.back().failures_last_hour = r.get<long long>(8);
    }
    return out;
}

long long count_users(soci::session& sql) {
    long long n = 0;
    sql << count_users_sql, soci::into(n);
    return n;
}

void lock_user_creation(soci::session& sql) {
    sql << lock_user_creation_sql;
}

std::optional<long long> insert_user(soci::session& sql, new_user const& u,
                                     std::string const& password_hash) {
    long long id = 0;
    try {
        // A savepoint keeps the caller's transaction usable after a duplicate e-mail.
        sql << "savepoint insert_user";
        sql << insert_user_sql, soci::use(u.email), soci::use(u.name), soci::use(u.role),
            soci::use(password_hash), soci::into(id);
        sql << "release savepoint insert_user";
    } catch (soci::postgresql_soci_error const& e) {
        if (e.sqlstate() != "23505") throw;
        sql << "rollback to savepoint insert_user";
        return std::nullopt;
    }
    return id;
}

bool deactivate_user(soci::session& sql, long long id) {
    long long found = 0;
    sql << deactivate_user_sql, soci::use(id), soci::into(found);
    return sql.got_data();
}

bool reactivate_user(soci::session& sql, long long id) {
    long long found = 0;
    sql << reactivate_user_sql, soci::use(id), soci::into(found);
    return sql.got_data();
}

void set_password(soci::session& sql, long long id, std::string const& password_hash) {
    sql << set_password_sql, soci::use(password_hash), soci::use(id);
}

attempt_counts start_attempt(soci::session& sql, std::string const& email,
                             std::string const& client_address, long long window_seconds) {
    attempt_counts out;
    sql << insert_attempt_sql, soci::use(email), soci::use(client_address),
        soci::into(out.attempt_id);
    sql << count_failures_sql, soci::use(email), soci::use(client_address),
        soci::use(window_seconds), soci::use(email), soci::use(client_address),
        soci::use(client_address), soci::use(window_seconds), soci::use(email),
        soci::use(window_seconds), soci::use(window_seconds), soci::into(out.pair_failures),
        soci::into(out.pair_retry_after), soci::into(out.address_failures),
        soci::into(out.address_retry_after), soci::into(out.account_failures_last_hour);
    return out;
}

void mark_attempt_succeeded(soci::session& sql, long long attempt_id) {
    sql << mark_attempt_sql, soci::use(attempt_id);
}

void forget_attempt(soci::session& sql, long long attempt_id) {
    sql << forget_attempt_sql, soci::use(attempt_id);
}

void insert_session(soci::session& sql, std::string const& token_hash, long long user_id,
                    std::string const& csrf_token, long long lifetime_seconds) {
    sql << insert_session_sql, soci::use(token_hash), soci::use(user_id), soci::use(csrf_token),
        soci::use(lifetime_seconds);
}

std::optional<identity> touch_session(soci::session& sql, std::string const& token_hash,
                                      long long idle_seconds) {
    identity who;
    std::string role_text;
    sql << touch_session_sql, soci::use(token_hash), soci::use(idle_seconds),
        soci::into(who.user_id), soci::into(who.email), soci::into(who.name), soci::into(role_text),
        soci::into(who.csrf_token);
    if (!sql.got_data()) return std::nullopt;
    who.role = parse_role(role_text);
    return who;
}

void delete_session(soci::session& sql, std::string const& token_hash) {
    sql << delete_session_sql, soci::use(token_hash);
}

void delete_user_sessions(soci::session& sql, long long user_id) {
    sql << delete_user_sessions_sql, soci::use(user_id);
}

void prune(soci::session& sql, long long idle_seconds, long long keep_seconds) {
    sql << prune_sessions_sql, soci::use(idle_seconds);
    sql << prune_attempts_sql, soci::use(keep_seconds);
}

}  // namespace samverkan::auth::repository

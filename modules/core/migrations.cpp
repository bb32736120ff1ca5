#include "modules/core/migrations.hpp"

#include "modules/core/database.hpp"

#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <stdexcept>

namespace samverkan::db {

std::vector<std::pair<std::string_view, std::string_view>> embedded_sql_files();
std::vector<std::pair<std::string_view, std::string_view>> embedded_sql_function_files();

namespace {

// Any constant will do as long as nothing else in the database uses it.
constexpr long long migration_lock_key = 0x53616d7665726bLL;  // "Samverk"

// Repeatable definitions are recorded as 1000000 + their number: numbered migrations have
// four digits, so the two ranges never meet.
constexpr int repeatable_base = 1'000'000;

constexpr char const* create_table_sql =
    "create table if not exists schema_migrations ("
    " version integer primary key, name text not null,"
    " applied_at timestamptz not null default now())";

constexpr char const* add_checksum_sql =
    "alter table schema_migrations add column if not exists checksum text";

// Runs a whole file (several statements) with libpq directly: SOCI's one-shot statements
// go through PQexecParams, which accepts only one statement.
void execute_script(soci::session& sql, std::string_view script) {
    auto* backend = static_cast<soci::postgresql_session_backend*>(sql.get_backend());
    std::string const text{script};
    PGresult* result = PQexec(backend->conn_, text.c_str());
    auto const status = PQresultStatus(result);
    std::string const error = PQresultErrorMessage(result);
    PQclear(result);
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) throw std::runtime_error(error);
}

int parse_version(std::string_view name, std::size_t digits) {
    int version = 0;
    auto const [end, ec] = std::from_chars(name.data(), name.data() + name.size(), version);
    if (ec != std::errc{} || static_cast<std::size_t>(end - name.data()) != digits || *end != '_' ||
        !name.ends_with(".sql"))
        throw std::runtime_error("migration file name must be " + std::string(digits, 'N') +
                                 "_name.sql: " + std::string{name});
    return version;
}

std::vector<migration> read_files(
    std::vector<std::pair<std::string_view, std::string_view>> const& files, bool repeatable) {
    std::vector<migration> out;
    for (auto const& [name, sql] : files)
        out.push_back(
            {parse_version(name, repeatable ? 2 : 4), std::string{name}, sql, repeatable});
    std::sort(out.begin(), out.end(),
              [](auto const& a, auto const& b) { return a.version < b.version; });
    for (std::size_t i = 1; i < out.size(); ++i)
        if (out[i].version == out[i - 1].version)
            throw std::runtime_error("two migrations share number " +
                                     std::to_string(out[i].version));
    return out;
}

// The checksum recorded for a file, "" when it is not recorded (or recorded without one).
std::optional<std::string> recorded(soci::session& sql, migration const& m) {
    int version = m.recorded_version();
    std::string checksum;
    soci::indicator ind = soci::i_ok;
    sql << "select checksum from schema_migrations where version = :v", soci::use(version),
        soci::into(checksum, ind);
    if (!sql.got_data()) return std::nullopt;
    return ind == soci::i_null ? std::string{} : checksum;
}

// Applies one file in its own transaction; false when there was nothing to do.
bool apply_one(soci::session& sql, migration const& m) {
    auto const before = recorded(sql, m);
    std::string checksum = m.checksum();
    if (before && (!m.repeatable || *before == checksum)) return false;
    soci::transaction tx(sql);
    // Function bodies may name functions of later files: they are checked when called.
    if (m.repeatable) sql << "set local check_function_bodies = off";
    execute_script(sql, m.sql);
    int version = m.recorded_version();
    std::string name = m.name;
    sql << "insert into schema_migrations(version, name, checksum) values (:v, :n, :c)"
           " on conflict (version) do update set name = excluded.name,"
           " checksum = excluded.checksum, applied_at = now()",
        soci::use(version), soci::use(name), soci::use(checksum);
    tx.commit();
    return true;
}

}  // namespace

int migration::recorded_version() const {
    return repeatable ? repeatable_base + version : version;
}

std::string migration::checksum() const {
    std::uint64_t hash = 1469598103934665603ULL;
    for (unsigned char c : sql) {
        hash ^= c;
        hash *= 1099511628211ULL;
    }
    static constexpr char digits[] = "0123456789abcdef";
    std::string out(16, '0');
    for (int i = 15; i >= 0; --i, hash >>= 4) out[static_cast<std::size_t>(i)] = digits[hash & 15];
    return out;
}

std::vector<migration> builtin_migrations() {
    auto out = read_files(embedded_sql_files(), false);
    for (auto& m : read_files(embedded_sql_function_files(), true)) out.push_back(std::move(m));
    return out;
}

int apply_migrations(database& db, std::vector<migration> const& migrations) {
    int applied = 0;
    db.with_session([&](soci::session& sql) {
        long long key = migration_lock_key;
        sql << "set client_min_messages = warning";
        sql << "select pg_advisory_lock(:k)", soci::use(key);
        try {
            sql << create_table_sql;
            sql << add_checksum_sql;
            for (auto const& m : migrations)
                if (apply_one(sql, m)) ++applied;
        } catch (std::exception const& e) {
            sql << "select pg_advisory_unlock(:k)", soci::use(key);
            throw std::runtime_error(std::string{"migration failed: "} + e.what());
        }
        sql << "select pg_advisory_unlock(:k)", soci::use(key);
    });
    return applied;
}

bool migrations_current(database& db, std::vector<migration> const& migrations) {
    bool current = true;
    db.with_session([&](soci::session& sql) {
        int exists = 0;
        sql << "select count(*) from pg_tables where tablename = 'schema_migrations'",
            soci::into(exists);
        if (exists == 0) {
            current = migrations.empty();
            return;
        }
        // One query: every file's recorded checksum ("" for numbered ones) against ours.
        std::string versions, checksums;
        for (auto const& m : migrations) {
            if (!versions.empty()) {
                versions += ',';
                checksums += ',';
            }
            versions.append(std::to_string(m.recorded_version()));
            checksums.append(m.repeatable ? m.checksum() : std::string{"-"});
        }
        int missing = 0;
        sql << "select count(*) from unnest(string_to_array(:v, ',')::int[],"
               " string_to_array(:c, ',')) as f(version, checksum)"
               " left join schema_migrations s on s.version = f.version"
               " where s.version is null or (f.checksum <> '-' and"
               " coalesce(s.checksum, '') <> f.checksum)",
            soci::use(versions), soci::use(checksums), soci::into(missing);
        current = missing == 0;
    });
    return current;
}

}  // namespace samverkan::db

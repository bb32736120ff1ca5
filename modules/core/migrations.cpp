#include "modules/core/migrations.hpp"

#include "modules/core/database.hpp"

#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>

#include <algorithm>
#include <charconv>
#include <stdexcept>

namespace samverkan::db {

std::vector<std::pair<std::string_view, std::string_view>> embedded_sql_files();

namespace {

// Any constant will do as long as nothing else in the database uses it.
constexpr long long migration_lock_key = 0x53616d7665726bLL;  // "Samverk"

constexpr char const* create_table_sql =
    "create table if not exists schema_migrations ("
    " version integer primary key, name text not null,"
    " applied_at timestamptz not null default now())";

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

int parse_version(std::string_view name) {
    int version = 0;
    auto const [end, ec] = std::from_chars(name.data(), name.data() + name.size(), version);
    if (ec != std::errc{} || end - name.data() != 4 || *end != '_' || !name.ends_with(".sql"))
        throw std::runtime_error("migration file name must be NNNN_name.sql: " + std::string{name});
    return version;
}

}  // namespace

std::vector<migration> builtin_migrations() {
    std::vector<migration> out;
    for (auto const& [name, sql] : embedded_sql_files())
        out.push_back({parse_version(name), std::string{name}, sql});
    std::sort(out.begin(), out.end(),
              [](auto const& a, auto const& b) { return a.version < b.version; });
    for (std::size_t i = 1; i < out.size(); ++i)
        if (out[i].version == out[i - 1].version)
            throw std::runtime_error("two migrations share number " +
                                     std::to_string(out[i].version));
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
            for (auto const& m : migrations) {
                int version = m.version;
                int found = 0;
                sql << "select count(*) from schema_migrations where version = :v",
                    soci::use(version), soci::into(found);
                if (found > 0) continue;
                soci::transaction tx(sql);
                execute_script(sql, m.sql);
                std::string name = m.name;
                sql << "insert into schema_migrations(version, name) values (:v, :n)",
                    soci::use(version), soci::use(name);
                tx.commit();
                ++applied;
            }
        } catch (std::exception const& e) {
            sql << "select pg_advisory_unlock(:k)", soci::use(key);
            throw std::runtime_error(std::string{"migration failed: "} + e.what());
        }
        sql << "select pg_advisory_unlock(:k)", soci::use(key);
    });
    return applied;
}

bool migrations_current(database& db, std::vector<migration> const& migrations) {
    if (migrations.empty()) return true;
    int latest = 0;  // stays 0 while the table does not exist
    soci::indicator ind = soci::i_ok;
    db.with_session([&](soci::session& sql) {
        int exists = 0;
        sql << "select count(*) from pg_tables where tablename = 'schema_migrations'",
            soci::into(exists);
        if (exists > 0)
            sql << "select max(version) from schema_migrations", soci::into(latest, ind);
    });
    return ind == soci::i_ok && latest >= migrations.back().version;
}

}  // namespace samverkan::db

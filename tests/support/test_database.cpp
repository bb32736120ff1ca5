#include "tests/support/test_database.hpp"

#include "modules/core/database.hpp"
#include "modules/core/migrations.hpp"
#include "tests/support/services.hpp"

#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>

#include <cstdint>
#include <random>

namespace samverkan::test {

namespace {

std::string random_name() {
    std::random_device rd;
    std::string name = "samverkan_t_";
    for (int i = 0; i < 12; ++i) name += static_cast<char>('a' + rd() % 26);
    return name;
}

// A name for the migrated template that changes with the migrations' text (FNV-1a), so a
// cluster never hands out a database built from other SQL.
std::string template_name() {
    std::uint64_t hash = 1469598103934665603ull;
    for (auto const& m : db::builtin_migrations())
        for (char c : std::string{m.name} + std::string{m.sql}) {
            hash ^= static_cast<unsigned char>(c);
            hash *= 1099511628211ull;
        }
    return "samverkan_template_" + std::to_string(hash % 1'000'000'000'000ull);
}

// The built-in migrations applied once per cluster, to a database every migrated test
// database is then copied from (a copy costs about half of migrating). The first process
// to ask builds it under an advisory lock, as another name renamed when complete, so a
// crashed build leaves nothing half-migrated to copy.
std::string const& migrated_template(std::string const& admin_url) {
    static std::string const name = [&] {
        auto const wanted = template_name();
        soci::session admin(*soci::factory_postgresql(), admin_url);
        admin << "select pg_advisory_lock(727274)";
        int exists = 0;
        admin << "select count(*) from pg_database where datname = :n", soci::use(wanted),
            soci::into(exists);
        if (exists == 0) {
            auto const building = random_name();
            admin << "create database " + building;
            {
                db::database migrated{admin_url + " dbname=" + building, 1};
                db::apply_migrations(migrated, db::builtin_migrations());
            }
            admin << "alter database " + building + " rename to " + wanted;
        }
        admin << "select pg_advisory_unlock(727274)";
        return wanted;
    }();
    return name;
}

}  // namespace

test_database::test_database(bool migrate)
    : admin_url_(service_env("SAMVERKAN_TEST_DATABASE_URL")), name_(random_name()) {
    {
        soci::session admin(*soci::factory_postgresql(), admin_url_);
        admin << "create database " + name_ +
                     (migrate ? " template " + migrated_template(admin_url_) : std::string{});
    }
    // In a libpq key=value string the last occurrence of a key wins.
    url_ = admin_url_ + " dbname=" + name_;
}

test_database::~test_database() {
    db_.reset();
    try {
        soci::session admin(*soci::factory_postgresql(), admin_url_);
        admin << "drop database if exists " + name_ + " with (force)";
    } catch (...) {
        // The cluster is thrown away after the run anyway.
    }
}

db::database& test_database::db() {
    if (!db_) db_ = std::make_unique<db::database>(url_, 4);
    return *db_;
}

long long test_database::scalar(std::string const& sql_text) {
    long long value = 0;
    soci::indicator ind = soci::i_ok;
    db().with_session([&](soci::session& sql) { sql << sql_text, soci::into(value, ind); });
    return ind == soci::i_ok ? value : 0;
}

void test_database::execute(std::string const& sql_text) {
    db().with_session([&](soci::session& sql) { sql << sql_text; });
}

}  // namespace samverkan::test

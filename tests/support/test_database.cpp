#include "tests/support/test_database.hpp"

#include "modules/core/database.hpp"
#include "modules/core/migrations.hpp"
#include "tests/support/services.hpp"

#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>

#include <random>

namespace samverkan::test {

namespace {

std::string random_name() {
    std::random_device rd;
    std::string name = "samverkan_t_";
    for (int i = 0; i < 12; ++i) name += static_cast<char>('a' + rd() % 26);
    return name;
}

}  // namespace

test_database::test_database(bool migrate)
    : admin_url_(service_env("SAMVERKAN_TEST_DATABASE_URL")), name_(random_name()) {
    {
        soci::session admin(*soci::factory_postgresql(), admin_url_);
        admin << "create database " + name_;
    }
    // In a libpq key=value string the last occurrence of a key wins.
    url_ = admin_url_ + " dbname=" + name_;
    if (migrate) db::apply_migrations(db(), db::builtin_migrations());
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

#pragma once

#include <memory>
#include <string>

namespace samverkan::db {
class database;
}

namespace samverkan::test {

/// A fresh, empty PostgreSQL database for one fixture, created from
/// SAMVERKAN_TEST_DATABASE_URL (the cluster scripts/test starts) and dropped afterwards.
class test_database {
public:
    /// Creates the database; `migrate` applies the built-in migrations too.
    explicit test_database(bool migrate = true);
    test_database(test_database const&) = delete;
    test_database& operator=(test_database const&) = delete;
    ~test_database();

    /// libpq key=value connection string of the new database.
    [[nodiscard]] std::string const& url() const { return url_; }

    /// A small pool on the new database (created on first use).
    [[nodiscard]] db::database& db();

    /// Runs one SQL statement returning a single integer (count(*) …), for assertions.
    [[nodiscard]] long long scalar(std::string const& sql);

    /// Runs SQL statements (no result), for test set-up.
    void execute(std::string const& sql);

private:
    std::string admin_url_;
    std::string name_;
    std::string url_;
    std::unique_ptr<db::database> db_;
};

}  // namespace samverkan::test

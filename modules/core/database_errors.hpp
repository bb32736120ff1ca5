#pragma once

// Database failures as they may be logged. SOCI's what() carries the statement and every
// bound value (names, addresses, needs, tokens), and PostgreSQL's DETAIL lines repeat key
// values: none of that may reach a log line. What is kept is the SQLSTATE and the server's
// primary message with anything quoted in it taken out.
#include <stdexcept>
#include <string>

namespace soci {
class soci_error;
}

namespace samverkan::db {

/// A database error with its loggable description; what() is that description.
class database_error : public std::runtime_error {
public:
    explicit database_error(soci::soci_error const& e);

    /// The five-character SQLSTATE ("23505"), or "" when the error is not the server's.
    [[nodiscard]] std::string const& sqlstate() const noexcept { return sqlstate_; }

private:
    std::string sqlstate_;
};

/// "SQLSTATE 23505: duplicate key value violates unique constraint …" — never a statement,
/// a bound value or a quoted value.
[[nodiscard]] std::string describe(soci::soci_error const& e);

/// The same for a server message alone (exposed for its unit test).
[[nodiscard]] std::string loggable_message(std::string_view sqlstate, std::string_view message);

}  // namespace samverkan::db

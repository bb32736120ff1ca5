#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace samverkan::db {

class database;

/// One file of sql/, carried inside the binary. Numbered migrations (sql/NNNN_name.sql) run
/// once, in order, and never change once landed. Repeatable definitions
/// (sql/functions/NN_name.sql: the functions that hold rules) run after them, in order, and
/// again whenever their text changes; each must be safe to re-run (`create or replace`, or
/// `drop … if exists` before `create`).
struct migration {
    int version = 0;   ///< from the file name: 0001_initial.sql → 1, functions/10_x.sql → 10
    std::string name;  ///< the file name
    std::string_view sql;
    bool repeatable = false;

    /// Where the file is recorded in schema_migrations: numbered ones by their number,
    /// repeatable ones above every number a migration can have.
    [[nodiscard]] int recorded_version() const;
    /// A stable fingerprint of the text (64-bit FNV-1a, hex): a repeatable definition is
    /// applied again when it differs from the recorded one.
    [[nodiscard]] std::string checksum() const;
};

/// The migrations built into this binary: the numbered ones in order, then the repeatable
/// definitions in order. Throws if a name is malformed or a number repeats.
[[nodiscard]] std::vector<migration> builtin_migrations();

/// Applies every numbered migration not yet recorded and every repeatable definition whose
/// text changed, each in its own transaction, under an advisory lock so that instances
/// starting together do not race. Returns how many files it applied.
int apply_migrations(database& db, std::vector<migration> const& migrations);

/// True when the database answers, has every numbered migration applied and every
/// repeatable definition at the text of this binary.
[[nodiscard]] bool migrations_current(database& db, std::vector<migration> const& migrations);

}  // namespace samverkan::db

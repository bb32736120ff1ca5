#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace samverkan::db {

class database;

/// One numbered file of sql/, carried inside the binary.
struct migration {
    int version = 0;   ///< from the file name: 0001_initial.sql → 1
    std::string name;  ///< the file name
    std::string_view sql;
};

/// The migrations built into this binary, in order; throws if a name is not NNNN_*.sql or
/// a number repeats.
[[nodiscard]] std::vector<migration> builtin_migrations();

/// Applies every migration not yet recorded, each in its own transaction, under an advisory
/// lock so that instances starting together do not race. Returns how many it applied.
int apply_migrations(database& db, std::vector<migration> const& migrations);

/// True when the database answers and has every migration of `migrations` applied.
[[nodiscard]] bool migrations_current(database& db, std::vector<migration> const& migrations);

}  // namespace samverkan::db

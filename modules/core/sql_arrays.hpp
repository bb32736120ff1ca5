#pragma once

// PostgreSQL array literals for binding lists through SOCI 4.0.3, which has no array
// binding: the literal is bound as one text value and cast in SQL, e.g.
// `where id = any(cast(:ids as bigint[]))`.
#include <string>
#include <vector>

namespace samverkan::core {

/// {"a","b"}: every item quoted, quotes and backslashes escaped.
[[nodiscard]] std::string text_array(std::vector<std::string> const& items);

/// {1,2,3}
[[nodiscard]] std::string id_array(std::vector<long long> const& ids);

}  // namespace samverkan::core

#pragma once

// The reports module's rules: which period, and the report for it. The figures are SQL
// aggregates (report_repository.hpp); nothing here counts rows. No HTTP.
#include "modules/reports/report_types.hpp"
#include "server/asio_fwd.hpp"

#include <boost/asio/awaitable.hpp>

#include <string>
#include <vector>

namespace samverkan::db {
class database;
}

namespace samverkan::reports {

class report_service {
public:
    explicit report_service(db::database& db) : db_(db) {}

    /// API.md's participation report for `p`, as the JSON text the API answers with.
    asio::awaitable<std::string> participation_json(period p);

    /// The same report, read into its types for the pages, charts and CSV files.
    asio::awaitable<participation_report> participation(period p);

    /// One report per calendar year that `p` touches (each clipped to `p`), for the
    /// printable follow-up: one database lease, one statement per year.
    asio::awaitable<std::vector<participation_report>> per_year(period p);

private:
    db::database& db_;
};

}  // namespace samverkan::reports

#include "modules/reports/report_repository.hpp"

#include <soci/soci.h>

namespace samverkan::reports::repository {

namespace {

constexpr char const* fold_sql = "select samverkan_report_fold()";

constexpr char const* report_sql =
    "select samverkan_participation_report(cast(:from as date), cast(:to as date))";

}  // namespace

int fold(soci::session& sql) {
    int folded = 0;
    sql << fold_sql, soci::into(folded);
    return folded;
}

std::string participation_json(soci::session& sql, std::string const& from, std::string const& to) {
    std::string json;
    sql << report_sql, soci::use(from, "from"), soci::use(to, "to"), soci::into(json);
    return json;
}

}  // namespace samverkan::reports::repository

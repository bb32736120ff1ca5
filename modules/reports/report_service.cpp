#include "modules/reports/report_service.hpp"

#include "modules/core/database.hpp"
#include "modules/reports/report_json.hpp"
#include "modules/reports/report_period.hpp"
#include "modules/reports/report_repository.hpp"

#include <algorithm>

namespace samverkan::reports {

namespace {

std::string report_of(soci::session& sql, period const& p) {
    // Folding first keeps what the report computes from the ledger itself small.
    (void)repository::fold(sql);
    return repository::participation_json(sql, iso_date(p.from), iso_date(p.to));
}

}  // namespace

asio::awaitable<std::string> report_service::participation_json(period p) {
    co_return co_await db_.run([p](soci::session& sql) { return report_of(sql, p); });
}

asio::awaitable<participation_report> report_service::participation(period p) {
    co_return parse_report(co_await participation_json(p));
}

asio::awaitable<std::vector<participation_report>> report_service::per_year(period p) {
    auto const texts = co_await db_.run([p](soci::session& sql) {
        std::vector<std::string> out;
        for (int y : years_of(p)) {
            auto year = calendar_year(y);
            using std::chrono::sys_days;
            period const clipped{std::max(sys_days{year.from}, sys_days{p.from}),
                                 std::min(sys_days{year.to}, sys_days{p.to})};
            out.push_back(report_of(sql, clipped));
        }
        return out;
    });
    std::vector<participation_report> out;
    for (auto const& t : texts) out.push_back(parse_report(t));
    co_return out;
}

}  // namespace samverkan::reports

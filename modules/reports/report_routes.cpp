#include "modules/reports/report_routes.hpp"

#include "modules/auth/auth.hpp"
#include "modules/core/pages.hpp"
#include "modules/reports/report_csv.hpp"
#include "modules/reports/report_period.hpp"
#include "modules/reports/report_service.hpp"
#include "modules/reports/report_view.hpp"
#include "server/api_error.hpp"
#include "server/response.hpp"
#include "server/router.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <optional>

namespace samverkan::reports {

using server::api_error;
using server::error_kind;
namespace json = boost::json;

namespace {

using handler_result = asio::awaitable<server::response>;

/// A printout covers at most this many calendar years (one A4 page each).
constexpr std::size_t print_year_limit = 20;

/// The report speaks Swedish, as the staff pages do; every word of it is the catalogue's.
constexpr core::language report_language = core::language::sv;

server::response staff_only(server::response res) {
    res.set(http::field::cache_control, "no-store");
    return res;
}

handler_result report_json(report_service& service, server::request& req) {
    auto const p = period_of(req);
    co_return staff_only(
        server::text_response(200, co_await service.participation_json(p), "application/json"));
}

handler_result report_csv(report_service& service, core::page_renderer const& pages,
                          server::request& req) {
    auto const table = std::string{req.path_param("table").value_or("")};
    auto const& names = csv_tables();
    if (std::find(names.begin(), names.end(), table) == names.end())
        throw api_error(error_kind::not_found,
                        server::message::of("report.table.unknown", {{"table", table}}));
    auto const p = period_of(req);
    auto const w = pages.words(report_language);
    auto const csv = table_csv(co_await service.participation(p), table, w);
    auto const file = w("report.csv.filename",
                        {{"table", table}, {"from", iso_date(p.from)}, {"to", iso_date(p.to)}});
    auto res = server::text_response(200, *csv, "text/csv; charset=utf-8");
    res.set(http::field::content_disposition, "attachment; filename=\"" + file + "\"");
    co_return staff_only(std::move(res));
}

/// The period picker: the presets, and the dates shown in the form.
json::object picker(period const& p, std::string const& from, std::string const& to,
                    core::wording const& w) {
    json::array items;
    for (auto const& pre : presets(today()))
        items.push_back(json::object{{"label", w.say(pre.label)},
                                     {"href", "/staff/reports?" + period_query(pre.period)},
                                     {"current", pre.period == p}});
    return json::object{{"presets", std::move(items)}, {"from", from}, {"to", to}};
}

/// The page with the report, or the picker alone with the problem (400) for bad dates.
handler_result report_page(report_service& service, core::page_renderer const& pages,
                           server::request& req) {
    auto const w = pages.words(report_language);
    auto data = auth::staff_page_data(req, w("report.page.title"));
    auto const render = [&](unsigned status) {
        return staff_only(
            server::html_response(status, pages.render_page("reports", data, report_language)));
    };
    std::optional<period> chosen;
    try {
        chosen = period_of(req);
    } catch (api_error const& e) {
        data["picker"] = picker({}, std::string{req.query_param("from").value_or("")},
                                std::string{req.query_param("to").value_or("")}, w);
        data["problem"] = w.say(e.text());
        co_return render(400);
    }
    auto const p = *chosen;
    auto const r = co_await service.participation(p);
    for (auto& [key, value] : report_view(r, p, w)) data[key] = value;
    data["picker"] = picker(p, iso_date(p.from), iso_date(p.to), w);
    data["has_report"] = true;
    co_return render(200);
}

handler_result print_page(report_service& service, core::page_renderer const& pages,
                          server::request& req) {
    auto const p = period_of(req);
    auto const years = years_of(p);
    if (years.size() > print_year_limit)
        throw api_error(error_kind::bad_request,
                        server::message::of("report.print.too_many_years",
                                            {{"n", std::to_string(print_year_limit)}}));
    auto const w = pages.words(report_language);
    auto const whole = co_await service.participation(p);
    auto const reports = co_await service.per_year(p);
    json::array pages_of_years;
    for (std::size_t i = 0; i < reports.size(); ++i) {
        std::vector<year_row> trend;
        for (auto const& y : whole.years)
            if (y.year <= years[i]) trend.push_back(y);
        pages_of_years.push_back(print_year_view(reports[i], years[i], trend, w));
    }
    auto data = auth::staff_page_data(
        req, w("report.print.title", {{"from", iso_date(p.from)}, {"to", iso_date(p.to)}}));
    data["years"] = std::move(pages_of_years);
    data["query"] = period_query(p);
    data["first_year"] = years.front();
    data["last_year"] = years.back();
    data["several_years"] = years.size() > 1;
    co_return staff_only(
        server::html_response(200, pages.render_page("reports_print", data, report_language)));
}

}  // namespace

void register_report_routes(server::router& routes, report_service& service,
                            auth::auth_service& auth, core::page_renderer const& pages) {
    auto const steering = auth::require(auth, auth::role::steering);
    routes.add(
        http::verb::get, "/api/v1/reports/participation",
        [&service](server::request& req) { return report_json(service, req); }, steering);
    routes.add(
        http::verb::get, "/api/v1/reports/participation/{table}.csv",
        [&service, &pages](server::request& req) { return report_csv(service, pages, req); },
        steering);
    routes.add(
        http::verb::get, "/staff/reports",
        [&service, &pages](server::request& req) { return report_page(service, pages, req); },
        steering);
    routes.add(
        http::verb::get, "/staff/reports/print",
        [&service, &pages](server::request& req) { return print_page(service, pages, req); },
        steering);
}

}  // namespace samverkan::reports

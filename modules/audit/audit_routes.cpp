#include "modules/audit/audit_routes.hpp"

#include "modules/audit/audit_service.hpp"
#include "modules/core/pages.hpp"
#include "modules/core/staff.hpp"
#include "modules/core/text.hpp"
#include "modules/core/time.hpp"
#include "server/api_error.hpp"
#include "server/response.hpp"
#include "server/router.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>

#include <string_view>

namespace samverkan::audit {

using server::api_error;
using server::error_kind;
namespace json = boost::json;

namespace {

// An action or an entity by its catalogue text; codes without one (a module added an
// action and no text yet) are shown as they are.
std::string label(core::page_renderer const& pages, std::string const& kind,
                  std::string const& code) {
    auto const key = "audit_log." + kind + "." + code;
    return pages.messages().has(key) ? pages.messages().text(core::language::sv, key) : code;
}

long long page_number(server::request const& req) {
    auto const text = req.query_param("page").value_or("1");
    auto const n = core::whole_number(text);
    if (!n || *n < 1 || *n > 1'000'000)
        throw api_error(error_kind::bad_request, server::message::of("audit_log.query.page"));
    return *n;
}

long long page_count(page const& p) {
    return std::max<long long>(1, (p.total + p.size - 1) / p.size);
}

json::object entry_json(row const& r) {
    json::value user = nullptr;
    if (r.user_id != 0) user = json::object{{"id", r.user_id}, {"name", r.user_name}};
    return json::object{
        {"id", r.id},
        {"at", core::to_rfc3339(core::from_epoch(r.at))},
        {"user", std::move(user)},
        {"action", r.action},
        {"entity", r.entity},
        {"entity_id", r.entity_id != 0 ? json::value(r.entity_id) : json::value(nullptr)},
        {"detail", json::parse(r.detail_json)},
        {"client_address",
         r.client_address.empty() ? json::value(nullptr) : json::value(r.client_address)}};
}

json::object page_view(page const& p, core::page_renderer const& renderer) {
    auto const w = renderer.words(core::language::sv);
    json::array items;
    for (auto const& r : p.rows) {
        auto const at = core::from_epoch(r.at);
        auto const entity = label(renderer, "entity", r.entity);
        items.push_back(json::object{
            {"at", core::to_rfc3339(at)},
            {"when", core::format_date(at) + " " + core::format_time(at)},
            {"who", r.user_id != 0 ? r.user_name : w("audit_log.system")},
            {"action", label(renderer, "action", r.action)},
            {"code", r.action},
            {"record", r.entity_id != 0 ? entity + " " + std::to_string(r.entity_id) : entity},
            {"detail", r.detail_json == "{}" ? std::string{} : r.detail_json},
            {"client_address", r.client_address}});
    }
    auto const pages = page_count(p);
    json::object out{{"entries", std::move(items)},
                     {"has_entries", !p.rows.empty()},
                     {"page", p.number},
                     {"pages", pages},
                     {"total", p.total}};
    if (p.number > 1) out["newer"] = "/admin/audit?page=" + std::to_string(p.number - 1);
    if (p.number < pages) out["older"] = "/admin/audit?page=" + std::to_string(p.number + 1);
    return out;
}

}  // namespace

void register_audit_routes(server::router& routes, audit_service& audit,
                           server::access const& admin, core::page_renderer const& pages) {
    routes.add(
        http::verb::get, "/api/v1/audit",
        [&audit](server::request& req) -> asio::awaitable<server::response> {
            auto const number = page_number(req);
            auto const p =
                co_await audit.read(number, core::current_user(req).user_id, req.client_address);
            json::array entries;
            for (auto const& r : p.rows) entries.push_back(entry_json(r));
            auto res = server::json_response(200, json::object{{"entries", std::move(entries)},
                                                               {"page", p.number},
                                                               {"per_page", p.size},
                                                               {"pages", page_count(p)},
                                                               {"total", p.total}});
            res.set(http::field::cache_control, "no-store");
            co_return res;
        },
        admin);
    routes.add(
        http::verb::get, "/admin/audit",
        [&audit, &pages](server::request& req) -> asio::awaitable<server::response> {
            auto const number = page_number(req);
            auto const p =
                co_await audit.read(number, core::current_user(req).user_id, req.client_address);
            auto data =
                core::staff_page_data(req, pages.words(core::language::sv)("audit_log.title"));
            for (auto& [key, value] : page_view(p, pages)) data[key] = value;
            auto res = server::html_response(200, pages.render_page("admin_audit", data));
            res.set(http::field::cache_control, "no-store");
            co_return res;
        },
        admin);
}

}  // namespace samverkan::audit

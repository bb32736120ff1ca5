#include "modules/audit/audit_routes.hpp"

#include "modules/audit/audit_service.hpp"
#include "modules/core/pages.hpp"
#include "modules/core/staff.hpp"
#include "modules/core/time.hpp"
#include "server/api_error.hpp"
#include "server/response.hpp"
#include "server/router.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>

#include <charconv>
#include <string_view>

namespace samverkan::audit {

using server::api_error;
using server::error_kind;
namespace json = boost::json;

namespace {

struct action_name {
    std::string_view code;
    char const* label;
};

constexpr action_name action_names[] = {
    {"auth.login", "Loggade in"},
    {"auth.logout", "Loggade ut"},
    {"user.create", "Lade till en användare"},
    {"user.deactivate", "Stängde av en användare"},
    {"user.password_change", "Bytte lösenord"},
    {"users.view", "Visade användarlistan"},
    {"audit.view", "Visade granskningsloggen"},
};

std::string action_label(std::string const& code) {
    for (auto const& a : action_names)
        if (a.code == code) return a.label;
    return code;  // other modules' actions are shown by their code
}

long long page_number(server::request const& req) {
    auto const text = req.query_param("page").value_or("1");
    long long n = 0;
    auto const [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
    if (ec != std::errc{} || end != text.data() + text.size() || n < 1 || n > 1'000'000)
        throw api_error(error_kind::bad_request,
                        "Query parameter 'page' must be a whole number from 1.");
    return n;
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

json::object page_view(page const& p) {
    json::array items;
    for (auto const& r : p.rows) {
        auto const at = core::from_epoch(r.at);
        items.push_back(json::object{
            {"at", core::to_rfc3339(at)},
            {"when", core::format_date(at) + " " + core::format_time(at)},
            {"who", r.user_id != 0 ? r.user_name : std::string{"Kommandoraden/systemet"}},
            {"action", action_label(r.action)},
            {"code", r.action},
            {"record", r.entity_id != 0 ? r.entity + " " + std::to_string(r.entity_id) : r.entity},
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
            auto data = core::staff_page_data(req, "Granskningslogg – Samverkan");
            for (auto& [key, value] : page_view(p)) data[key] = value;
            auto res = server::html_response(200, pages.render_page("admin_audit", data));
            res.set(http::field::cache_control, "no-store");
            co_return res;
        },
        admin);
}

}  // namespace samverkan::audit

#include "modules/organisations/organisation_routes.hpp"

#include "modules/auth/auth.hpp"
#include "modules/core/json_input.hpp"
#include "modules/core/time.hpp"
#include "modules/organisations/organisation_input.hpp"
#include "modules/organisations/organisation_service.hpp"
#include "server/api_error.hpp"
#include "server/response.hpp"
#include "server/router.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <algorithm>

namespace samverkan::organisations {

using server::api_error;
using server::error_kind;
namespace json = boost::json;

namespace {

json::value text_or_null(std::string const& s) {
    return s.empty() ? json::value(nullptr) : json::value(s);
}

json::object organisation_json(organisation const& o) {
    json::array contacts;
    for (auto const& c : o.contacts)
        contacts.push_back(json::object{
            {"id", c.id}, {"name", c.name}, {"email", c.email}, {"phone", text_or_null(c.phone)}});
    return {{"id", o.id},
            {"name", o.name},
            {"org_number", text_or_null(o.org_number)},
            {"kind", o.kind},
            {"area", text_or_null(o.area)},
            {"locality", text_or_null(o.locality)},
            {"agreement_joined_on", text_or_null(o.agreement_joined_on)},
            {"contacts", std::move(contacts)},
            {"created_at", core::to_rfc3339(core::from_epoch(o.created_at))},
            {"updated_at", core::to_rfc3339(core::from_epoch(o.updated_at))}};
}

organisation_filter filter_of(server::request const& req) {
    organisation_filter f;
    f.query = std::string{req.query_param("q").value_or("")};
    f.kind = std::string{req.query_param("kind").value_or("")};
    f.area = std::string{req.query_param("area").value_or("")};
    auto const agreement = req.query_param("agreement").value_or("");
    auto const& k = kinds();
    auto const& a = areas();
    if (!f.kind.empty() && std::find(k.begin(), k.end(), f.kind) == k.end())
        throw api_error(error_kind::bad_request, "Query parameter 'kind' is not a known kind.");
    if (!f.area.empty() && std::find(a.begin(), a.end(), f.area) == a.end())
        throw api_error(error_kind::bad_request, "Query parameter 'area' must be urban or rural.");
    if (agreement != "" && agreement != "members")
        throw api_error(error_kind::bad_request, "Query parameter 'agreement' must be members.");
    f.agreement_members_only = agreement == "members";
    if (!core::clean_text(f.query, false) || f.query.size() > 200)
        throw api_error(error_kind::bad_request, "Query parameter 'q' is not a valid search.");
    return f;
}

actor actor_of(server::request const& req) {
    return {auth::current_user(req).user_id, req.client_address};
}

server::response no_store(server::response res) {
    res.set(http::field::cache_control, "no-store");
    return res;
}

}  // namespace

void register_organisation_routes(server::router& routes, organisation_service& service,
                                  auth::auth_service& auth) {
    auto const organiser = auth::require(auth, auth::role::organiser);
    routes.add(
        http::verb::get, "/api/v1/organisations",
        [&service](server::request& req) -> asio::awaitable<server::response> {
            auto const filter = filter_of(req);
            auto const list = co_await service.list(filter);
            json::array items;
            for (auto const& o : list) items.push_back(organisation_json(o));
            co_return no_store(
                server::json_response(200, json::object{{"organisations", std::move(items)}}));
        },
        organiser);
    routes.add(
        http::verb::post, "/api/v1/organisations",
        [&service](server::request& req) -> asio::awaitable<server::response> {
            auto const body = core::parse_json_object(req);
            server::field_errors errors;
            auto o = read_organisation(body, errors);
            core::throw_if_invalid(errors);
            auto const who = actor_of(req);  // named: g++ 12 may destroy temporaries twice
            auto const created = co_await service.create(std::move(o), who);
            co_return server::json_response(201, organisation_json(created));
        },
        organiser);
    routes.add(
        http::verb::get, "/api/v1/organisations/{id}",
        [&service](server::request& req) -> asio::awaitable<server::response> {
            auto const o = co_await service.get(server::path_id(req, "id"));
            co_return no_store(server::json_response(200, organisation_json(o)));
        },
        organiser);
    routes.add(
        http::verb::patch, "/api/v1/organisations/{id}",
        [&service](server::request& req) -> asio::awaitable<server::response> {
            auto const id = server::path_id(req, "id");
            auto const body = core::parse_json_object(req);
            server::field_errors errors;
            auto patch = read_patch(body, errors);
            core::throw_if_invalid(errors);
            auto const who = actor_of(req);
            auto const o = co_await service.update(id, std::move(patch), who);
            co_return server::json_response(200, organisation_json(o));
        },
        organiser);
    routes.add(
        http::verb::post, "/api/v1/organisations/import",
        [&service](server::request& req) -> asio::awaitable<server::response> {
            if (req.content_type() != "text/csv")
                throw api_error(error_kind::unsupported_media_type, "Send the file as text/csv.");
            if (!core::clean_text(req.message.body(), true))
                throw api_error(error_kind::validation_failed, "The file is not UTF-8 text.")
                    .with_fields({{"csv", "Save the file as UTF-8 (CSV UTF-8 in Excel)."}});
            auto const who = actor_of(req);
            std::string body = req.message.body();
            auto const r = co_await service.import_csv(std::move(body), who);
            json::array rejected;
            for (auto const& x : r.rejected)
                rejected.push_back(json::object{{"line", x.line}, {"error", x.error}});
            co_return server::json_response(200, json::object{{"created", r.created},
                                                              {"updated", r.updated},
                                                              {"unchanged", r.unchanged},
                                                              {"rejected", std::move(rejected)}});
        },
        organiser);
}

}  // namespace samverkan::organisations

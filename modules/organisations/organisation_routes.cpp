#include "modules/organisations/organisation_routes.hpp"

#include "modules/auth/auth.hpp"
#include "modules/core/field_reader.hpp"
#include "modules/core/json_input.hpp"
#include "modules/core/time.hpp"
#include "modules/organisations/organisation_import.hpp"
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
using server::message;
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
        throw api_error(error_kind::bad_request, message::of("register.query.kind"));
    if (!f.area.empty() && std::find(a.begin(), a.end(), f.area) == a.end())
        throw api_error(error_kind::bad_request, message::of("register.query.area"));
    if (agreement != "" && agreement != "members")
        throw api_error(error_kind::bad_request, message::of("register.query.agreement"));
    f.agreement_members_only = agreement == "members";
    if (!core::clean_text(f.query, false) || f.query.size() > 200)
        throw api_error(error_kind::bad_request, message::of("register.query.q"));
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
                                  auth::auth_service& auth,
                                  core::message_catalogue const& messages) {
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
            core::field_reader in{body, errors};
            auto o = read_organisation(in);
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
            core::field_reader in{body, errors};
            auto patch = read_patch(in);
            core::throw_if_invalid(errors);
            auto const who = actor_of(req);
            auto const o = co_await service.update(id, std::move(patch), who);
            co_return server::json_response(200, organisation_json(o));
        },
        organiser);
    routes.add(
        http::verb::post, "/api/v1/organisations/import",
        [&service, &messages](server::request& req) -> asio::awaitable<server::response> {
            if (req.content_type() != "text/csv")
                throw api_error(error_kind::unsupported_media_type,
                                message::of("register.import.media_type"));
            if (!core::clean_text(req.message.body(), true))
                throw api_error(error_kind::validation_failed,
                                message::of("register.import.not_utf8"))
                    .with_fields({{"csv", message::of("register.import.save_as_utf8")}});
            auto const who = actor_of(req);
            std::string body = req.message.body();
            auto const r = co_await service.import_csv(std::move(body), who);
            // The API answers in English, as every API message.
            co_return server::json_response(
                200, import_json(r, core::wording{messages, core::language::en}));
        },
        organiser);
}

}  // namespace samverkan::organisations

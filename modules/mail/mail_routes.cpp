#include "modules/mail/mail_routes.hpp"

#include "modules/auth/auth.hpp"
#include "modules/core/pages.hpp"
#include "modules/core/text.hpp"
#include "modules/core/time.hpp"
#include "modules/mail/mail.hpp"
#include "modules/mail/mail_service.hpp"
#include "server/api_error.hpp"
#include "server/response.hpp"
#include "server/router.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <algorithm>

namespace samverkan::mail {

using server::api_error;
using server::error_kind;
using server::message;
namespace json = boost::json;

namespace {

using core::actor_of;

constexpr int default_limit = 200;

std::string status_param(server::request const& req) {
    auto const status = std::string{req.query_param("status").value_or("")};
    if (status != "" && status != "pending" && status != "sent" && status != "failed")
        throw api_error(error_kind::bad_request, message::of("mail.query.status"));
    return status;
}

int limit_param(server::request const& req) {
    auto const text = req.query_param("limit");
    if (!text) return default_limit;
    auto const n = core::whole_number(*text);
    if (!n || *n < 1 || *n > 1000)
        throw api_error(error_kind::bad_request, message::of("mail.query.limit"));
    return static_cast<int>(*n);
}

json::value time_or_null(std::optional<long long> t) {
    if (!t) return nullptr;
    return json::value(core::to_rfc3339(core::from_epoch(*t)));
}

json::object message_json(outbox_entry const& e) {
    return {{"id", e.id},
            {"idempotency_key", e.idempotency_key},
            {"template", e.template_name},
            {"language", e.language},
            {"recipient_email", e.recipient_email},
            {"status", e.status},
            {"attempts", e.attempts},
            {"last_error", e.last_error.empty() ? json::value(nullptr) : json::value(e.last_error)},
            {"created_at", core::to_rfc3339(core::from_epoch(e.created_at))},
            {"next_attempt_at", time_or_null(e.next_attempt_at)},
            {"sent_at", time_or_null(e.sent_at)}};
}

json::object page_row(outbox_entry const& e, core::wording const& w) {
    auto row = message_json(e);
    auto const when = core::from_epoch(e.created_at);
    row["when"] = core::format_date(when) + " " + core::format_time(when);
    row["is_failed"] = e.status == "failed";
    row["status_label"] = w(e.status == "failed" ? "mail.status.failed"
                            : e.status == "sent" ? "mail.status.sent"
                                                 : "mail.status.pending");
    return row;
}

// Staff pages speak Swedish (their users do); texts still come from the catalogue.
core::wording swedish(core::page_renderer const& pages) {
    return pages.words(core::language::sv);
}

void register_outbox_api(server::router& routes, mail_service& mail, auth::auth_service& auth) {
    routes.add(
        http::verb::get, "/api/v1/outbox",
        [&mail](server::request& req) -> asio::awaitable<server::response> {
            auto const status = status_param(req);
            auto const limit = limit_param(req);
            auto const rows = co_await mail.list(status, limit);
            auto const counts = co_await mail.counts();
            json::array messages;
            for (auto const& e : rows) messages.push_back(message_json(e));
            json::object totals;
            for (auto const& [status, n] : counts) totals[status] = n;
            auto res = server::json_response(200, json::object{{"messages", std::move(messages)},
                                                               {"counts", std::move(totals)}});
            res.set(http::field::cache_control, "no-store");
            co_return res;
        },
        auth::require(auth, auth::role::admin));
    routes.add(
        http::verb::post, "/api/v1/outbox/{id}/requeue",
        [&mail](server::request& req) -> asio::awaitable<server::response> {
            auto const id = server::path_id(req, "id");
            auto const who = actor_of(req);  // named: see invitation_routes.cpp
            if (!co_await mail.requeue(id, who))
                throw api_error(error_kind::not_found, message::of("mail.no_failed_message"));
            co_return server::json_response(200, json::object{{"id", id}, {"status", "pending"}});
        },
        auth::require(auth, auth::role::admin));
    routes.add(
        http::verb::post, "/api/v1/outbox/requeue-failed",
        [&mail](server::request& req) -> asio::awaitable<server::response> {
            auto const who = actor_of(req);
            auto const n = co_await mail.requeue_all_failed(who);
            co_return server::json_response(200, json::object{{"requeued", n}});
        },
        auth::require(auth, auth::role::admin));
}

void register_outbox_pages(server::router& routes, mail_service& mail, auth::auth_service& auth,
                           core::page_renderer const& pages) {
    routes.add(
        http::verb::get, "/admin/outbox",
        [&mail, &pages](server::request& req) -> asio::awaitable<server::response> {
            auto const status = status_param(req);
            auto const rows = co_await mail.list(status, default_limit);
            auto const counts = co_await mail.counts();
            auto const w = swedish(pages);
            auto data = auth::staff_page_data(req, w("mail.outbox.title"));
            json::array items;
            for (auto const& e : rows) items.push_back(page_row(e, w));
            data["messages"] = std::move(items);
            data["has_messages"] = !rows.empty();
            data["pending"] = counts.at("pending");
            data["sent"] = counts.at("sent");
            data["failed"] = counts.at("failed");
            data["any_failed"] = counts.at("failed") > 0;
            data["filter_" + (status.empty() ? std::string{"all"} : status)] = true;
            auto res = server::html_response(200, pages.render_page("mail_outbox", data));
            res.set(http::field::cache_control, "no-store");
            co_return res;
        },
        auth::require(auth, auth::role::admin));
    routes.add(
        http::verb::post, "/admin/outbox/{id}/requeue",
        [&mail](server::request& req) -> asio::awaitable<server::response> {
            auto const who = actor_of(req);
            co_await mail.requeue(server::path_id(req, "id"), who);
            co_return server::redirect_response("/admin/outbox?status=failed");
        },
        auth::require(auth, auth::role::admin));
    routes.add(
        http::verb::post, "/admin/outbox/requeue-failed",
        [&mail](server::request& req) -> asio::awaitable<server::response> {
            auto const who = actor_of(req);
            co_await mail.requeue_all_failed(who);
            co_return server::redirect_response("/admin/outbox?status=pending");
        },
        auth::require(auth, auth::role::admin));
}

struct preview_request {
    long long event_id;
    std::string template_name;
    std::string language;
};

preview_request preview_params(server::request const& req) {
    preview_request p{server::path_id(req, "id"),
                      std::string{req.query_param("template").value_or("invitation")},
                      std::string{req.query_param("language").value_or("sv")}};
    auto const& names = template_names();
    if (std::find(names.begin(), names.end(), p.template_name) == names.end())
        throw api_error(error_kind::bad_request, message::of("mail.unknown_template"));
    if (p.language != "sv" && p.language != "en")
        throw api_error(error_kind::bad_request, message::of("mail.query.language"));
    return p;
}

void register_preview(server::router& routes, mail_service& mail, auth::auth_service& auth,
                      core::page_renderer const& pages) {
    routes.add(
        http::verb::get, "/api/v1/events/{id}/mail-preview",
        [&mail](server::request& req) -> asio::awaitable<server::response> {
            auto const p = preview_params(req);
            std::string const no_overrides = "{}";  // named: no temporary in co_await
            auto const r =
                co_await mail.preview(p.template_name, p.language, p.event_id, no_overrides);
            if (!r) throw api_error(error_kind::not_found, message::of("mail.no_such_event"));
            co_return server::json_response(200, json::object{{"template", p.template_name},
                                                              {"language", p.language},
                                                              {"subject", r->subject},
                                                              {"text", r->text},
                                                              {"html", r->html}});
        },
        auth::require(auth, auth::role::organiser));
    routes.add(
        http::verb::get, "/staff/events/{id}/mail-preview",
        [&mail, &pages](server::request& req) -> asio::awaitable<server::response> {
            auto const p = preview_params(req);
            std::string const no_overrides = "{}";  // named: no temporary in co_await
            auto const r =
                co_await mail.preview(p.template_name, p.language, p.event_id, no_overrides);
            if (!r) throw api_error(error_kind::not_found, message::of("mail.no_such_event"));
            auto data = auth::staff_page_data(req, swedish(pages)("mail.preview.title"));
            json::array choices;
            for (auto const name : template_names())
                choices.push_back(
                    json::object{{"name", name}, {"selected", name == p.template_name}});
            data["templates"] = std::move(choices);
            data["event_id"] = p.event_id;
            data["sv"] = p.language == "sv";
            data["en"] = p.language == "en";
            data["subject"] = r->subject;
            data["text"] = r->text;
            data["html"] = r->html;
            co_return server::html_response(200, pages.render_page("mail_preview", data));
        },
        auth::require(auth, auth::role::organiser));
}

}  // namespace

void register_mail_routes(server::router& routes, mail_service& mail, auth::auth_service& auth,
                          core::page_renderer const& pages) {
    register_outbox_api(routes, mail, auth);
    register_outbox_pages(routes, mail, auth, pages);
    register_preview(routes, mail, auth, pages);
}

}  // namespace samverkan::mail

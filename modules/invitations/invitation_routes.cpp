#include "modules/invitations/invitation_routes.hpp"

#include "modules/auth/auth.hpp"
#include "modules/core/json_input.hpp"
#include "modules/core/page_language.hpp"
#include "modules/core/pages.hpp"
#include "modules/core/time.hpp"
#include "modules/invitations/invitation_pages.hpp"
#include "modules/invitations/invitation_service.hpp"
#include "modules/invitations/organisation_choice.hpp"
#include "modules/mail/mail_service.hpp"
#include "server/api_error.hpp"
#include "server/response.hpp"
#include "server/router.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

namespace samverkan::invitations {

using server::api_error;
using server::error_kind;
namespace json = boost::json;

namespace {

constexpr std::size_t max_extra = 1000;

std::vector<long long> read_ids(core::field_reader& r, json::array const* ids) {
    std::vector<long long> out;
    if (ids == nullptr) return out;
    for (auto const& v : *ids) {
        if (!v.is_int64() || v.get_int64() < 1) {
            r.fail("organisation_ids", "Must be a list of organisation ids.");
            return {};
        }
        out.push_back(v.get_int64());
    }
    return out;
}

std::vector<recipient> read_extra(json::array const* items, server::field_errors& errors) {
    std::vector<recipient> out;
    if (items == nullptr) return out;
    if (items->size() > max_extra) errors["extra_recipients"] = "At most 1000 extra recipients.";
    for (std::size_t i = 0; i < items->size() && i < max_extra; ++i) {
        auto const prefix = "extra_recipients[" + std::to_string(i) + "].";
        if (!(*items)[i].is_object()) {
            errors[prefix.substr(0, prefix.size() - 1)] = "Must be an object.";
            continue;
        }
        core::field_reader r{(*items)[i].get_object(), errors, prefix};
        auto name = r.text("name", {.required = false, .max = 200});
        auto email = r.text("email", {.required = true, .max = 254});
        if (email && !core::valid_email(*email)) r.fail("email", "Not a valid e-mail address.");
        out.push_back({0, {}, email.value_or(""), name.value_or("")});
    }
    return out;
}

invitation_request read_request(json::object const& body) {
    server::field_errors errors;
    core::field_reader r{body, errors};
    invitation_request out;
    out.audience =
        r.choice("audience", true, {"all", "agreement_members", "selected"}).value_or("");
    out.organisation_ids = read_ids(r, r.array("organisation_ids"));
    out.extra_recipients = read_extra(r.array("extra_recipients"), errors);
    out.resend = r.boolean("resend", false).value_or(false);
    if (out.audience == "selected" && out.organisation_ids.empty() && out.extra_recipients.empty())
        r.fail("organisation_ids", "Choose at least one organisation or extra recipient.");
    core::throw_if_invalid(errors);
    return out;
}

// Chosen organisations must be in the register: a typo in an id is an error, not silence.
asio::awaitable<void> check_known(organisations::organisation_service& organisations,
                                  invitation_request const& request) {
    if (request.audience != "selected" || request.organisation_ids.empty()) co_return;
    auto const options = co_await organisation_options(organisations);
    auto const unknown = unknown_ids(options, request.organisation_ids);
    if (unknown.empty()) co_return;
    std::string list;
    for (auto const id : unknown) list += (list.empty() ? "" : ", ") + std::to_string(id);
    server::field_errors errors{{"organisation_ids", "Unknown organisation ids: " + list + "."}};
    core::throw_if_invalid(errors);
}

json::object row_json(invitation_row const& i) {
    return {
        {"id", i.id},
        {"organisation_id",
         i.organisation_id == 0 ? json::value(nullptr) : json::value(i.organisation_id)},
        {"organisation_name",
         i.organisation_name.empty() ? json::value(nullptr) : json::value(i.organisation_name)},
        {"email", i.email},
        {"name", i.name.empty() ? json::value(nullptr) : json::value(i.name)},
        {"status", i.status},
        {"last_error", i.last_error.empty() ? json::value(nullptr) : json::value(i.last_error)},
        {"created_at", core::to_rfc3339(core::from_epoch(i.created_at))},
        {"sent_at", i.sent_at == 0 ? json::value(nullptr)
                                   : json::value(core::to_rfc3339(core::from_epoch(i.sent_at)))}};
}

json::object status_json(invitation_status const& s) {
    json::array items;
    for (auto const& i : s.invitations) items.push_back(row_json(i));
    return {{"queued", s.queued},
            {"sent", s.sent},
            {"failed", s.failed},
            {"invitations", std::move(items)}};
}

struct message_input {
    message_request message;
    bool preview = false;
};

message_input read_message(json::object const& body) {
    server::field_errors errors;
    core::field_reader r{body, errors};
    message_input out;
    out.message.subject = r.text("subject", {.required = true, .max = 200}).value_or("");
    // Not r.text(): that refuses line breaks, and a message body has paragraphs.
    if (auto const* b = body.if_contains("body"); b == nullptr || !b->is_string()) {
        r.fail("body", "A message text is required.");
    } else {
        out.message.body = std::string{b->get_string()};
        auto const length = core::utf8_length(out.message.body);
        if (length == 0 || length > 5000) r.fail("body", "Write 1 to 5000 characters.");
        if (!core::clean_text(out.message.body, true))
            r.fail("body", "Contains control characters.");
    }
    out.message.statuses = r.choices("statuses", {"confirmed", "waitlisted", "attended", "no_show"})
                               .value_or(std::vector<std::string>{});
    if (out.message.statuses.empty() && !errors.contains("statuses"))
        r.fail("statuses", "Choose at least one group: confirmed, waitlisted, attended, no_show.");
    out.preview = r.boolean("preview", false).value_or(false);
    core::throw_if_invalid(errors);
    return out;
}

asio::awaitable<server::response> message_preview(invitation_service& service,
                                                  mail::mail_service& mail, long long id,
                                                  message_request const& m) {
    auto const n = co_await service.count_recipients(id, m);
    auto const overrides = json::serialize(json::object{{"subject", m.subject}, {"body", m.body}});
    std::string const name = "message";
    std::string const language = "sv";
    auto const r = co_await mail.preview(name, language, id, overrides);
    if (!r) throw api_error(error_kind::not_found, "There is no such event.");
    co_return server::json_response(
        200, json::object{
                 {"recipients", n}, {"subject", r->subject}, {"text", r->text}, {"html", r->html}});
}

server::response token_page(core::page_renderer const& pages, server::request const& req,
                            unsigned status, char const* name, json::object data) {
    auto const lang = core::page_language(req);
    data["title"] = pages.words(lang)("unsubscribe.title");
    data["alternate"] = core::language_switch(req, lang);
    auto res = server::html_response(status, pages.render_page(name, data, lang));
    core::remember_language(res, req);
    // The token is in the URL: never leak it to other sites, never cache the page.
    res.set("Referrer-Policy", "no-referrer");
    res.set(http::field::cache_control, "no-store");
    return res;
}

void register_unsubscribe(server::router& routes, invitation_service& service,
                          core::page_renderer const& pages) {
    routes.add(http::verb::get, "/unsubscribe/{token}",
               [&service, &pages](server::request& req) -> asio::awaitable<server::response> {
                   auto const token = std::string{req.path_param("token").value_or("")};
                   auto const email = co_await service.address_of(token);
                   if (!email) co_return token_page(pages, req, 404, "unsubscribe_unknown", {});
                   co_return token_page(pages, req, 200, "unsubscribe",
                                        {{"email", *email}, {"token", token}});
               });
    routes.add(http::verb::post, "/unsubscribe/{token}",
               [&service, &pages](server::request& req) -> asio::awaitable<server::response> {
                   auto const token = std::string{req.path_param("token").value_or("")};
                   if (!co_await service.unsubscribe(token))
                       co_return token_page(pages, req, 404, "unsubscribe_unknown", {});
                   co_return token_page(pages, req, 200, "unsubscribe_done", {});
               });
}

}  // namespace

void register_invitation_routes(server::router& routes, invitation_service& service,
                                organisations::organisation_service& organisations,
                                mail::mail_service& mail, auth::auth_service& auth,
                                core::page_renderer const& pages) {
    auto const organiser = auth::require(auth, auth::role::organiser);
    routes.add(
        http::verb::post, "/api/v1/events/{id}/messages",
        [&service, &mail](server::request& req) -> asio::awaitable<server::response> {
            auto const id = server::path_id(req, "id");
            auto const input = read_message(core::parse_json_object(req));
            if (input.preview) co_return co_await message_preview(service, mail, id, input.message);
            actor const who{auth::current_user(req).user_id, req.client_address};
            auto const n = co_await service.send_message(id, input.message, who);
            co_return server::json_response(202, json::object{{"queued", n}});
        },
        organiser);
    routes.add(
        http::verb::post, "/api/v1/events/{id}/invitations",
        [&service, &organisations](server::request& req) -> asio::awaitable<server::response> {
            auto const id = server::path_id(req, "id");
            auto request = read_request(core::parse_json_object(req));
            co_await check_known(organisations, request);
            // Named, not a temporary inside the co_await: g++ 12 destroys such temporaries
            // twice (it crashed here with "free(): invalid pointer").
            actor const who{auth::current_user(req).user_id, req.client_address};
            auto const s = co_await service.invite(id, std::move(request), who);
            co_return server::json_response(
                202, json::object{{"queued", s.queued},
                                  {"skipped_unsubscribed", s.skipped_unsubscribed},
                                  {"skipped_already_invited", s.skipped_already_invited}});
        },
        organiser);
    routes.add(
        http::verb::get, "/api/v1/events/{id}/invitations",
        [&service](server::request& req) -> asio::awaitable<server::response> {
            auto const s = co_await service.status(server::path_id(req, "id"));
            auto res = server::json_response(200, status_json(s));
            res.set(http::field::cache_control, "no-store");
            co_return res;
        },
        organiser);
    register_invitation_pages(routes, service, organisations, mail, auth, pages);
    register_unsubscribe(routes, service, pages);
}

}  // namespace samverkan::invitations

// Staff pages for events (Swedish, no JavaScript): the list, a new event, editing,
// publishing, copying and cancelling. Every form posts with the session's CSRF token and is
// answered by a redirect (303) or by the same form again with the errors. Cancelling mails
// everyone registered and cannot be undone, so a page first says how many it tells.
#include "modules/events/event_staff_pages.hpp"

#include "modules/auth/auth.hpp"
#include "modules/core/field_reader.hpp"
#include "modules/core/form_input.hpp"
#include "modules/core/pages.hpp"
#include "modules/core/time.hpp"
#include "modules/events/event_input.hpp"
#include "modules/events/event_routes.hpp"
#include "modules/events/event_service.hpp"
#include "modules/events/event_view.hpp"
#include "server/response.hpp"
#include "server/router.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <map>

namespace samverkan::events {

using server::api_error;
using server::error_kind;

namespace {

using handler_result = asio::awaitable<server::response>;

struct deps {
    event_service& events;
    core::page_renderer const& pages;

    // Staff pages speak Swedish (their users do); texts still come from the catalogue.
    [[nodiscard]] core::wording words() const { return pages.words(core::language::sv); }
};

server::response page(deps const& d, unsigned status, std::string_view name,
                      boost::json::object const& data) {
    auto res = server::html_response(status, d.pages.render_page(name, data));
    res.set(http::field::cache_control, "no-store");
    return res;
}

std::string event_path(long long id) {
    return "/staff/events/" + std::to_string(id);
}

std::string local(std::optional<long long> t) {
    return t ? core::to_local_datetime(core::from_epoch(*t)) : std::string{};
}

/// One input of the form for the _field partial: label and hint are catalogue keys.
struct field_spec {
    char const* name;
    char const* label;
    char const* type = "text";
    bool required = false;
    char const* hint = nullptr;
};

boost::json::object text_field(field_spec const& f, std::string value,
                               server::field_errors const& errors, core::wording const& w) {
    std::string const name = f.name;
    auto const it = errors.find(name);
    std::string described = f.hint == nullptr ? "" : "f-" + name + "-hint";
    if (it != errors.end())
        described += std::string{described.empty() ? "" : " "} + "f-" + name + "-error";
    return boost::json::object{{"id", "f-" + name},
                               {"name", name},
                               {"label", w(f.label)},
                               {"value", std::move(value)},
                               {"type", f.type},
                               {"required", f.required},
                               {"has_hint", f.hint != nullptr},
                               {"hint", f.hint != nullptr ? w(f.hint) : ""},
                               {"has_autocomplete", false},
                               {"autocomplete", ""},
                               {"has_error", it != errors.end()},
                               {"error", it != errors.end() ? w.say(it->second) : ""},
                               {"has_describedby", !described.empty()},
                               {"describedby", described}};
}

boost::json::object error_summary(server::field_errors const& errors, core::wording const& w) {
    boost::json::array items;
    for (auto const& [field, message] : errors)
        items.push_back(boost::json::object{{"href", "#f-" + field}, {"message", w.say(message)}});
    return {{"title", w("staff_event.form.not_saved")},
            {"has_errors", !errors.empty()},
            {"has_items", !errors.empty()},
            {"items", std::move(items)},
            {"has_general_error", false},
            {"general_error", ""}};
}

boost::json::array choices_data(event const& e, core::wording const& w) {
    boost::json::array areas;
    for (auto a : priority_area_codes)
        areas.push_back(boost::json::object{
            {"value", a},
            {"id", "f-priority_areas-" + std::string{a}},
            {"label", w("event.area." + std::string{a})},
            {"checked", std::find(e.priority_areas.begin(), e.priority_areas.end(), a) !=
                            e.priority_areas.end()}});
    return areas;
}

/// What the form's fields show, by name: the event's values, or what was typed when the
/// form comes back with its errors (a value that was refused is shown as it was sent).
using shown_values = std::map<std::string, std::string, std::less<>>;

shown_values values_of(event const& e) {
    auto const count = [](std::optional<int> n) {
        return n ? std::to_string(*n) : std::string{};
    };
    using named_text = std::pair<char const*, std::string const*>;
    shown_values out;
    for (auto const& [name, text] :
         {named_text{"kind", &e.kind}, named_text{"title", &e.title}, named_text{"theme", &e.theme},
          named_text{"description", &e.description}, named_text{"venue", &e.venue},
          named_text{"address", &e.address}})
        out.emplace(name, *text);
    out["starts_at"] = local(e.starts_at ? std::optional{e.starts_at} : std::nullopt);
    out["ends_at"] = local(e.ends_at ? std::optional{e.ends_at} : std::nullopt);
    out["registration_opens_at"] = local(e.registration_opens_at);
    out["registration_closes_at"] = local(e.registration_closes_at);
    out["capacity"] = count(e.capacity > 0 ? std::optional{e.capacity} : std::nullopt);
    out["max_per_organisation"] = count(e.max_per_organisation);
    return out;
}

shown_values values_typed(core::form_input const& form) {
    shown_values out;
    for (auto const& [name, value] : form.pairs()) out.emplace(name, value);  // the first stays
    return out;
}

void add_fields(boost::json::object& data, shown_values const& shown,
                server::field_errors const& errors, core::wording const& w) {
    auto const field = [&](field_spec const& f) {
        auto const it = shown.find(f.name);
        data[std::string{"f_"} + f.name] =
            text_field(f, it == shown.end() ? std::string{} : it->second, errors, w);
    };
    field({"title", "staff_event.form.title_label", "text", true});
    field({"theme", "staff_event.form.theme_label"});
    field({"venue", "staff_event.form.venue_label"});
    field({"address", "staff_event.form.address_label"});
    field({"starts_at", "staff_event.form.starts_label", "datetime-local", true});
    field({"ends_at", "staff_event.form.ends_label", "datetime-local", true});
    field({"registration_opens_at", "staff_event.form.opens_label", "datetime-local", false,
           "staff_event.form.opens_hint"});
    field({"registration_closes_at", "staff_event.form.closes_label", "datetime-local", false,
           "staff_event.form.closes_hint"});
    field({"capacity", "staff_event.form.capacity_label", "number", true});
    field({"max_per_organisation", "staff_event.form.max_per_organisation_label", "number", false,
           "staff_event.form.max_per_organisation_hint"});
}

/// The form of a new or an existing event `e`, showing `shown`, with `errors` at their fields.
boost::json::object form_data(server::request const& req, event const& e, shown_values const& shown,
                              server::field_errors const& errors, bool creating,
                              core::wording const& w) {
    auto data = auth::staff_page_data(
        req, creating ? w("staff_event.form.title_new")
                      : w("staff_event.form.title_edit", {{"title", e.title}}));
    auto const kind = shown.contains("kind") ? shown.at("kind") : e.kind;
    boost::json::array kinds;
    for (auto k : event_kinds)
        kinds.push_back(boost::json::object{
            {"value", k}, {"label", kind_label(k, w)}, {"selected", kind == k}});
    data["creating"] = creating;
    data["action"] = creating ? std::string{"/staff/events/new"} : event_path(e.id) + "/edit";
    data["kinds"] = std::move(kinds);
    data["areas"] = choices_data(e, w);
    data["summary"] = error_summary(errors, w);
    data["description"] = shown.contains("description") ? shown.at("description") : "";
    data["waitlist"] = e.waitlist;
    data["food"] = e.food;
    add_fields(data, shown, errors, w);
    return data;
}

std::string status_label(event const& e, long long now, core::wording const& w) {
    if (e.status == "draft") return w("staff_event.status.draft");
    if (e.status == "cancelled") return w("staff_event.status.cancelled");
    return w(e.ends_at <= now ? "staff_event.status.past" : "staff_event.status.published");
}

boost::json::object list_data(server::request const& req, std::vector<event> const& items,
                              core::wording const& w) {
    auto data = auth::staff_page_data(req, w("staff_event.list.title"));
    auto const now = event_service::now();
    boost::json::array rows;
    for (auto const& e : items) {
        auto v = event_view(e, w);
        v["status_label"] = status_label(e, now, w);
        v["confirmed"] = e.confirmed_count;
        v["waiting"] = e.waitlisted_count;
        rows.push_back(std::move(v));
    }
    data["has_events"] = !rows.empty();
    data["events"] = std::move(rows);
    return data;
}

// The new or changed event from the form; every problem at once, not only the form's own.
handler_result save(deps d, server::request& req, std::optional<long long> id) {
    auto const form = core::form_input::from_request(req);
    event e;
    server::field_errors errors;
    if (id) e = co_await d.events.get(*id);
    core::field_reader in{form, errors};
    read_event(in, e, !id);
    check_event(e, errors);
    if (errors.empty()) {
        try {
            auto const who = core::actor_of(req);
            event saved;
            if (id) {
                event const changed = e;
                saved = co_await d.events.update(
                    *id,
                    [&changed](event& target, server::field_errors&) {
                        auto const keep_status = target.status;
                        target = changed;
                        target.status = keep_status;
                    },
                    who);
            } else {
                saved = co_await d.events.create(e, who);
            }
            co_return server::redirect_response(event_path(saved.id));
        } catch (api_error const& error) {
            if (error.kind() != error_kind::validation_failed &&
                error.kind() != error_kind::conflict)
                throw;
            errors = error.fields();
            if (errors.empty()) errors.emplace("capacity", error.text());
        }
    }
    co_return page(d, 422, "staff_event_form",
                   form_data(req, e, values_typed(form), errors, !id, d.words()));
}

// --- cancelling: the page that says what will happen, then the POST ----------------------

server::response cancel_page(deps const& d, server::request const& req,
                             cancellation_plan const& plan, std::string const& reason,
                             server::field_errors const& errors) {
    auto const w = d.words();
    auto const& e = plan.target;
    auto data = auth::staff_page_data(req, w("staff_event.cancel.title", {{"title", e.title}}));
    data["event"] = event_view(e, w);
    data["event_id"] = e.id;
    data["recipients"] = plan.recipients;
    data["recipients_line"] = w.counted("staff_event.cancel.recipients", plan.recipients);
    data["confirm_label"] = w.counted("staff_event.cancel.confirm", plan.recipients);
    data["f_reason"] = text_field({"reason", "staff_event.cancel.reason_label", "text", false,
                                   "staff_event.cancel.reason_hint"},
                                  reason, errors, w);
    return page(d, errors.empty() ? 200 : 422, "staff_event_cancel", data);
}

handler_result show_cancel(deps d, server::request& req) {
    auto const plan = co_await d.events.plan_cancellation(server::path_id(req, "id"));
    if (plan.target.status == "cancelled")
        co_return server::redirect_response(event_path(plan.target.id));
    co_return cancel_page(d, req, plan, {}, {});
}

handler_result cancel(deps d, server::request& req) {
    auto const id = server::path_id(req, "id");
    auto const form = core::form_input::from_request(req);
    server::field_errors errors;
    core::field_reader in{form, errors};
    auto reason = read_cancel_reason(in);
    if (!errors.empty()) {
        auto const plan = co_await d.events.plan_cancellation(id);
        co_return cancel_page(d, req, plan, in.raw("reason"), errors);
    }
    (void)co_await d.events.cancel(id, std::move(reason), core::actor_of(req));
    co_return server::redirect_response(event_path(id));
}

handler_result publish(deps d, server::request& req) {
    auto const id = server::path_id(req, "id");
    (void)co_await d.events.publish(id, core::actor_of(req));
    co_return server::redirect_response(event_path(id));
}

handler_result copy(deps d, server::request& req) {
    std::optional<long long> const same_weekday;
    auto const copied =
        co_await d.events.copy(server::path_id(req, "id"), same_weekday, core::actor_of(req));
    co_return server::redirect_response(event_path(copied.id) + "/edit");
}

}  // namespace

void register_event_staff_pages(server::router& routes, event_service& events,
                                auth::auth_service& auth, core::page_renderer const& pages) {
    deps const d{events, pages};
    auto const steering = auth::require(auth, auth::role::steering);
    auto const organiser = auth::require(auth, auth::role::organiser);
    routes.add(
        http::verb::get, "/staff/events",
        [d](server::request& req) -> handler_result {
            event_filter all;
            all.include_all = true;
            auto items = co_await d.events.list_all(all);
            co_return page(d, 200, "staff_events", list_data(req, items, d.words()));
        },
        steering);
    routes.add(
        http::verb::get, "/staff/events/new",
        [d](server::request& req) -> handler_result {
            event e;
            e.kind = "theme_meeting";
            co_return page(d, 200, "staff_event_form",
                           form_data(req, e, values_of(e), {}, true, d.words()));
        },
        organiser);
    routes.add(
        http::verb::post, "/staff/events/new",
        [d](server::request& req) -> handler_result { return save(d, req, std::nullopt); },
        organiser);
    routes.add(
        http::verb::get, "/staff/events/{id}/edit",
        [d](server::request& req) -> handler_result {
            auto e = co_await d.events.get(server::path_id(req, "id"));
            co_return page(d, 200, "staff_event_form",
                           form_data(req, e, values_of(e), {}, false, d.words()));
        },
        organiser);
    routes.add(
        http::verb::post, "/staff/events/{id}/edit",
        [d](server::request& req) -> handler_result {
            return save(d, req, server::path_id(req, "id"));
        },
        organiser);
    routes.add(
        http::verb::post, "/staff/events/{id}/publish",
        [d](server::request& req) { return publish(d, req); }, organiser);
    routes.add(
        http::verb::post, "/staff/events/{id}/copy",
        [d](server::request& req) { return copy(d, req); }, organiser);
    routes.add(
        http::verb::get, "/staff/events/{id}/cancel",
        [d](server::request& req) { return show_cancel(d, req); }, organiser);
    routes.add(
        http::verb::post, "/staff/events/{id}/cancel",
        [d](server::request& req) { return cancel(d, req); }, organiser);
}

}  // namespace samverkan::events

#include "modules/invitations/invitation_pages.hpp"

#include "modules/auth/auth.hpp"
#include "modules/core/form_input.hpp"
#include "modules/core/json_input.hpp"
#include "modules/core/pages.hpp"
#include "modules/core/text.hpp"
#include "modules/invitations/invitation_service.hpp"
#include "modules/invitations/organisation_choice.hpp"
#include "modules/mail/mail_service.hpp"
#include "server/api_error.hpp"
#include "server/response.hpp"
#include "server/router.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include <algorithm>
#include <set>

namespace samverkan::invitations {

namespace json = boost::json;

namespace {

using core::trim;
using server::message;

struct page_deps {
    invitation_service* service;
    organisations::organisation_service* organisations;
    mail::mail_service* mail;
    core::page_renderer const* pages;

    // Staff pages speak Swedish (their users do); texts still come from the catalogue.
    [[nodiscard]] core::wording words() const { return pages->words(core::language::sv); }
};

using result = asio::awaitable<server::response>;

std::string page_path(long long event_id) {
    return "/staff/events/" + std::to_string(event_id) + "/invitations";
}

server::response html(page_deps const& d, unsigned status, char const* name,
                      json::object const& data) {
    auto res = server::html_response(status, d.pages->render_page(name, data));
    res.set(http::field::cache_control, "no-store");
    return res;
}

// The lines of `text` that are not blank, each with its number (1 = the first line).
std::vector<std::pair<std::size_t, std::string>> numbered_lines(std::string_view text) {
    std::vector<std::pair<std::size_t, std::string>> out;
    std::size_t number = 1;
    for (std::size_t start = 0; start <= text.size(); ++number) {
        auto end = text.find('\n', start);
        if (end == std::string_view::npos) end = text.size();
        if (auto line = trim(text.substr(start, end - start)); !line.empty())
            out.emplace_back(number, std::move(line));
        start = end + 1;
    }
    return out;
}

// One extra recipient per line: "Namn <adress>", "Namn;adress" or just the address.
std::vector<recipient> read_extra(std::string_view text, std::vector<message>& problems) {
    std::vector<recipient> out;
    for (auto const& [number, line] : numbered_lines(text)) {
        std::string name;
        std::string email = line;
        if (auto const lt = line.find('<'); lt != std::string::npos && line.back() == '>') {
            name = trim(line.substr(0, lt));
            email = line.substr(lt + 1, line.size() - lt - 2);
        } else if (auto const semi = line.find(';'); semi != std::string::npos) {
            name = trim(line.substr(0, semi));
            email = trim(line.substr(semi + 1));
        }
        if (!core::valid_email(email) || !core::clean_text(name, false) || name.size() > 200)
            problems.push_back(message::of("invite.error.extra_line",
                                           {{"n", std::to_string(number)}, {"line", line}}));
        else
            out.push_back({0, {}, email, name});
    }
    return out;
}

json::object status_data(invitation_status const& s, core::wording const& w) {
    json::array rows;
    for (auto const& i : s.invitations)
        rows.push_back(json::object{{"organisation_name", i.organisation_name},
                                    {"name", i.name},
                                    {"email", i.email},
                                    {"status", w(i.status == "sent"     ? "invite.status.sent"
                                                 : i.status == "failed" ? "invite.status.failed"
                                                                        : "invite.status.queued")},
                                    {"last_error", i.last_error}});
    return {{"queued", s.queued},
            {"sent", s.sent},
            {"failed", s.failed},
            {"invitations", std::move(rows)},
            {"has_invitations", !s.invitations.empty()}};
}

// "Åhus, landsbygd · 2 kontakter med e-post".
std::string option_meta(organisation_option const& o, core::wording const& w) {
    auto meta = o.contacts == 0 ? w("invite.option.no_contact")
                : o.contacts == 1
                    ? w("invite.option.one_contact")
                    : w("invite.option.contacts", {{"n", std::to_string(o.contacts)}});
    std::string place = o.locality;
    if (o.area == "urban" || o.area == "rural")
        place += (place.empty() ? "" : ", ") + w("invite.option." + o.area);
    return place.empty() ? meta : place + " · " + meta;
}

// The register as checkboxes; organisations nobody can be invited at are shown, disabled.
json::array options_data(std::vector<organisation_option> const& options, json::object const& kept,
                         core::wording const& w) {
    std::set<long long> ticked;
    if (auto const* ids = kept.if_contains("ticked"))
        for (auto const& v : ids->as_array()) ticked.insert(v.as_int64());
    json::array out;
    for (auto const& o : options)
        out.push_back(json::object{{"id", o.id},
                                   {"name", o.name},
                                   {"meta", option_meta(o, w)},
                                   {"reachable", o.contacts > 0},
                                   {"checked", ticked.contains(o.id)}});
    return out;
}

result show(page_deps d, server::request& req, long long id, json::object kept,
            unsigned status = 200) {
    auto const w = d.words();
    auto const s = co_await d.service->status(id);
    auto const options = co_await organisation_options(*d.organisations);
    auto data = auth::staff_page_data(req, w("invite.page.title"));
    for (auto& [key, value] : status_data(s, w)) data[key] = value;
    for (auto const key : {"queued_now", "unsubscribed", "already", "message_queued"})
        if (auto const v = req.query_param(key)) data[key] = std::string{*v};
    data["event_id"] = id;
    data["organisations"] = options_data(options, kept, w);
    data["organisation_count"] = options.size();
    data["has_organisations"] = !options.empty();
    if (!kept.contains("audience")) data["audience_all"] = true;
    for (auto& [key, value] : kept) data[key] = value;
    co_return html(d, status, "invitations", data);
}

// --- an invitation round: the form, the page that says what it will do, the sending ------

// The invitation form as read, with what is wrong with it (field id → message).
struct invite_form {
    std::string choice;  ///< all | agreement_members | selected | none (extra recipients only)
    std::vector<long long> ticked;
    std::string extra;  ///< the extra recipients as typed
    invitation_request request;
    std::vector<std::pair<std::string, message>> problems;
};

std::vector<long long> read_ids(std::vector<std::string_view> const& values, bool& bad) {
    std::vector<long long> out;
    for (auto const v : values) {
        auto const id = core::whole_number(v);
        if (!id || *id < 1)
            bad = true;
        else if (std::find(out.begin(), out.end(), *id) == out.end())
            out.push_back(*id);
    }
    return out;
}

// The extra recipients: one textarea on the form, one hidden field per line on the page
// that asks to confirm; read as one text either way.
std::string extra_text(core::form_input const& form) {
    std::string out;
    for (auto const value : form.get_all("extra"))
        out.append(out.empty() ? "" : "\n").append(value);
    return out;
}

void check_choice(invite_form& f, bool bad_id, bool unreadable_extra) {
    if (bad_id) f.problems.emplace_back("organisations", message::of("invite.error.bad_ids"));
    if (f.choice != "selected" && !f.ticked.empty())
        f.problems.emplace_back("audience-selected",
                                message::of("invite.error.ticked_other_audience"));
    bool const no_extra = f.request.extra_recipients.empty() && !unreadable_extra;
    if (f.choice == "selected" && f.ticked.empty() && no_extra && !bad_id)
        f.problems.emplace_back("organisations", message::of("invite.error.tick_one"));
    if (f.choice == "none" && no_extra)
        f.problems.emplace_back("extra", message::of("invite.error.extra_required"));
}

invite_form read_invite_form(core::form_input const& form) {
    invite_form f;
    auto const choice = form.value("audience");
    f.choice =
        choice == "agreement_members" || choice == "selected" || choice == "none" ? choice : "all";
    bool bad_id = false;
    f.ticked = read_ids(form.get_all("organisation_ids"), bad_id);
    f.request.audience = f.choice == "none" ? "selected" : f.choice;
    if (f.choice == "selected") f.request.organisation_ids = f.ticked;
    f.request.resend = form.value("resend") == "on";
    f.extra = extra_text(form);
    std::vector<message> unreadable;
    f.request.extra_recipients = read_extra(f.extra, unreadable);
    for (auto const& m : unreadable) f.problems.emplace_back("extra", m);
    check_choice(f, bad_id, !unreadable.empty());
    return f;
}

// The ticked organisations against the register: unknown ones (removed meanwhile, or a
// forged form) and ones without any contact are refused by name.
void check_ticked(invite_form& f, std::vector<organisation_option> const& options) {
    for (auto const id : unknown_ids(options, f.ticked))
        f.problems.emplace_back("organisations", message::of("invite.error.unknown_organisation",
                                                             {{"id", std::to_string(id)}}));
    for (auto const& o : options)
        if (o.contacts == 0 && std::find(f.ticked.begin(), f.ticked.end(), o.id) != f.ticked.end())
            f.problems.emplace_back("organisations",
                                    message::of("invite.error.no_contact", {{"name", o.name}}));
}

asio::awaitable<invite_form> read_checked_invite(page_deps d, server::request const& req) {
    auto f = read_invite_form(core::form_input::from_request(req));
    if (f.choice == "selected" && !f.ticked.empty()) {
        auto const options = co_await organisation_options(*d.organisations);
        check_ticked(f, options);
    }
    co_return f;
}

json::object kept_choices(invite_form const& f, core::wording const& w) {
    json::array errors;
    for (auto const& [field, text] : f.problems)
        errors.push_back(json::object{{"field", field}, {"message", w.say(text)}});
    json::array ticked;
    for (auto const id : f.ticked) ticked.push_back(id);
    return {{"invite_errors", std::move(errors)},
            {"has_invite_errors", !f.problems.empty()},
            {"audience", f.choice},
            {"audience_" + f.choice, true},
            {"ticked", std::move(ticked)},
            {"picker_open", f.choice == "selected" || !f.ticked.empty()},
            {"extra", f.extra},
            {"resend", f.request.resend}};
}

// The choices as hidden fields, for the two forms of the page that asks to confirm.
json::array hidden_choices(invite_form const& f) {
    json::array out{json::object{{"name", "audience"}, {"value", f.choice}}};
    for (auto const id : f.ticked)
        out.push_back(json::object{{"name", "organisation_ids"}, {"value", std::to_string(id)}});
    for (auto const& [number, line] : numbered_lines(f.extra))
        out.push_back(json::object{{"name", "extra"}, {"value", line}});
    if (f.request.resend) out.push_back(json::object{{"name", "resend"}, {"value", "on"}});
    return out;
}

result confirm_invite(page_deps d, server::request& req) {
    auto const id = server::path_id(req, "id");
    auto const w = d.words();
    auto f = co_await read_checked_invite(d, req);
    if (!f.problems.empty()) co_return co_await show(d, req, id, kept_choices(f, w), 422);
    auto const plan = co_await d.service->plan(id, f.request);
    auto data = auth::staff_page_data(req, w("invite.confirm.title"));
    data["event_id"] = id;
    data["hidden"] = hidden_choices(f);
    data["audience_label"] = w(f.choice == "all"                 ? "invite.form.audience_all"
                               : f.choice == "agreement_members" ? "invite.form.audience_members"
                               : f.choice == "selected"          ? "invite.form.audience_selected"
                                                                 : "invite.form.audience_none");
    data["queued_line"] = w.counted("invite.confirm.queued", plan.queued);
    data["can_send"] = plan.queued > 0;
    if (plan.queued > 0) data["send_label"] = w.counted("invite.confirm.send", plan.queued);
    data["resend"] = f.request.resend;
    if (plan.skipped_unsubscribed > 0)
        data["unsubscribed_line"] =
            w("invite.confirm.unsubscribed", {{"n", std::to_string(plan.skipped_unsubscribed)}});
    if (plan.skipped_already_invited > 0)
        data["already_line"] =
            w("invite.confirm.already", {{"n", std::to_string(plan.skipped_already_invited)}});
    co_return html(d, 200, "invitations_confirm", data);
}

result change_invite(page_deps d, server::request& req) {
    auto const f = read_invite_form(core::form_input::from_request(req));
    auto kept = kept_choices(f, d.words());
    kept["has_invite_errors"] = false;  // the choice is being changed, not refused
    co_return co_await show(d, req, server::path_id(req, "id"), std::move(kept));
}

result invite(page_deps d, server::request& req) {
    auto const id = server::path_id(req, "id");
    auto f = co_await read_checked_invite(d, req);
    if (!f.problems.empty()) co_return co_await show(d, req, id, kept_choices(f, d.words()), 422);
    actor const who{auth::current_user(req).user_id, req.client_address};
    auto const s = co_await d.service->invite(id, std::move(f.request), who);
    co_return server::redirect_response(page_path(id) + "?queued_now=" + std::to_string(s.queued) +
                                        "&unsubscribed=" + std::to_string(s.skipped_unsubscribed) +
                                        "&already=" + std::to_string(s.skipped_already_invited));
}

// --- a message to participants: the form, the mail as it will look, the sending ----------

struct message_form {
    message_request request;
    bool valid = false;
};

message_form read_message_form(core::form_input const& form) {
    message_form f;
    auto& m = f.request;
    m.subject = trim(form.value("subject"));
    m.body = form.value("body");
    for (auto const s : form.get_all("statuses"))
        if (s == "confirmed" || s == "waitlisted" || s == "attended" || s == "no_show")
            m.statuses.emplace_back(s);
    f.valid = !m.subject.empty() && m.subject.size() <= 600 && core::clean_text(m.subject, false) &&
              !m.body.empty() && core::utf8_length(m.body) <= 5000 &&
              core::clean_text(m.body, true) && !m.statuses.empty();
    return f;
}

json::object kept_message(message_request const& m) {
    json::object kept{{"subject", m.subject}, {"body", m.body}};
    for (auto const& s : m.statuses) kept["status_" + s] = true;
    return kept;
}

result refuse_message(page_deps d, server::request& req, long long id, message_form const& f) {
    auto kept = kept_message(f.request);
    kept["message_error"] = d.words()("invite.message.error");
    co_return co_await show(d, req, id, std::move(kept), 422);
}

json::array hidden_message(message_request const& m) {
    json::array out{json::object{{"name", "subject"}, {"value", m.subject}},
                    json::object{{"name", "body"}, {"value", m.body}}};
    for (auto const& s : m.statuses)
        out.push_back(json::object{{"name", "statuses"}, {"value", s}});
    return out;
}

result confirm_message(page_deps d, server::request& req) {
    auto const id = server::path_id(req, "id");
    auto const f = read_message_form(core::form_input::from_request(req));
    if (!f.valid) co_return co_await refuse_message(d, req, id, f);
    auto const w = d.words();
    auto const n = co_await d.service->count_recipients(id, f.request);
    auto const overrides =
        json::serialize(json::object{{"subject", f.request.subject}, {"body", f.request.body}});
    std::string const name = "message";
    std::string const language = "sv";
    auto const preview = co_await d.mail->preview(name, language, id, overrides);
    auto data = auth::staff_page_data(req, w("invite.message.confirm_title"));
    data["event_id"] = id;
    data["hidden"] = hidden_message(f.request);
    data["recipients_line"] = w.counted("invite.message.recipients", n);
    data["can_send"] = n > 0;
    if (n > 0) data["send_label"] = w.counted("invite.message.send", n);
    if (preview) {
        data["preview_subject"] =
            w("invite.message.preview_subject", {{"subject", preview->subject}});
        data["preview_html"] = preview->html;
    }
    co_return html(d, 200, "message_confirm", data);
}

result change_message(page_deps d, server::request& req) {
    auto const f = read_message_form(core::form_input::from_request(req));
    co_return co_await show(d, req, server::path_id(req, "id"), kept_message(f.request));
}

result send_message(page_deps d, server::request& req) {
    auto const id = server::path_id(req, "id");
    auto const f = read_message_form(core::form_input::from_request(req));
    if (!f.valid) co_return co_await refuse_message(d, req, id, f);
    actor const who{auth::current_user(req).user_id, req.client_address};
    auto const n = co_await d.service->send_message(id, f.request, who);
    co_return server::redirect_response(page_path(id) + "?message_queued=" + std::to_string(n));
}

}  // namespace

void register_invitation_pages(server::router& routes, invitation_service& service,
                               organisations::organisation_service& organisations,
                               mail::mail_service& mail, auth::auth_service& auth,
                               core::page_renderer const& pages) {
    page_deps const d{&service, &organisations, &mail, &pages};
    auto const organiser = auth::require(auth, auth::role::organiser);
    auto const add = [&](char const* path, auto handler) {
        routes.add(
            http::verb::post, std::string{"/staff/events/{id}/"} + path,
            [d, handler](server::request& req) -> result { return handler(d, req); }, organiser);
    };
    routes.add(
        http::verb::get, "/staff/events/{id}/invitations",
        [d](server::request& req) -> result {
            return show(d, req, server::path_id(req, "id"), {});
        },
        organiser);
    add("invitations/confirm", confirm_invite);
    add("invitations/change", change_invite);
    add("invitations", invite);
    add("messages/confirm", confirm_message);
    add("messages/change", change_message);
    add("messages", send_message);
}

}  // namespace samverkan::invitations

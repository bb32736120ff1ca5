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
#include <charconv>
#include <set>

namespace samverkan::invitations {

namespace json = boost::json;

namespace {

using core::trim;

struct page_deps {
    invitation_service* service;
    organisations::organisation_service* organisations;
    mail::mail_service* mail;
    core::page_renderer const* pages;
};

using result = asio::awaitable<server::response>;

// One extra recipient per line: "Namn <adress>", "Namn;adress" or just the address.
std::vector<recipient> read_extra(std::string_view text, std::vector<std::string>& problems) {
    std::vector<recipient> out;
    std::size_t line_no = 0;
    for (std::size_t start = 0; start <= text.size(); ++line_no) {
        auto end = text.find('\n', start);
        if (end == std::string_view::npos) end = text.size();
        auto const line = trim(text.substr(start, end - start));
        start = end + 1;
        if (line.empty()) continue;
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
            problems.push_back("Rad " + std::to_string(line_no + 1) + ": " + line);
        else
            out.push_back({0, {}, email, name});
    }
    return out;
}

json::object status_data(invitation_status const& s) {
    json::array rows;
    for (auto const& i : s.invitations)
        rows.push_back(json::object{{"organisation_name", i.organisation_name},
                                    {"name", i.name},
                                    {"email", i.email},
                                    {"status", i.status == "sent"     ? "skickad"
                                               : i.status == "failed" ? "misslyckad"
                                                                      : "i kö"},
                                    {"last_error", i.last_error}});
    return {{"queued", s.queued},
            {"sent", s.sent},
            {"failed", s.failed},
            {"invitations", std::move(rows)},
            {"has_invitations", !s.invitations.empty()}};
}

// The register as checkboxes; organisations nobody can be invited at are shown, disabled.
json::array options_data(std::vector<organisation_option> const& options,
                         json::object const& kept) {
    std::set<long long> ticked;
    if (auto const* ids = kept.if_contains("ticked"))
        for (auto const& v : ids->as_array()) ticked.insert(v.as_int64());
    json::array out;
    for (auto const& o : options) {
        auto meta = o.contacts == 0 ? std::string{"kan inte väljas: ingen kontaktperson med e-post"}
                    : o.contacts == 1 ? std::string{"1 kontakt med e-post"}
                                      : std::to_string(o.contacts) + " kontakter med e-post";
        if (!o.place.empty()) meta = o.place + " · " + meta;
        out.push_back(json::object{{"id", o.id},
                                   {"name", o.name},
                                   {"meta", std::move(meta)},
                                   {"reachable", o.contacts > 0},
                                   {"checked", ticked.contains(o.id)}});
    }
    return out;
}

result show(page_deps d, server::request& req, long long id, json::object kept,
            unsigned status = 200) {
    auto const s = co_await d.service->status(id);
    auto const options = co_await organisation_options(*d.organisations);
    auto data = auth::staff_page_data(req, "Inbjudningar och meddelanden – Samverkan");
    for (auto& [key, value] : status_data(s)) data[key] = value;
    for (auto const key : {"queued_now", "unsubscribed", "already", "message_queued"})
        if (auto const v = req.query_param(key)) data[key] = std::string{*v};
    data["event_id"] = id;
    data["organisations"] = options_data(options, kept);
    data["organisation_count"] = options.size();
    data["has_organisations"] = !options.empty();
    if (!kept.contains("audience")) data["audience_all"] = true;
    for (auto& [key, value] : kept) data[key] = value;
    auto res = server::html_response(status, d.pages->render_page("invitations", data));
    res.set(http::field::cache_control, "no-store");
    co_return res;
}

// The invitation form as read, with what is wrong with it (field id → Swedish message).
struct invite_form {
    std::string choice;  ///< all | agreement_members | selected | none (extra recipients only)
    std::vector<long long> ticked;
    invitation_request request;
    std::vector<std::pair<std::string, std::string>> problems;
};

std::vector<long long> read_ids(std::vector<std::string_view> const& values, bool& bad) {
    std::vector<long long> out;
    for (auto const v : values) {
        long long id = 0;
        auto const [end, ec] = std::from_chars(v.data(), v.data() + v.size(), id);
        if (ec != std::errc{} || end != v.data() + v.size() || id < 1)
            bad = true;
        else if (std::find(out.begin(), out.end(), id) == out.end())
            out.push_back(id);
    }
    return out;
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
    std::vector<std::string> lines;
    f.request.extra_recipients = read_extra(form.value("extra"), lines);
    for (auto const& l : lines) f.problems.emplace_back("extra", "Adressen kunde inte läsas: " + l);
    if (bad_id)
        f.problems.emplace_back("organisations",
                                "Valet av organisationer gick inte att läsa. "
                                "Ladda om sidan och välj igen.");
    if (f.choice != "selected" && !f.ticked.empty())
        f.problems.emplace_back("audience-selected",
                                "Du har kryssat i organisationer men valt en annan mottagargrupp. "
                                "Välj ”Utvalda organisationer” eller ta bort kryssen.");
    bool const no_extra = f.request.extra_recipients.empty() && lines.empty();
    if (f.choice == "selected" && f.ticked.empty() && no_extra && !bad_id)
        f.problems.emplace_back("organisations",
                                "Kryssa i minst en organisation i listan, "
                                "eller skriv in extra mottagare.");
    if (f.choice == "none" && no_extra)
        f.problems.emplace_back("extra",
                                "Skriv in minst en extra mottagare, "
                                "eller välj en annan mottagargrupp.");
    return f;
}

// The ticked organisations against the register: unknown ones (removed meanwhile, or a
// forged form) and ones without any contact are refused by name.
void check_ticked(invite_form& f, std::vector<organisation_option> const& options) {
    for (auto const id : unknown_ids(options, f.ticked))
        f.problems.emplace_back("organisations",
                                "En vald organisation (id " + std::to_string(id) +
                                    ") finns inte i registret, den kan ha tagits bort. "
                                    "Välj igen i listan.");
    for (auto const& o : options)
        if (o.contacts == 0 && std::find(f.ticked.begin(), f.ticked.end(), o.id) != f.ticked.end())
            f.problems.emplace_back("organisations", o.name +
                                                         " har ingen kontaktperson med "
                                                         "e-postadress och kan inte bjudas in.");
}

json::object kept_choices(invite_form const& f, std::string const& extra, bool resend) {
    json::array errors;
    for (auto const& [field, message] : f.problems)
        errors.push_back(json::object{{"field", field}, {"message", message}});
    json::array ticked;
    for (auto const id : f.ticked) ticked.push_back(id);
    return {{"invite_errors", std::move(errors)},
            {"has_invite_errors", true},
            {"audience", f.choice},
            {"audience_" + f.choice, true},
            {"ticked", std::move(ticked)},
            {"picker_open", f.choice == "selected" || !f.ticked.empty()},
            {"extra", extra},
            {"resend", resend}};
}

result invite(page_deps d, server::request& req) {
    auto const id = server::path_id(req, "id");
    auto const form = core::form_input::from_request(req);
    auto f = read_invite_form(form);
    if (f.choice == "selected" && !f.ticked.empty()) {
        auto const options = co_await organisation_options(*d.organisations);
        check_ticked(f, options);
    }
    if (!f.problems.empty()) {
        // Named, not a braced temporary in the co_await (g++ 12 destroys those twice).
        auto kept = kept_choices(f, form.value("extra"), f.request.resend);
        co_return co_await show(d, req, id, std::move(kept), 422);
    }
    actor const who{auth::current_user(req).user_id, req.client_address};
    auto const s = co_await d.service->invite(id, std::move(f.request), who);
    co_return server::redirect_response("/staff/events/" + std::to_string(id) +
                                        "/invitations?queued_now=" + std::to_string(s.queued) +
                                        "&unsubscribed=" + std::to_string(s.skipped_unsubscribed) +
                                        "&already=" + std::to_string(s.skipped_already_invited));
}

result message(page_deps d, server::request& req) {
    auto const id = server::path_id(req, "id");
    auto const form = core::form_input::from_request(req);
    message_request m{trim(form.value("subject")), form.value("body"), {}};
    for (auto const s : form.get_all("statuses"))
        if (s == "confirmed" || s == "waitlisted" || s == "attended" || s == "no_show")
            m.statuses.emplace_back(s);
    json::object kept{{"subject", m.subject}, {"body", m.body}};
    for (auto const& s : m.statuses) kept["status_" + s] = true;
    bool const bad = m.subject.empty() || m.subject.size() > 600 ||
                     !core::clean_text(m.subject, false) || m.body.empty() ||
                     core::utf8_length(m.body) > 5000 || !core::clean_text(m.body, true) ||
                     m.statuses.empty();
    if (bad) {
        kept["message_error"] = "Skriv ett ämne (en rad), en text och välj minst en grupp.";
        co_return co_await show(d, req, id, std::move(kept), 422);
    }
    if (form.value("action") == "send") {
        actor const who{auth::current_user(req).user_id, req.client_address};
        auto const n = co_await d.service->send_message(id, m, who);
        co_return server::redirect_response("/staff/events/" + std::to_string(id) +
                                            "/invitations?message_queued=" + std::to_string(n));
    }
    auto const n = co_await d.service->count_recipients(id, m);
    auto const overrides = json::serialize(json::object{{"subject", m.subject}, {"body", m.body}});
    std::string const name = "message";
    std::string const language = "sv";
    auto const r = co_await d.mail->preview(name, language, id, overrides);
    kept["preview"] = true;
    kept["recipients"] = n;
    if (r) {
        kept["preview_subject"] = r->subject;
        kept["preview_html"] = r->html;
    }
    co_return co_await show(d, req, id, std::move(kept));
}

}  // namespace

void register_invitation_pages(server::router& routes, invitation_service& service,
                               organisations::organisation_service& organisations,
                               mail::mail_service& mail, auth::auth_service& auth,
                               core::page_renderer const& pages) {
    page_deps const d{&service, &organisations, &mail, &pages};
    auto const organiser = auth::require(auth, auth::role::organiser);
    routes.add(
        http::verb::get, "/staff/events/{id}/invitations",
        [d](server::request& req) -> result {
            return show(d, req, server::path_id(req, "id"), {});
        },
        organiser);
    routes.add(
        http::verb::post, "/staff/events/{id}/invitations",
        [d](server::request& req) -> result { return invite(d, req); }, organiser);
    routes.add(
        http::verb::post, "/staff/events/{id}/messages",
        [d](server::request& req) -> result { return message(d, req); }, organiser);
}

}  // namespace samverkan::invitations

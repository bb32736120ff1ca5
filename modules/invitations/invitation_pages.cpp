#include "modules/invitations/invitation_pages.hpp"

#include "modules/auth/auth.hpp"
#include "modules/core/form_input.hpp"
#include "modules/core/json_input.hpp"
#include "modules/core/pages.hpp"
#include "modules/invitations/invitation_service.hpp"
#include "modules/mail/mail_service.hpp"
#include "server/api_error.hpp"
#include "server/response.hpp"
#include "server/router.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include <algorithm>

namespace samverkan::invitations {

namespace json = boost::json;

namespace {

struct page_deps {
    invitation_service* service;
    mail::mail_service* mail;
    core::page_renderer const* pages;
};

using result = asio::awaitable<server::response>;

std::string trim(std::string_view text) {
    auto const first = text.find_first_not_of(" \t\r");
    if (first == std::string_view::npos) return {};
    return std::string{text.substr(first, text.find_last_not_of(" \t\r") - first + 1)};
}

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

result show(page_deps d, server::request& req, long long id, json::object extra,
            unsigned status = 200) {
    auto const s = co_await d.service->status(id);
    auto data = auth::staff_page_data(req, "Inbjudningar och meddelanden – Samverkan");
    for (auto& [key, value] : status_data(s)) data[key] = value;
    for (auto const key : {"queued_now", "unsubscribed", "already", "message_queued"})
        if (auto const v = req.query_param(key)) data[key] = std::string{*v};
    data["event_id"] = id;
    for (auto& [key, value] : extra) data[key] = value;
    auto res = server::html_response(status, d.pages->render_page("invitations", data));
    res.set(http::field::cache_control, "no-store");
    co_return res;
}

result invite(page_deps d, server::request& req) {
    auto const id = server::path_id(req, "id");
    auto const form = core::form_input::from_request(req);
    std::vector<std::string> problems;
    invitation_request request;
    request.audience = form.value("audience") == "agreement_members" ? "agreement_members"
                       : form.value("audience") == "none"            ? "selected"
                                                                     : "all";
    request.resend = form.value("resend") == "on";
    request.extra_recipients = read_extra(form.value("extra"), problems);
    if (!problems.empty()) {
        json::array list;
        for (auto const& p : problems) list.push_back(json::value(p));
        // Named, not a braced temporary in the co_await (g++ 12 destroys those twice).
        json::object extra{{"invite_errors", std::move(list)}, {"extra", form.value("extra")}};
        co_return co_await show(d, req, id, std::move(extra), 422);
    }
    actor const who{auth::current_user(req).user_id, req.client_address};
    auto const s = co_await d.service->invite(id, std::move(request), who);
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
                               mail::mail_service& mail, auth::auth_service& auth,
                               core::page_renderer const& pages) {
    page_deps const d{&service, &mail, &pages};
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

#include "modules/auth/auth_pages.hpp"

#include "modules/auth/admin_user_pages.hpp"
#include "modules/auth/auth_http.hpp"
#include "modules/auth/auth_page_support.hpp"
#include "modules/auth/auth_service.hpp"
#include "modules/core/form_input.hpp"
#include "modules/core/pages.hpp"
#include "server/response.hpp"
#include "server/router.hpp"

#include <boost/json/array.hpp>

#include <memory>

namespace samverkan::auth {

using server::api_error;
using server::error_kind;
namespace json = boost::json;

namespace {

server::response redirect_with_session(std::string_view location, session_grant const& grant,
                                       auth_settings const& s) {
    auto res = server::redirect_response(location);
    res.set(http::field::set_cookie, session_cookie(grant.token, s));
    return res;
}

// The login page with the error of a refused login (401 wrong, 429 throttled).
server::response refused_login(core::page_renderer const& pages, json::object data,
                               api_error const& e) {
    if (e.kind() == error_kind::rate_limited) {
        std::string wait = "60";
        for (auto const& [name, value] : e.headers())
            if (name == "Retry-After") wait = value;
        long long const minutes = (std::stoll(wait) + 59) / 60;
        data["error"] = "För många misslyckade inloggningar. Vänta " + std::to_string(minutes) +
                        (minutes == 1 ? " minut" : " minuter") + " och försök igen.";
        auto res = page(pages, 429, "auth_login", data);
        res.set(http::field::retry_after, wait);
        return res;
    }
    data["error"] = "Fel e-postadress eller lösenord. Kontrollera stavningen och försök igen.";
    return page(pages, 401, "auth_login", data);
}

asio::awaitable<server::response> post_login(auth_service& auth, core::page_renderer const& pages,
                                             server::request& req) {
    auto const form = core::form_input::from_request(req);
    auto email = form.value("email");
    auto password = form.value("password");
    json::object data{{"title", "Logga in – Samverkan"},
                      {"email", email},
                      {"next", safe_next(form.value("next"))}};
    if (email.empty()) data["email_error"] = "Fyll i din e-postadress.";
    if (password.empty()) data["password_error"] = "Fyll i ditt lösenord.";
    if (email.empty() || password.empty()) {
        data["error"] = "Fyll i både e-postadress och lösenord.";
        co_return page(pages, 422, "auth_login", data);
    }
    std::optional<session_grant> grant;
    std::optional<api_error> refused;
    try {
        grant = co_await auth.login(std::move(email), std::move(password), req.client_address);
    } catch (api_error const& e) {
        if (e.kind() != error_kind::unauthenticated && e.kind() != error_kind::rate_limited) throw;
        refused = e;
    }
    if (refused) co_return refused_login(pages, std::move(data), *refused);
    co_return redirect_with_session(data["next"].as_string(), *grant, auth.settings());
}

void add_login_pages(server::router& routes, auth_service& auth, core::page_renderer const& pages) {
    routes.add(http::verb::get, "/login",
               [&pages](server::request& req) -> asio::awaitable<server::response> {
                   json::object data{{"title", "Logga in – Samverkan"},
                                     {"next", safe_next(req.query_param("next").value_or(""))}};
                   if (req.query_param("logged_out")) data["notice"] = "Du är utloggad.";
                   co_return page(pages, 200, "auth_login", data);
               });
    routes.add(http::verb::post, "/login",
               [&auth, &pages](server::request& req) -> asio::awaitable<server::response> {
                   co_return co_await post_login(auth, pages, req);
               });
    routes.add(
        http::verb::get, "/logout",
        [&pages](server::request& req) -> asio::awaitable<server::response> {
            co_return page(pages, 200, "auth_logout", staff_page_data(req, "Logga ut"));
        },
        require(auth, role::steering));
    routes.add(
        http::verb::post, "/logout",
        [&auth](server::request& req) -> asio::awaitable<server::response> {
            auto const& who = current_user(req);
            auto const token = session_token(req).value_or("");
            actor const by{who.user_id, req.client_address};
            co_await auth.logout(token, by);
            auto res = server::redirect_response("/login?logged_out=1");
            res.set(http::field::set_cookie, cleared_session_cookie(auth.settings()));
            co_return res;
        },
        require(auth, role::steering));
}

void add_staff_page(server::router& routes, auth_service& auth, core::page_renderer const& pages,
                    std::vector<staff_link> links) {
    links.push_back({"/admin/users", "Användare och roller", role::admin});
    links.push_back({"/admin/audit", "Granskningslogg", role::admin});
    links.push_back({"/account/password", "Byt ditt lösenord", role::steering});
    auto shared = std::make_shared<std::vector<staff_link> const>(std::move(links));
    routes.add(
        http::verb::get, "/staff",
        [&pages, shared](server::request& req) -> asio::awaitable<server::response> {
            auto const& who = current_user(req);
            auto data = staff_page_data(req, "Personalsidan – Samverkan");
            json::array items;
            for (auto const& link : *shared)
                if (static_cast<int>(who.role) >= static_cast<int>(link.least))
                    items.push_back(json::object{{"href", link.href}, {"label", link.label}});
            data["links"] = std::move(items);
            if (req.query_param("done") == "password")
                data["notice"] = "Ditt lösenord är bytt. Dina andra inloggningar är utloggade.";
            co_return page(pages, 200, "auth_staff", data);
        },
        require(auth, role::steering));
}

asio::awaitable<server::response> post_password(auth_service& auth,
                                                core::page_renderer const& pages,
                                                server::request& req) {
    auto const form = core::form_input::from_request(req);
    auto const& who = current_user(req);
    auto current = form.value("current_password");
    auto replacement = form.value("new_password");
    std::vector<field_problem> problems;
    if (current.empty()) problems.push_back({"current_password", problem::required});
    if (auto const p = check_password(replacement, who.email))
        problems.push_back({"new_password", *p});
    if (form.value("new_password_repeat") != replacement)
        problems.push_back({"new_password_repeat", problem::passwords_differ});
    std::optional<session_grant> grant;
    if (problems.empty()) {
        try {
            grant = co_await auth.change_password(who, std::move(current), std::move(replacement),
                                                  req.client_address);
        } catch (invalid_input const& e) {
            problems = e.problems();
        }
    }
    if (grant) co_return redirect_with_session("/staff?done=password", *grant, auth.settings());
    auto data = staff_page_data(req, "Byt lösenord – Samverkan");
    add_problems(data, problems);
    co_return page(pages, 422, "auth_password", data);
}

void add_password_pages(server::router& routes, auth_service& auth,
                        core::page_renderer const& pages) {
    routes.add(
        http::verb::get, "/account/password",
        [&pages](server::request& req) -> asio::awaitable<server::response> {
            co_return page(pages, 200, "auth_password",
                           staff_page_data(req, "Byt lösenord – Samverkan"));
        },
        require(auth, role::steering));
    routes.add(
        http::verb::post, "/account/password",
        [&auth, &pages](server::request& req) -> asio::awaitable<server::response> {
            co_return co_await post_password(auth, pages, req);
        },
        require(auth, role::steering));
}

}  // namespace

void register_auth_pages(server::router& routes, auth_service& auth,
                         core::page_renderer const& pages, std::vector<staff_link> links) {
    add_login_pages(routes, auth, pages);
    add_staff_page(routes, auth, pages, std::move(links));
    add_password_pages(routes, auth, pages);
    register_admin_user_pages(routes, auth, pages);
}

}  // namespace samverkan::auth

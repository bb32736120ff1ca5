#include "modules/auth/auth_pages.hpp"

#include "modules/auth/admin_user_pages.hpp"
#include "modules/auth/auth_http.hpp"
#include "modules/auth/auth_input.hpp"
#include "modules/auth/auth_page_support.hpp"
#include "modules/auth/auth_service.hpp"
#include "modules/core/field_reader.hpp"
#include "modules/core/form_input.hpp"
#include "modules/core/pages.hpp"
#include "server/response.hpp"
#include "server/router.hpp"

#include <boost/json/array.hpp>

#include <memory>

namespace samverkan::auth {

using server::api_error;
using server::error_kind;
using server::message;
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
    auto const w = staff_words(pages);
    if (e.kind() == error_kind::rate_limited) {
        std::string wait = "60";
        for (auto const& [name, value] : e.headers())
            if (name == "Retry-After") wait = value;
        long long const minutes = (std::stoll(wait) + 59) / 60;
        data["error"] = w("login.throttled_wait", {{"wait", w.counted("login.minutes", minutes)}});
        auto res = page(pages, 429, "auth_login", data);
        res.set(http::field::retry_after, wait);
        return res;
    }
    data["error"] = w.say(e.text());
    return page(pages, 401, "auth_login", data);
}

asio::awaitable<server::response> post_login(auth_service& auth, core::page_renderer const& pages,
                                             server::request& req) {
    auto const w = staff_words(pages);
    auto const form = core::form_input::from_request(req);
    server::field_errors errors;
    core::field_reader in{form, errors};
    auto given = read_login(in);
    json::object data{{"title", w("login.title")},
                      {"email", given.email},
                      {"next", safe_next(form.value("next"))}};
    if (!errors.empty()) {
        add_field_errors(data, errors, w, {"email", "password"});
        data["error"] = w("login.fill_both");
        co_return page(pages, 422, "auth_login", data);
    }
    std::optional<session_grant> grant;
    std::optional<api_error> refused;
    try {
        grant = co_await auth.login(std::move(given.email), std::move(given.password),
                                    req.client_address);
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
                   auto const w = staff_words(pages);
                   json::object data{{"title", w("login.title")},
                                     {"next", safe_next(req.query_param("next").value_or(""))}};
                   if (req.query_param("logged_out")) data["notice"] = w("login.logged_out");
                   co_return page(pages, 200, "auth_login", data);
               });
    routes.add(http::verb::post, "/login",
               [&auth, &pages](server::request& req) -> asio::awaitable<server::response> {
                   co_return co_await post_login(auth, pages, req);
               });
    routes.add(
        http::verb::get, "/logout",
        [&pages](server::request& req) -> asio::awaitable<server::response> {
            auto const data = staff_page_data(req, staff_words(pages)("login.logout_title"));
            co_return page(pages, 200, "auth_logout", data);
        },
        require(auth, role::steering));
    routes.add(
        http::verb::post, "/logout",
        [&auth](server::request& req) -> asio::awaitable<server::response> {
            auto const token = session_token(req, auth.settings()).value_or("");
            auto const by = core::actor_of(req);
            co_await auth.logout(token, by);
            auto res = server::redirect_response("/login?logged_out=1");
            res.set(http::field::set_cookie, cleared_session_cookie(auth.settings()));
            co_return res;
        },
        require(auth, role::steering));
}

void add_staff_page(server::router& routes, auth_service& auth, core::page_renderer const& pages,
                    std::vector<staff_link> links) {
    links.push_back({"/admin/users", message::of("staff_home.link.users"), role::admin});
    links.push_back({"/admin/audit", message::of("staff_home.link.audit"), role::admin});
    links.push_back({"/account/password", message::of("staff_home.link.password"), role::steering});
    auto shared = std::make_shared<std::vector<staff_link> const>(std::move(links));
    routes.add(
        http::verb::get, "/staff",
        [&pages, shared](server::request& req) -> asio::awaitable<server::response> {
            auto const w = staff_words(pages);
            auto const& who = current_user(req);
            auto data = staff_page_data(req, w("staff_home.title"));
            json::array items;
            for (auto const& link : *shared)
                if (static_cast<int>(who.role) >= static_cast<int>(link.least))
                    items.push_back(
                        json::object{{"href", link.href}, {"label", w.say(link.label)}});
            data["links"] = std::move(items);
            if (req.query_param("done") == "password")
                data["notice"] = w("staff_home.password_changed");
            co_return page(pages, 200, "auth_staff", data);
        },
        require(auth, role::steering));
}

asio::awaitable<server::response> post_password(auth_service& auth,
                                                core::page_renderer const& pages,
                                                server::request& req) {
    auto const form = core::form_input::from_request(req);
    server::field_errors errors;
    core::field_reader in{form, errors};
    auto given = read_password_change(in);
    std::optional<session_grant> grant;
    try {
        grant = co_await auth.change_password(current_user(req), std::move(given), errors,
                                              req.client_address);
    } catch (api_error const& e) {
        errors = invalid_fields(e);
    }
    if (grant) co_return redirect_with_session("/staff?done=password", *grant, auth.settings());
    auto const w = staff_words(pages);
    auto data = staff_page_data(req, w("password.change_title"));
    add_field_errors(data, errors, w, {"current_password", "new_password", "new_password_repeat"});
    co_return page(pages, 422, "auth_password", data);
}

void add_password_pages(server::router& routes, auth_service& auth,
                        core::page_renderer const& pages) {
    routes.add(
        http::verb::get, "/account/password",
        [&pages](server::request& req) -> asio::awaitable<server::response> {
            auto const data = staff_page_data(req, staff_words(pages)("password.change_title"));
            co_return page(pages, 200, "auth_password", data);
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

#include "modules/auth/auth_routes.hpp"

#include "modules/auth/auth_http.hpp"
#include "modules/auth/auth_input.hpp"
#include "modules/auth/auth_service.hpp"
#include "modules/core/json_input.hpp"
#include "modules/core/time.hpp"
#include "server/response.hpp"
#include "server/router.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

namespace samverkan::auth {

using core::actor_of;
namespace json = boost::json;

namespace {

json::object identity_json(identity const& who) {
    return {{"id", who.user_id},
            {"email", who.email},
            {"name", who.name},
            {"role", to_string(who.role)}};
}

json::object user_json(user const& u) {
    return {{"id", u.id},
            {"email", u.email},
            {"name", u.name},
            {"role", to_string(u.role)},
            {"active", u.active},
            {"created_at", core::to_rfc3339(core::from_epoch(u.created_at))},
            {"password_changed_at", core::to_rfc3339(core::from_epoch(u.password_changed_at))}};
}

server::response session_response(session_grant const& grant, auth_settings const& s) {
    auto res = server::json_response(200, json::object{{"user", identity_json(grant.who)},
                                                       {"csrf_token", grant.who.csrf_token}});
    res.set(http::field::set_cookie, session_cookie(grant.token, s));
    res.set(http::field::cache_control, "no-store");
    return res;
}

void add_session_routes(server::router& routes, auth_service& auth) {
    routes.add(http::verb::post, "/api/v1/auth/login",
               [&auth](server::request& req) -> asio::awaitable<server::response> {
                   auto const body = core::parse_json_object(req);
                   server::field_errors errors;
                   core::field_reader in{body, errors};
                   auto given = read_login(in);
                   core::throw_if_invalid(errors);
                   auto const grant = co_await auth.login(
                       std::move(given.email), std::move(given.password), req.client_address);
                   co_return session_response(grant, auth.settings());
               });
    routes.add(
        http::verb::post, "/api/v1/auth/logout",
        [&auth](server::request& req) -> asio::awaitable<server::response> {
            auto const token = session_token(req, auth.settings()).value_or("");
            auto const by = actor_of(req);
            co_await auth.logout(token, by);
            auto res = server::empty_response(204);
            res.set(http::field::set_cookie, cleared_session_cookie(auth.settings()));
            co_return res;
        },
        require(auth, role::steering));
    routes.add(
        http::verb::get, "/api/v1/auth/me",
        [](server::request& req) -> asio::awaitable<server::response> {
            auto const& who = current_user(req);
            auto res = server::json_response(
                200, json::object{{"user", identity_json(who)}, {"csrf_token", who.csrf_token}});
            res.set(http::field::cache_control, "no-store");
            co_return res;
        },
        require(auth, role::steering));
    routes.add(
        http::verb::post, "/api/v1/auth/password",
        [&auth](server::request& req) -> asio::awaitable<server::response> {
            auto const body = core::parse_json_object(req);
            server::field_errors errors;
            core::field_reader in{body, errors};
            auto given = read_password_change(in);
            auto const grant = co_await auth.change_password(current_user(req), std::move(given),
                                                             std::move(errors), req.client_address);
            co_return session_response(grant, auth.settings());
        },
        require(auth, role::steering));
}

void add_user_routes(server::router& routes, auth_service& auth) {
    routes.add(
        http::verb::get, "/api/v1/users",
        [&auth](server::request& req) -> asio::awaitable<server::response> {
            json::array items;
            // Named locals around co_await: g++ 12 mishandles temporaries with destructors
            // in a co_await expression (and in a range-for header).
            auto const viewer = actor_of(req);
            auto const users = co_await auth.list_users(viewer);
            for (auto const& u : users) {
                auto item = user_json(u);
                item["failed_logins_last_hour"] = u.failures_last_hour;
                item["login_slowed"] = login_slowed(auth.settings(), u);
                items.push_back(std::move(item));
            }
            auto res = server::json_response(200, json::object{{"users", std::move(items)}});
            res.set(http::field::cache_control, "no-store");
            co_return res;
        },
        require(auth, role::admin));
    routes.add(
        http::verb::post, "/api/v1/users",
        [&auth](server::request& req) -> asio::awaitable<server::response> {
            auto const body = core::parse_json_object(req);
            server::field_errors errors;
            core::field_reader in{body, errors};
            auto u = read_new_user(in);
            core::throw_if_invalid(errors);
            auto const by = actor_of(req);
            auto const created = co_await auth.add_user(std::move(u), by);
            co_return server::json_response(201, user_json(created));
        },
        require(auth, role::admin));
}

// POST /api/v1/users/{id}/<action>: switching an account off or on, answered with the user.
using account_switch = asio::awaitable<user> (auth_service::*)(long long, actor);

void add_account_switch(server::router& routes, auth_service& auth, std::string const& action,
                        account_switch apply) {
    routes.add(
        http::verb::post, "/api/v1/users/{id}/" + action,
        [&auth, apply](server::request& req) -> asio::awaitable<server::response> {
            auto const id = server::path_id(req, "id");
            auto const by = actor_of(req);
            auto const u = co_await (auth.*apply)(id, by);
            co_return server::json_response(200, user_json(u));
        },
        require(auth, role::admin));
}

// What an admin does to an existing account: switch it off or on, set a new password.
void add_account_routes(server::router& routes, auth_service& auth) {
    add_account_switch(routes, auth, "deactivate", &auth_service::deactivate_user);
    add_account_switch(routes, auth, "reactivate", &auth_service::reactivate_user);
    routes.add(
        http::verb::post, "/api/v1/users/{id}/password",
        [&auth](server::request& req) -> asio::awaitable<server::response> {
            auto const id = server::path_id(req, "id");
            auto const body = core::parse_json_object(req);
            auto const by = actor_of(req);
            server::field_errors errors;
            core::field_reader in{body, errors};
            auto replacement = read_new_password(in);
            auto const u =
                co_await auth.reset_password(id, std::move(replacement), std::move(errors), by);
            co_return server::json_response(200, user_json(u));
        },
        require(auth, role::admin));
}

}  // namespace

void register_auth_routes(server::router& routes, auth_service& auth) {
    add_session_routes(routes, auth);
    add_user_routes(routes, auth);
    add_account_routes(routes, auth);
}

}  // namespace samverkan::auth

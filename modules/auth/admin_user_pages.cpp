#include "modules/auth/admin_user_pages.hpp"

#include "modules/auth/auth_input.hpp"
#include "modules/auth/auth_page_support.hpp"
#include "modules/auth/auth_service.hpp"
#include "modules/core/field_reader.hpp"
#include "modules/core/form_input.hpp"
#include "modules/core/pages.hpp"
#include "server/response.hpp"
#include "server/router.hpp"

#include <boost/json/array.hpp>

#include <algorithm>

namespace samverkan::auth {

using core::actor_of;
using server::api_error;
using server::error_kind;
namespace json = boost::json;

namespace {

// The name of a role on the pages (staff.msg) and what it may do (auth.msg).
std::string role_label(role r, core::wording const& w) {
    return w(std::string{"staff.role."} + to_string(r));
}

json::array role_items(std::string_view chosen, core::wording const& w) {
    json::array out;
    for (auto const r : {role::steering, role::organiser, role::admin})
        out.push_back(json::object{{"value", to_string(r)},
                                   {"label", role_label(r, w)},
                                   {"hint", w(std::string{"accounts.role_hint."} + to_string(r))},
                                   {"checked", chosen == to_string(r)}});
    return out;
}

// The users page: the list, the add form (with `form` values kept after an error).
asio::awaitable<json::object> users_page_data(auth_service& auth, core::page_renderer const& pages,
                                              server::request const& req, json::object form) {
    auto const& who = current_user(req);
    auto const w = staff_words(pages);
    auto data = staff_page_data(req, w("accounts.title"));
    json::array items;
    // Arguments and results of co_await are named locals: g++ 12 mishandles temporaries
    // with destructors in a co_await expression (and in a range-for header).
    auto const viewer = actor_of(req);
    auto const users = co_await auth.list_users(viewer);
    for (auto const& u : users)
        items.push_back(json::object{{"id", u.id},
                                     {"name", u.name},
                                     {"email", u.email},
                                     {"role_label", role_label(u.role, w)},
                                     {"active", u.active},
                                     {"failures_last_hour", u.failures_last_hour},
                                     {"login_slowed", login_slowed(auth.settings(), u)},
                                     {"can_deactivate", u.active && u.id != who.user_id},
                                     {"can_reactivate", !u.active},
                                     {"can_reset", u.active && u.id != who.user_id}});
    bool const any_slowed = std::any_of(users.begin(), users.end(), [&auth](user const& u) {
        return login_slowed(auth.settings(), u);
    });
    data["users"] = std::move(items);
    data["any_login_slowed"] = any_slowed;
    data["login_ceiling"] = auth.settings().account_ceiling;
    std::string const chosen = form.contains("role") ? std::string{form["role"].as_string()} : "";
    data["roles"] = role_items(chosen, w);
    data["form"] = std::move(form);
    co_return data;
}

// The notice after a change (?done=added …); nullopt for no or an unknown change.
std::optional<std::string> notice_for(std::optional<std::string_view> done,
                                      core::wording const& w) {
    for (std::string_view const change : {"added", "deactivated", "reactivated", "password"})
        if (done == change) return w("accounts.done." + std::string{change});
    return std::nullopt;
}

asio::awaitable<server::response> post_user(auth_service& auth, core::page_renderer const& pages,
                                            server::request& req) {
    auto const form = core::form_input::from_request(req);
    server::field_errors errors;  // a form's values are all text: the rules find the problems
    core::field_reader in{form, errors};
    auto u = read_new_user(in);
    json::object kept{{"email", u.email}, {"name", u.name}, {"role", u.role}};
    auto const by = actor_of(req);
    unsigned status = 422;
    try {
        co_await auth.add_user(std::move(u), by);
    } catch (api_error const& e) {
        if (e.kind() == error_kind::conflict) {
            errors.emplace("email", e.text());  // the address is taken
            status = 409;
        } else {
            errors = invalid_fields(e);
        }
    }
    if (errors.empty()) co_return server::redirect_response("/admin/users?done=added");
    auto data = co_await users_page_data(auth, pages, req, std::move(kept));
    add_field_errors(data, errors, staff_words(pages), {"email", "name", "role", "password"});
    co_return page(pages, status, "admin_users", data);
}

asio::awaitable<server::response> post_deactivate(auth_service& auth,
                                                  core::page_renderer const& pages,
                                                  server::request& req) {
    auto const id = server::path_id(req, "id");
    auto const by = actor_of(req);
    std::optional<server::message> refused;  // one's own account
    try {
        co_await auth.deactivate_user(id, by);
    } catch (api_error const& e) {
        if (e.kind() != error_kind::conflict) throw;
        refused = e.text();
    }
    if (!refused) co_return server::redirect_response("/admin/users?done=deactivated");
    json::object no_form;
    auto data = co_await users_page_data(auth, pages, req, no_form);
    data["page_error"] = staff_words(pages).say(*refused);
    co_return page(pages, 409, "admin_users", data);
}

asio::awaitable<server::response> post_reactivate(auth_service& auth, server::request& req) {
    auto const id = server::path_id(req, "id");
    auto const by = actor_of(req);
    co_await auth.reactivate_user(id, by);
    co_return server::redirect_response("/admin/users?done=reactivated");
}

// The page where an admin sets a new password for someone who forgot theirs.
asio::awaitable<server::response> password_page(auth_service& auth,
                                                core::page_renderer const& pages,
                                                server::request& req, unsigned status,
                                                server::field_errors const& errors) {
    auto const id = server::path_id(req, "id");
    auto const target = co_await auth.get_user(id);
    auto const w = staff_words(pages);
    auto data = staff_page_data(req, w("password.reset_title"));
    data["user"] = json::object{{"id", target.id}, {"name", target.name}, {"email", target.email}};
    add_field_errors(data, errors, w, {"new_password", "new_password_repeat"});
    co_return page(pages, status, "admin_user_password", data);
}

asio::awaitable<server::response> post_password(auth_service& auth,
                                                core::page_renderer const& pages,
                                                server::request& req) {
    auto const id = server::path_id(req, "id");
    auto const form = core::form_input::from_request(req);
    server::field_errors errors;
    core::field_reader in{form, errors};
    auto replacement = read_new_password(in);
    auto const by = actor_of(req);
    bool saved = false;
    try {
        co_await auth.reset_password(id, std::move(replacement), errors, by);
        saved = true;
    } catch (api_error const& e) {
        errors = invalid_fields(e);
    }
    if (saved) co_return server::redirect_response("/admin/users?done=password");
    co_return co_await password_page(auth, pages, req, 422, errors);
}

}  // namespace

void register_admin_user_pages(server::router& routes, auth_service& auth,
                               core::page_renderer const& pages) {
    routes.add(
        http::verb::get, "/admin/users",
        [&auth, &pages](server::request& req) -> asio::awaitable<server::response> {
            json::object no_form;
            auto data = co_await users_page_data(auth, pages, req, no_form);
            if (auto notice = notice_for(req.query_param("done"), staff_words(pages)))
                data["notice"] = std::move(*notice);
            co_return page(pages, 200, "admin_users", data);
        },
        require(auth, role::admin));
    routes.add(
        http::verb::post, "/admin/users",
        [&auth, &pages](server::request& req) -> asio::awaitable<server::response> {
            co_return co_await post_user(auth, pages, req);
        },
        require(auth, role::admin));
    routes.add(
        http::verb::post, "/admin/users/{id}/deactivate",
        [&auth, &pages](server::request& req) -> asio::awaitable<server::response> {
            co_return co_await post_deactivate(auth, pages, req);
        },
        require(auth, role::admin));
    routes.add(
        http::verb::post, "/admin/users/{id}/reactivate",
        [&auth](server::request& req) -> asio::awaitable<server::response> {
            co_return co_await post_reactivate(auth, req);
        },
        require(auth, role::admin));
    routes.add(
        http::verb::get, "/admin/users/{id}/password",
        [&auth, &pages](server::request& req) -> asio::awaitable<server::response> {
            server::field_errors const none;
            co_return co_await password_page(auth, pages, req, 200, none);
        },
        require(auth, role::admin));
    routes.add(
        http::verb::post, "/admin/users/{id}/password",
        [&auth, &pages](server::request& req) -> asio::awaitable<server::response> {
            co_return co_await post_password(auth, pages, req);
        },
        require(auth, role::admin));
}

}  // namespace samverkan::auth

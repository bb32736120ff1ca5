#include "modules/auth/admin_user_pages.hpp"

#include "modules/auth/auth_page_support.hpp"
#include "modules/auth/auth_service.hpp"
#include "modules/core/form_input.hpp"
#include "modules/core/pages.hpp"
#include "server/response.hpp"
#include "server/router.hpp"

#include <boost/json/array.hpp>

#include <algorithm>

namespace samverkan::auth {

using server::api_error;
using server::error_kind;
namespace json = boost::json;

namespace {

struct role_choice {
    role value;
    char const* hint;
};

constexpr role_choice role_choices[] = {
    {role::steering, "ser anmälningar, närvaro och uppföljning"},
    {role::organiser, "skapar träffar, sköter föreningsregistret, bjuder in och checkar in"},
    {role::admin, "allt ovan, och hanterar användare"},
};

json::array role_items(std::string_view chosen) {
    json::array out;
    for (auto const& c : role_choices)
        out.push_back(json::object{{"value", to_string(c.value)},
                                   {"label", role_label(c.value)},
                                   {"hint", c.hint},
                                   {"checked", chosen == to_string(c.value)}});
    return out;
}

// The users page: the list, the add form (with `form` values kept after an error).
asio::awaitable<json::object> users_page_data(auth_service& auth, server::request const& req,
                                              json::object form) {
    auto const& who = current_user(req);
    auto data = staff_page_data(req, "Användare – Samverkan");
    json::array items;
    // Arguments and results of co_await are named locals: g++ 12 mishandles temporaries
    // with destructors in a co_await expression (and in a range-for header).
    actor const viewer{who.user_id, req.client_address};
    auto const users = co_await auth.list_users(viewer);
    for (auto const& u : users)
        items.push_back(json::object{{"id", u.id},
                                     {"name", u.name},
                                     {"email", u.email},
                                     {"role_label", role_label(u.role)},
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
    data["roles"] = role_items(chosen);
    data["form"] = std::move(form);
    co_return data;
}

char const* notice_for(std::optional<std::string_view> done) {
    if (done == "added") return "Användaren är tillagd.";
    if (done == "deactivated") return "Användaren är avstängd och utloggad.";
    if (done == "reactivated") return "Användaren kan logga in igen.";
    if (done == "password") return "Det nya lösenordet gäller. Användaren är utloggad överallt.";
    return nullptr;
}

asio::awaitable<server::response> post_user(auth_service& auth, core::page_renderer const& pages,
                                            server::request& req) {
    auto const form = core::form_input::from_request(req);
    new_user u{.email = form.value("email"),
               .name = form.value("name"),
               .role = form.value("role"),
               .password = form.value("password")};
    json::object kept{{"email", u.email}, {"name", u.name}, {"role", u.role}};
    actor const by{current_user(req).user_id, req.client_address};
    std::vector<field_problem> problems;
    unsigned status = 422;
    try {
        co_await auth.add_user(std::move(u), by);
    } catch (invalid_input const& e) {
        problems = e.problems();
    } catch (api_error const& e) {
        if (e.kind() != error_kind::conflict) throw;
        problems.push_back({"email", problem::email_taken});
        status = 409;
    }
    if (problems.empty()) co_return server::redirect_response("/admin/users?done=added");
    auto data = co_await users_page_data(auth, req, std::move(kept));
    add_problems(data, problems);
    co_return page(pages, status, "admin_users", data);
}

asio::awaitable<server::response> post_deactivate(auth_service& auth,
                                                  core::page_renderer const& pages,
                                                  server::request& req) {
    auto const id = server::path_id(req, "id");
    actor const by{current_user(req).user_id, req.client_address};
    bool refused = false;
    try {
        co_await auth.deactivate_user(id, by);
    } catch (api_error const& e) {
        if (e.kind() != error_kind::conflict) throw;
        refused = true;
    }
    if (!refused) co_return server::redirect_response("/admin/users?done=deactivated");
    json::object no_form;
    auto data = co_await users_page_data(auth, req, no_form);
    data["page_error"] = "Du kan inte stänga av ditt eget konto.";
    co_return page(pages, 409, "admin_users", data);
}

asio::awaitable<server::response> post_reactivate(auth_service& auth, server::request& req) {
    auto const id = server::path_id(req, "id");
    actor const by{current_user(req).user_id, req.client_address};
    co_await auth.reactivate_user(id, by);
    co_return server::redirect_response("/admin/users?done=reactivated");
}

// The page where an admin sets a new password for someone who forgot theirs.
asio::awaitable<server::response> password_page(auth_service& auth,
                                                core::page_renderer const& pages,
                                                server::request& req, unsigned status,
                                                std::vector<field_problem> const& problems) {
    auto const id = server::path_id(req, "id");
    auto const target = co_await auth.get_user(id);
    auto data = staff_page_data(req, "Nytt lösenord – Samverkan");
    data["user"] = json::object{{"id", target.id}, {"name", target.name}, {"email", target.email}};
    add_problems(data, problems);
    co_return page(pages, status, "admin_user_password", data);
}

asio::awaitable<server::response> post_password(auth_service& auth,
                                                core::page_renderer const& pages,
                                                server::request& req) {
    auto const id = server::path_id(req, "id");
    auto const form = core::form_input::from_request(req);
    actor const by{current_user(req).user_id, req.client_address};
    std::vector<field_problem> problems;
    if (form.value("new_password") != form.value("new_password_repeat"))
        problems.push_back({"new_password_repeat", problem::passwords_differ});
    try {
        if (problems.empty()) co_await auth.reset_password(id, form.value("new_password"), by);
    } catch (invalid_input const& e) {
        problems = e.problems();
    }
    if (problems.empty()) co_return server::redirect_response("/admin/users?done=password");
    co_return co_await password_page(auth, pages, req, 422, problems);
}

}  // namespace

void register_admin_user_pages(server::router& routes, auth_service& auth,
                               core::page_renderer const& pages) {
    routes.add(
        http::verb::get, "/admin/users",
        [&auth, &pages](server::request& req) -> asio::awaitable<server::response> {
            json::object no_form;
            auto data = co_await users_page_data(auth, req, no_form);
            if (auto const* notice = notice_for(req.query_param("done"))) data["notice"] = notice;
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
            std::vector<field_problem> const none;
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

#include "modules/core/staff.hpp"

#include "server/api_error.hpp"

#include <boost/json/object.hpp>

namespace samverkan::core {

char const* to_string(role r) {
    switch (r) {
        case role::steering:
            return "steering";
        case role::organiser:
            return "organiser";
        case role::admin:
            return "admin";
    }
    return "steering";
}

std::optional<role> role_from_string(std::string_view text) {
    for (auto r : {role::steering, role::organiser, role::admin})
        if (text == to_string(r)) return r;
    return std::nullopt;
}

staff_identity const& current_user(server::request const& req) {
    auto const* who = std::any_cast<staff_identity>(&req.identity);
    if (who == nullptr)
        throw server::api_error(server::error_kind::internal,
                                server::message::of("error.internal.heading"))
            .with_log_detail("current_user on a route without a staff guard");
    return *who;
}

actor actor_of(server::request const& req) {
    return {current_user(req).user_id, req.client_address};
}

boost::json::object staff_page_data(server::request const& req, std::string_view title) {
    auto const& who = current_user(req);
    return boost::json::object{{"title", title},
                               {"staff", true},
                               {"user_name", who.name},
                               {"role", to_string(who.role)},
                               {"csrf_token", who.csrf_token},
                               {"is_admin", who.role == role::admin},
                               {"is_organiser", who.role >= role::organiser},
                               {"is_organiser_only", who.role == role::organiser},
                               {"is_steering_only", who.role == role::steering}};
}

}  // namespace samverkan::core

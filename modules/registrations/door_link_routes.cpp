#include "modules/registrations/door_link_routes.hpp"

#include "modules/auth/auth.hpp"
#include "modules/core/door_link.hpp"
#include "modules/registrations/staff_registration_service.hpp"
#include "server/api_error.hpp"
#include "server/response.hpp"
#include "server/router.hpp"

#include <boost/url/encode.hpp>
#include <boost/url/rfc/unreserved_chars.hpp>

namespace samverkan::registrations {

namespace {

asio::awaitable<server::response> follow_door_link(staff_registration_service& service,
                                                   server::request& req) {
    std::string code{req.path_param("code").value_or("")};
    std::optional<door_target> target;
    if (core::valid_door_code(code)) target = co_await service.door_target_of(std::move(code));
    if (!target)
        throw server::api_error(server::error_kind::not_found,
                                server::message::of("registration.no_such_registration"));
    // The check-in page's own search and row anchor (registration_staff_pages.cpp): the
    // organiser sees that attendee at once, with the check-in button.
    std::string location = "/staff/events/";
    location.append(std::to_string(target->event_id)).append("/check-in?q=");
    location.append(boost::urls::encode(target->attendee_name, boost::urls::unreserved_chars));
    location.append("#a-").append(std::to_string(target->attendee_id));
    auto res = server::redirect_response(location);
    res.set(http::field::cache_control, "no-store");
    co_return res;
}

}  // namespace

void register_door_link_route(server::router& routes, staff_registration_service& service,
                              auth::auth_service& auth) {
    routes.add(
        http::verb::get, "/staff/door/{code}",
        [&service](server::request& req) { return follow_door_link(service, req); },
        auth::require(auth, auth::role::organiser));
}

}  // namespace samverkan::registrations

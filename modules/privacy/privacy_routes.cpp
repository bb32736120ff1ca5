// The subject-rights API (API.md "Personal data", admin only). Answers hold personal data:
// the router sends them with Cache-Control: no-store, as every staff route.
#include "modules/privacy/privacy_routes.hpp"

#include "modules/core/json_input.hpp"
#include "modules/core/staff.hpp"
#include "modules/privacy/privacy_service.hpp"
#include "server/response.hpp"
#include "server/router.hpp"

#include <boost/json.hpp>

namespace samverkan::privacy {

namespace {

using handler_result = asio::awaitable<server::response>;

handler_result show_subject(privacy_service& service, server::request& req) {
    auto const email = std::string{req.query_param("email").value_or("")};
    co_return server::json_response(200, co_await service.subject(email, core::actor_of(req)));
}

handler_result erase_subject(privacy_service& service, server::request& req) {
    auto const body = core::parse_json_object(req);
    server::field_errors errors;
    core::field_reader in{body, errors};
    auto const email = in.text("email", {.required = true, .max = 254});
    core::throw_if_invalid(errors);
    auto const erased = co_await service.erase(*email, core::actor_of(req));
    co_return server::json_response(200, boost::json::object{{"erased", erase_json(erased)}});
}

}  // namespace

void register_privacy_routes(server::router& routes, privacy_service& service,
                             server::access const& admin) {
    routes.add(
        http::verb::get, "/api/v1/subjects",
        [&service](server::request& req) { return show_subject(service, req); }, admin);
    routes.add(
        http::verb::post, "/api/v1/subjects/erase",
        [&service](server::request& req) { return erase_subject(service, req); }, admin);
}

}  // namespace samverkan::privacy

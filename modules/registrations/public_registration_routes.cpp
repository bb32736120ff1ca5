// POST /api/v1/events/{id}/registrations: the public registration over the API.
#include "modules/core/json_input.hpp"
#include "modules/registrations/public_registration_service.hpp"
#include "modules/registrations/registration_input.hpp"
#include "modules/registrations/registration_routes.hpp"
#include "server/response.hpp"
#include "server/router.hpp"

#include <boost/json.hpp>

#include <algorithm>

namespace samverkan::registrations {

using server::api_error;
using server::error_kind;

namespace {

constexpr std::size_t idempotency_key_max = 200;

/// The Idempotency-Key header: printable ASCII, at most 200 characters; 400 otherwise.
std::optional<std::string> idempotency_key(server::request const& req) {
    auto const key = req.header("Idempotency-Key");
    if (key.empty()) return std::nullopt;
    bool const printable =
        std::all_of(key.begin(), key.end(), [](char c) { return c > 0x20 && c < 0x7F; });
    if (!printable || key.size() > idempotency_key_max)
        throw api_error(error_kind::bad_request,
                        server::message::of("registration.idempotency_key"));
    return std::string{key};
}

asio::awaitable<server::response> create_registration(public_registration_service& service,
                                                      server::request& req) {
    auto const event_id = server::path_id(req, "id");
    auto key = idempotency_key(req);
    auto const body = core::parse_json_object(req);
    server::field_errors errors;
    auto input = validate_registration(raw_from_json(body), errors);
    core::throw_if_invalid(errors);
    std::string client = req.client_address;
    auto receipt = co_await service.register_attendees(event_id, std::move(input), std::move(key),
                                                       std::move(client));
    auto res = server::json_response(201, receipt_json(receipt, service.manage_url(receipt.token)));
    res.set(http::field::cache_control, "no-store");  // the body holds the manage link
    if (receipt.replayed) res.set("Idempotent-Replayed", "true");
    co_return res;
}

}  // namespace

boost::json::object receipt_json(registration_receipt const& r, std::string_view manage_url) {
    boost::json::array attendees;
    for (auto const& a : r.attendees)
        attendees.push_back(
            boost::json::object{{"id", a.id}, {"name", a.name}, {"status", a.status}});
    return boost::json::object{{"id", r.id},
                               {"event_id", r.event_id},
                               {"status", r.status},
                               {"attendees", std::move(attendees)},
                               {"manage_url", manage_url}};
}

void register_public_registration_routes(server::router& routes,
                                         public_registration_service& service) {
    routes.add(http::verb::post, "/api/v1/events/{id}/registrations",
               [&service](server::request& req) { return create_registration(service, req); });
}

}  // namespace samverkan::registrations

#include "modules/registrations/public_registration_service.hpp"

#include "modules/core/database.hpp"
#include "modules/events/event_listing.hpp"
#include "modules/registrations/manage_token.hpp"
#include "modules/registrations/registration_repository.hpp"

namespace samverkan::registrations {

public_registration_service::public_registration_service(db::database& db,
                                                         events::event_listing& listing,
                                                         registration_settings const& settings)
    : db_(db), listing_(listing), settings_(settings) {}

std::string public_registration_service::manage_url(std::string_view token) const {
    return settings_.base_url + "/r/" + std::string{token};
}

asio::awaitable<registration_receipt> public_registration_service::register_attendees(
    long long event_id, registration_input input, std::optional<std::string> idempotency_key,
    std::string client_address) {
    repository::register_call call;
    call.event_id = event_id;
    call.input = &input;
    call.token = new_manage_token();
    call.base_url = settings_.base_url;
    call.idempotency_key = std::move(idempotency_key);
    if (settings_.rate_limit > 0) call.rate_key = "registration:" + client_address;
    call.rate_budget = settings_.rate_limit;
    call.lock = settings_.lock_seats;
    auto result = co_await db_.run(
        [&call](soci::session& sql) { return repository::register_attendees(sql, call); });
    if (!succeeded(result.answer.outcome)) throw refusal(result.answer);
    if (result.answer.outcome == registration_outcome::created) listing_.invalidate();
    co_return std::move(*result.receipt);
}

asio::awaitable<std::optional<invitation_prefill>> public_registration_service::invitation(
    long long event_id, std::string token) {
    if (token.empty() || token.size() > 200) co_return std::nullopt;
    co_return co_await db_.run([event_id, &token](soci::session& sql) {
        return repository::invitation(sql, event_id, token);
    });
}

asio::awaitable<long long> public_registration_service::forget_old_idempotency_keys() {
    co_return co_await db_.run(
        [](soci::session& sql) { return repository::forget_old_idempotency_keys(sql); });
}

}  // namespace samverkan::registrations

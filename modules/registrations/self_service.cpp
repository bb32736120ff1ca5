#include "modules/registrations/self_service.hpp"

#include "modules/core/database.hpp"
#include "modules/core/door_link.hpp"
#include "modules/events/event_listing.hpp"
#include "modules/registrations/manage_token.hpp"
#include "modules/registrations/registration_outcome.hpp"
#include "modules/registrations/registration_repository.hpp"

namespace samverkan::registrations {

using server::api_error;
using server::error_kind;

namespace {

api_error no_such_registration() {
    return api_error(error_kind::not_found,
                     server::message::of("registration.no_such_registration"));
}

}  // namespace

self_service::self_service(db::database& db, events::event_listing& listing,
                           registration_settings const& settings)
    : db_(db), listing_(listing), settings_(settings) {}

asio::awaitable<long long> self_service::registration_of(manage_caller const& caller) {
    if (!looks_like_manage_token(caller.token)) throw no_such_registration();
    auto const budget = settings_.manage_rate_limit;
    auto const found = co_await db_.run([&caller, budget](soci::session& sql) {
        return repository::access(sql, caller.token, caller.client_address, budget);
    });
    if (found.retry_after > 0)
        throw api_error(error_kind::rate_limited,
                        server::message::of("registration.manage_rate_limited"))
            .with_header("Retry-After", std::to_string(found.retry_after));
    if (!found.registration_id) throw no_such_registration();
    co_return *found.registration_id;
}

// Runs one rule function for the caller's registration, then reads the registration as it
// is afterwards. An unknown attendee named in the path is a 404, one in a body a 422.
template <class Rule>
asio::awaitable<changed_registration> self_service::apply(manage_caller const& caller, Rule rule,
                                                          bool path_names_attendee) {
    auto const id = co_await registration_of(caller);
    auto const answer = co_await db_.run([&rule, id](soci::session& sql) { return rule(sql, id); });
    if (answer.outcome == registration_outcome::not_found) throw no_such_registration();
    if (answer.outcome == registration_outcome::unknown_attendee && path_names_attendee)
        throw api_error(error_kind::not_found,
                        server::message::of("registration.no_such_attendee"));
    if (!succeeded(answer.outcome)) throw refusal(answer);
    bool const changed = answer.outcome != registration_outcome::unchanged;
    if (changed) listing_.invalidate();
    auto found = co_await db_.run([id](soci::session& sql) { return repository::find(sql, id); });
    if (!found) throw no_such_registration();
    co_return changed_registration{std::move(*found), changed};
}

asio::awaitable<registration> self_service::find(manage_caller caller) {
    auto const id = co_await registration_of(caller);
    auto found = co_await db_.run([id](soci::session& sql) { return repository::find(sql, id); });
    if (!found) throw no_such_registration();
    co_return std::move(*found);
}

asio::awaitable<changed_registration> self_service::change(manage_caller caller,
                                                           registration_changes changes) {
    auto const& base = settings_.base_url;
    co_return co_await apply(caller, [&](soci::session& sql, long long id) {
        return repository::change(sql, id, changes, caller.token, base);
    });
}

asio::awaitable<registration> self_service::cancel(manage_caller caller) {
    auto const& base = settings_.base_url;
    auto const done = co_await apply(caller, [&base](soci::session& sql, long long id) {
        return repository::cancel(sql, id, false, base);
    });
    co_return done.value;
}

asio::awaitable<void> self_service::erase(manage_caller caller) {
    auto const id = co_await registration_of(caller);
    auto const& base = settings_.base_url;
    co_await db_.transact([id, &base](soci::session& sql) { repository::erase(sql, id, base); });
    listing_.invalidate();  // the seats it held are free (or went to the waiting list)
}

asio::awaitable<registration> self_service::remove_attendee(manage_caller caller,
                                                            long long attendee_id) {
    auto const& base = settings_.base_url;
    auto const done = co_await apply(
        caller,
        [&](soci::session& sql, long long id) {
            return repository::cancel_attendee(sql, id, attendee_id, caller.token, base);
        },
        true);
    co_return done.value;
}

std::string self_service::door_link_of(registration const& r) const {
    bool const seated = r.status == "confirmed" || r.status == "partially_waitlisted";
    if (r.cancelled_at || !seated || !core::valid_door_code(r.door_code)) return {};
    return core::door_link(settings_.base_url, r.door_code);
}

}  // namespace samverkan::registrations

#include "modules/registrations/staff_registration_service.hpp"

#include "modules/audit/audit.hpp"
#include "modules/core/database.hpp"
#include "modules/events/event_listing.hpp"
#include "modules/events/event_service.hpp"
#include "modules/registrations/registration_outcome.hpp"
#include "modules/registrations/registration_repository.hpp"

#include <boost/json.hpp>

namespace samverkan::registrations {

using server::api_error;
using server::error_kind;

namespace {

void audit_view(soci::session& sql, events::actor const& who, std::string const& action,
                long long event_id) {
    audit::record(sql,
                  audit::entry{who.user_id, action, "event", event_id, "{}", who.client_address});
}

/// One change of attendance in the caller's transaction; 404/409 as the service says.
check_in_change change_attendance(soci::session& sql, long long event_id, long long attendee_id,
                                  std::optional<bool> attended, events::actor const& who) {
    auto const result = repository::set_attendance(sql, attendee_id, event_id, attended);
    if (!result) throw api_error(error_kind::not_found, "No such attendee.");
    if (result->status != "confirmed")
        throw api_error(
            error_kind::conflict,
            "Only confirmed attendees can be checked in (this one is " + result->status + ").");
    if (result->changed) {
        boost::json::value const value =
            attended ? boost::json::value(*attended) : boost::json::value(nullptr);
        audit::record(sql, audit::entry{who.user_id,
                                        attended ? "attendee.check_in" : "attendee.check_in_undone",
                                        "attendee", attendee_id,
                                        boost::json::serialize(boost::json::object{
                                            {"attended", value}, {"event_id", result->event_id}}),
                                        who.client_address});
    }
    return *result;
}

}  // namespace

staff_registration_service::staff_registration_service(db::database& db,
                                                       events::event_service& events,
                                                       events::event_listing& listing,
                                                       registration_settings const& settings)
    : db_(db), events_(events), listing_(listing), settings_(settings) {}

asio::awaitable<std::vector<registration>> staff_registration_service::list_for_event(
    long long event_id, std::string search, events::actor who, std::string action) {
    (void)co_await events_.get(event_id);  // 404 for an unknown event
    co_return co_await db_.transact([&](soci::session& sql) {
        audit_view(sql, who, action, event_id);
        return repository::list_for_event(sql, event_id, search);
    });
}

asio::awaitable<catering_summary> staff_registration_service::catering(long long event_id,
                                                                       events::actor who) {
    (void)co_await events_.get(event_id);
    co_return co_await db_.transact([&](soci::session& sql) {
        audit_view(sql, who, "registrations.catering", event_id);
        return repository::catering(sql, event_id);
    });
}

asio::awaitable<long long> staff_registration_service::check_in(long long attendee_id,
                                                                bool attended, events::actor who) {
    co_return co_await db_.transact([&](soci::session& sql) {
        return change_attendance(sql, 0, attendee_id, attended, who).event_id;
    });
}

asio::awaitable<check_in_change> staff_registration_service::set_attendance(
    long long event_id, long long attendee_id, std::optional<bool> attended, events::actor who) {
    co_return co_await db_.transact([&](soci::session& sql) {
        return change_attendance(sql, event_id, attendee_id, attended, who);
    });
}

asio::awaitable<check_in_list> staff_registration_service::list_for_check_in(long long event_id,
                                                                             std::string search,
                                                                             events::actor who) {
    (void)co_await events_.get(event_id);  // 404 for an unknown event
    co_return co_await db_.transact([&](soci::session& sql) {
        audit_view(sql, who, "attendees.check_in_view", event_id);
        return repository::check_in_list_for_event(sql, event_id, search);
    });
}

asio::awaitable<attendance_summary> staff_registration_service::attendance(long long event_id,
                                                                           events::actor who) {
    (void)co_await events_.get(event_id);
    (void)who;  // counts only: no personal data, nothing to audit
    co_return co_await db_.run(
        [event_id](soci::session& sql) { return repository::attendance(sql, event_id); });
}

asio::awaitable<registration> staff_registration_service::cancel_registration(
    long long event_id, long long registration_id, events::actor who) {
    auto const& base = settings_.base_url;
    auto result = co_await db_.transact([&](soci::session& sql) {
        auto const found = repository::find(sql, registration_id);
        if (!found || found->event_id != event_id)
            throw api_error(error_kind::not_found, "No such registration.");
        auto const answer = repository::cancel(sql, registration_id, true, base);
        if (!succeeded(answer.outcome)) throw refusal(answer);
        if (answer.outcome == registration_outcome::cancelled)
            audit::record(sql, audit::entry{who.user_id, "registrations.cancel", "registration",
                                            registration_id, "{}", who.client_address});
        return *repository::find(sql, registration_id);
    });
    listing_.invalidate();
    co_return result;
}

asio::awaitable<walk_in_receipt> staff_registration_service::add_walk_ins(long long event_id,
                                                                          walk_in_input input,
                                                                          events::actor who) {
    auto receipt = co_await db_.transact([&](soci::session& sql) {
        auto result = repository::add_walk_ins(sql, event_id, input);
        if (!result.receipt) throw refusal(result.answer);
        auto const detail = boost::json::serialize(boost::json::object{
            {"registration_id", result.receipt->id},
            {"attendees", static_cast<long long>(result.receipt->attendees.size())}});
        audit::record(sql, audit::entry{who.user_id, "attendees.walk_in", "event", event_id, detail,
                                        who.client_address});
        return std::move(*result.receipt);
    });
    listing_.invalidate();
    co_return receipt;
}

asio::awaitable<int> staff_registration_service::save_attendance_list(
    long long event_id, std::vector<long long> attended, events::actor who) {
    (void)co_await events_.get(event_id);  // 404 for an unknown event
    co_return co_await db_.transact([&](soci::session& sql) {
        auto const changed = repository::save_attendance_list(sql, event_id, attended);
        auto const detail = boost::json::serialize(boost::json::object{
            {"attended", static_cast<long long>(attended.size())}, {"changed", changed}});
        audit::record(sql, audit::entry{who.user_id, "attendees.attendance_list", "event", event_id,
                                        detail, who.client_address});
        return changed;
    });
}

asio::awaitable<std::vector<std::string>> staff_registration_service::organisation_names() {
    co_return co_await db_.run(
        [](soci::session& sql) { return repository::organisation_names(sql); });
}

}  // namespace samverkan::registrations

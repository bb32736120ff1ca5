#include "modules/events/event_service.hpp"

#include "modules/audit/audit.hpp"
#include "modules/core/database.hpp"
#include "modules/core/json_input.hpp"
#include "modules/core/time.hpp"
#include "modules/events/event_input.hpp"
#include "modules/events/event_listing.hpp"
#include "modules/events/event_repository.hpp"

#include <boost/json.hpp>

#include <algorithm>

namespace samverkan::events {

using server::api_error;
using server::error_kind;

namespace {

constexpr int staff_list_limit = 500;
constexpr long long week = 7 * 24 * 3600;

api_error not_found() {
    return api_error(error_kind::not_found, server::message::of("event.no_such_event"));
}

void audit(soci::session& sql, actor const& who, char const* action, long long id,
           boost::json::object detail = {}) {
    audit::record(sql, audit::entry{who.user_id, action, "event", id,
                                    boost::json::serialize(detail), who.client_address});
}

bool matches(event const& e, event_filter const& f) {
    if (f.from && e.ends_at <= *f.from) return false;
    if (f.to && e.starts_at >= *f.to) return false;
    if (f.kind && e.kind != *f.kind) return false;
    return true;
}

// Europe/Stockholm's offset from UTC at `t`, in seconds.
long long stockholm_offset(long long t) {
    auto const wall = core::parse_rfc3339(core::to_local_datetime(core::from_epoch(t)) + ":00Z");
    return wall ? core::to_epoch(*wall) - (t - t % 60) : 0;
}

// Moves a time by `by` seconds keeping its Stockholm wall-clock time across a change
// between summer and winter time (17:00 stays 17:00).
long long moved(long long t, long long by) {
    return t + by + stockholm_offset(t) - stockholm_offset(t + by);
}

void shift(event& e, long long by, bool keep_wall_clock) {
    auto const move = [by, keep_wall_clock](long long t) {
        return keep_wall_clock ? moved(t, by) : t + by;
    };
    e.starts_at = move(e.starts_at);
    e.ends_at = move(e.ends_at);
    if (e.registration_opens_at) *e.registration_opens_at = move(*e.registration_opens_at);
    if (e.registration_closes_at) *e.registration_closes_at = move(*e.registration_closes_at);
}

}  // namespace

event_service::event_service(db::database& db, event_listing& listing)
    : db_(db), listing_(listing) {}

long long event_service::now() {
    return core::to_epoch(core::now_seconds());
}

asio::awaitable<std::vector<event>> event_service::list_public(event_filter filter) {
    auto const snapshot = co_await listing_.upcoming();
    std::vector<event> out;
    for (auto const& e : *snapshot)
        if (matches(e, filter)) out.push_back(e);
    co_return out;
}

asio::awaitable<std::vector<event>> event_service::list_all(event_filter filter) {
    co_return co_await db_.run([filter = std::move(filter)](soci::session& sql) {
        return repository::list_all(sql, filter, staff_list_limit);
    });
}

asio::awaitable<std::optional<event>> event_service::find_public(long long id) {
    auto const snapshot = co_await listing_.upcoming();
    auto const it = std::find_if(snapshot->begin(), snapshot->end(),
                                 [id](event const& e) { return e.id == id; });
    if (it != snapshot->end()) co_return *it;
    auto found = co_await db_.run([id](soci::session& sql) { return repository::find(sql, id); });
    if (found && found->status == "draft") found.reset();
    co_return found;
}

asio::awaitable<event> event_service::get(long long id) {
    auto found = co_await db_.run([id](soci::session& sql) { return repository::find(sql, id); });
    if (!found) throw not_found();
    co_return std::move(*found);
}

asio::awaitable<event> event_service::create(event e, actor who) {
    server::field_errors errors;
    check_event(e, errors);
    core::throw_if_invalid(errors);
    if (e.status.empty()) e.status = "draft";
    auto created = co_await db_.transact([&e, &who](soci::session& sql) {
        auto const id = repository::insert(sql, e);
        audit(sql, who, "event.create", id, {{"title", e.title}, {"status", e.status}});
        return *repository::find(sql, id);  // as stored, with its registration window
    });
    listing_.invalidate();
    co_return created;
}

asio::awaitable<event> event_service::update(long long id, event_edit edit, actor who) {
    auto hooks = hooks_;
    auto result = co_await db_.transact([&](soci::session& sql) {
        auto current = repository::lock(sql, id);
        if (!current) throw not_found();
        if (current->status == "cancelled")
            throw api_error(error_kind::conflict,
                            server::message::of("event.cancelled_cannot_change"));
        event changed = *current;
        server::field_errors errors;
        edit(changed, errors);
        check_event(changed, errors);
        core::throw_if_invalid(errors);
        if (changed.capacity < current->confirmed_count)
            throw api_error(error_kind::conflict,
                            server::message::of("event.capacity_below_confirmed",
                                                {{"n", std::to_string(current->confirmed_count)}}));
        repository::update(sql, changed);
        if (changed.capacity > current->capacity && hooks != nullptr)
            hooks->capacity_raised(sql, id);
        audit(sql, who, "event.update", id,
              {{"capacity", changed.capacity}, {"status", changed.status}});
        return *repository::find(sql, id);
    });
    listing_.invalidate();
    co_return result;
}

asio::awaitable<event> event_service::publish(long long id, actor who) {
    auto result = co_await db_.transact([&](soci::session& sql) {
        auto current = repository::lock(sql, id);
        if (!current) throw not_found();
        if (current->status == "cancelled")
            throw api_error(error_kind::conflict,
                            server::message::of("event.cancelled_cannot_publish"));
        if (current->status != "published") {
            current->status = "published";
            repository::update(sql, *current);
            audit(sql, who, "event.publish", id);
        }
        return *current;
    });
    listing_.invalidate();
    co_return result;
}

asio::awaitable<event> event_service::cancel(long long id, std::string reason, actor who) {
    auto hooks = hooks_;
    auto result = co_await db_.transact([&](soci::session& sql) {
        auto current = repository::lock(sql, id);
        if (!current) throw not_found();
        if (current->status == "cancelled")
            throw api_error(error_kind::conflict, server::message::of("event.already_cancelled"));
        repository::cancel(sql, id, reason);
        if (hooks != nullptr) hooks->event_cancelled(sql, id);
        audit(sql, who, "event.cancel", id, {{"previous_status", current->status}});
        return *repository::find(sql, id);
    });
    listing_.invalidate();
    co_return result;
}

asio::awaitable<cancellation_plan> event_service::plan_cancellation(long long id) {
    auto hooks = hooks_;
    co_return co_await db_.run([id, hooks](soci::session& sql) {
        auto found = repository::find(sql, id);
        if (!found) throw not_found();
        cancellation_plan plan{std::move(*found), 0};
        if (plan.target.status != "cancelled" && hooks != nullptr)
            plan.recipients = hooks->cancellation_recipients(sql, id);
        return plan;
    });
}

asio::awaitable<event> event_service::copy(long long id, std::optional<long long> starts_at,
                                           actor who) {
    auto e = co_await get(id);
    long long by = 0;
    if (starts_at) {
        by = *starts_at - e.starts_at;
    } else {
        auto const current = now();
        if (e.starts_at <= current) by = ((current - e.starts_at) / week + 1) * week;
    }
    shift(e, by, !starts_at);
    e.status = "draft";
    e.cancel_reason.clear();
    auto const source = id;
    co_return co_await db_.transact([&e, &who, source](soci::session& sql) {
        auto const new_id = repository::insert(sql, e);
        audit(sql, who, "event.copy", new_id, {{"source_event_id", source}});
        return *repository::find(sql, new_id);
    });
}

}  // namespace samverkan::events

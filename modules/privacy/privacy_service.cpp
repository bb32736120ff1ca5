#include "modules/privacy/privacy_service.hpp"

#include "modules/audit/audit.hpp"
#include "modules/core/database.hpp"
#include "modules/core/json_input.hpp"
#include "modules/core/text.hpp"
#include "modules/core/time.hpp"
#include "modules/privacy/privacy_repository.hpp"
#include "server/api_error.hpp"

#include <boost/json.hpp>

namespace samverkan::privacy {

using server::api_error;
using server::error_kind;
namespace json = boost::json;

namespace {

std::string rfc3339(long long epoch) {
    return core::to_rfc3339(core::from_epoch(epoch));
}

long long length_of(json::object const& o, std::string_view key) {
    auto const* v = o.if_contains(key);
    return v != nullptr && v->is_array() ? static_cast<long long>(v->as_array().size()) : 0;
}

// What an audit entry of a look keeps: how much was found, never what.
std::string found_detail(json::object const& subject) {
    json::object found;
    for (auto const* key : {"registrations", "attendees", "contacts", "invitations", "messages"})
        found[key] = length_of(subject, key);
    return json::serialize(json::object{{"found", std::move(found)}});
}

}  // namespace

std::optional<std::string> subject_address(std::string_view text) {
    auto address = core::trim(text);
    if (!core::valid_email(address)) return std::nullopt;
    return address;
}

json::object retention_json(retention_counts const& c) {
    return {{"dry_run", c.dry_run},
            {"identities_before", rfc3339(c.identities_before)},
            {"needs_before", rfc3339(c.needs_before)},
            {"messages_before", rfc3339(c.messages_before)},
            {"attendees_anonymised", c.attendees_anonymised},
            {"registrations_anonymised", c.registrations_anonymised},
            {"needs_removed", c.needs_removed},
            {"invitations_anonymised", c.invitations_anonymised},
            {"messages_purged", c.messages_purged},
            {"sessions_deleted", c.sessions_deleted},
            {"login_attempts_deleted", c.login_attempts_deleted},
            {"rate_limits_deleted", c.rate_limits_deleted}};
}

json::object erase_json(erase_counts const& c) {
    return {{"registrations", c.registrations},
            {"attendees", c.attendees},
            {"contacts", c.contacts},
            {"invitations", c.invitations},
            {"messages", c.messages}};
}

privacy_service::privacy_service(db::database& db, retention_policy policy)
    : db_(db), policy_(policy) {}

// A dry run does the work inside a savepoint and undoes it, so it counts exactly what a
// real run would.
retention_counts privacy_service::retain(soci::session& sql, bool dry_run, actor const& who) const {
    if (dry_run) repository::savepoint(sql);
    auto counts = repository::run_retention(sql, policy_);
    counts.dry_run = dry_run;
    if (dry_run) {
        repository::rollback_to_savepoint(sql);
        return counts;
    }
    audit::record(sql, {who.user_id, "retention.run", "retention", 0,
                        json::serialize(retention_json(counts)), who.client_address});
    return counts;
}

asio::awaitable<retention_counts> privacy_service::run_retention(bool dry_run, actor who) {
    co_return co_await db_.transact([&](soci::session& sql) { return retain(sql, dry_run, who); });
}

retention_counts privacy_service::run_retention_now(bool dry_run, actor who) {
    retention_counts out;
    db_.in_transaction([&](soci::session& sql) { out = retain(sql, dry_run, who); });
    return out;
}

asio::awaitable<json::object> privacy_service::subject(std::string email, actor who,
                                                       std::string action) {
    auto const address = subject_address(email);
    if (!address)
        throw api_error(error_kind::bad_request, server::message::of("privacy.email_invalid"));
    co_return co_await db_.transact([&](soci::session& sql) {
        auto found = json::parse(repository::subject(sql, *address)).as_object();
        audit::record(sql,
                      {who.user_id, action, "subject", 0, found_detail(found), who.client_address});
        return found;
    });
}

asio::awaitable<erase_counts> privacy_service::erase(std::string email, actor who) {
    auto const address = subject_address(email);
    if (!address)
        throw api_error(error_kind::validation_failed, server::message::of("privacy.email_invalid"))
            .with_fields({{"email", server::message::of("privacy.email_invalid")}});
    co_return co_await db_.transact([&](soci::session& sql) {
        auto const erased = repository::erase_subject(sql, *address);
        audit::record(sql, {who.user_id, "subject.erase", "subject", 0,
                            json::serialize(json::object{{"erased", erase_json(erased)}}),
                            who.client_address});
        return erased;
    });
}

}  // namespace samverkan::privacy

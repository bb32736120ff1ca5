#pragma once

// The privacy module's rules: the retention run (the gallringslogg's entries) and a data
// subject's rights of access and erasure (API.md "Personal data"). Every module's personal
// data is reached through that module's SQL privacy door, in one transaction per call,
// audited in it. No HTTP here; errors are server::api_error.
#include "modules/privacy/privacy_types.hpp"
#include "server/asio_fwd.hpp"

#include <boost/asio/awaitable.hpp>
#include <boost/json/object.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace soci {
class session;
}

namespace samverkan::db {
class database;
}

namespace samverkan::privacy {

class privacy_service {
public:
    privacy_service(db::database& db, retention_policy policy);

    [[nodiscard]] retention_policy const& policy() const { return policy_; }

    /// One retention run in one transaction, recorded in the audit log ("retention.run",
    /// its counts as detail). A dry run counts what it would do, changes nothing and
    /// records nothing.
    asio::awaitable<retention_counts> run_retention(bool dry_run, actor who);

    /// Blocking, for the command line: the same.
    retention_counts run_retention_now(bool dry_run, actor who);

    /// Everything held about `email`: {"email", "registrations", "attendees", "contacts",
    /// "invitations", "messages", "unsubscribed"}; audited as `action` (subject.view or
    /// subject.export) with the counts only. 400 for something that is not an address.
    asio::awaitable<boost::json::object> subject(std::string email, actor who,
                                                 std::string action = "subject.view");

    /// Erases `email` (names, addresses, phones and needs removed; organisation,
    /// affiliation, status and attendance kept), audited as subject.erase with the counts.
    /// 422 for something that is not an address. Erasing twice changes nothing more.
    asio::awaitable<erase_counts> erase(std::string email, actor who);

private:
    retention_counts retain(soci::session& sql, bool dry_run, actor const& who) const;

    db::database& db_;
    retention_policy policy_;
};

/// What an address should be looked up as: trimmed; nullopt unless it looks like one.
[[nodiscard]] std::optional<std::string> subject_address(std::string_view text);

/// A run's counts as the command line prints them and the audit entry keeps them.
[[nodiscard]] boost::json::object retention_json(retention_counts const& c);

[[nodiscard]] boost::json::object erase_json(erase_counts const& c);

}  // namespace samverkan::privacy

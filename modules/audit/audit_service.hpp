#pragma once

// Reading the audit log. Writing is `audit::record` (audit.hpp), inside the caller's
// transaction.
#include "modules/audit/audit_types.hpp"
#include "server/asio_fwd.hpp"

#include <boost/asio/awaitable.hpp>

#include <string>

namespace samverkan::db {
class database;
}

namespace samverkan::audit {

class audit_service {
public:
    static constexpr long long page_size = 50;

    explicit audit_service(db::database& db) : db_(db) {}

    /// Page `number` (1-based) of the log, newest first. The log names staff members and
    /// addresses, so reading it is itself recorded (as "audit.view" by `viewer`).
    asio::awaitable<page> read(long long number, long long viewer, std::string client_address);

private:
    db::database& db_;
};

}  // namespace samverkan::audit

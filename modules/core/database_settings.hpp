#pragma once

#include <string>

namespace samverkan::server {
class settings;
}

namespace samverkan::db {

struct database_settings {
    std::string url;
    unsigned pool_size = 8;
    unsigned lease_timeout_ms = 2000;
    unsigned heartbeat_ms = 1000;          ///< how often an instance records it is alive
    unsigned heartbeat_timeout_ms = 5000;  ///< older: taken for dead, its leases taken over

    /// Checks the values; throws naming the setting.
    void finish() const;
};

/// database-url, db-pool-size, db-lease-timeout-ms, heartbeat-ms, heartbeat-timeout-ms.
void add_database_settings(server::settings& s, database_settings& out);

}  // namespace samverkan::db

#include "modules/core/database_settings.hpp"

#include "server/settings.hpp"

#include <boost/program_options/value_semantic.hpp>

#include <stdexcept>

namespace samverkan::db {

namespace po = boost::program_options;

void add_database_settings(server::settings& s, database_settings& out) {
    s.options().add_options()("database-url", po::value(&out.url),
                              "PostgreSQL connection: libpq URI or key=value string (required)")(
        "db-pool-size", po::value(&out.pool_size)->default_value(out.pool_size),
        "database connections (and worker threads) in the pool")(
        "db-lease-timeout-ms",
        po::value(&out.lease_timeout_ms)->default_value(out.lease_timeout_ms),
        "how long a request waits for a free connection before 503")(
        "heartbeat-ms", po::value(&out.heartbeat_ms)->default_value(out.heartbeat_ms),
        "how often this instance records in the database that it is alive")(
        "heartbeat-timeout-ms",
        po::value(&out.heartbeat_timeout_ms)->default_value(out.heartbeat_timeout_ms),
        "an instance silent this long is taken for dead: others take over its mail and jobs");
}

void database_settings::finish() const {
    if (url.empty()) throw std::runtime_error("database-url: not set (or SAMVERKAN_DATABASE_URL)");
    if (pool_size < 1 || pool_size > 256)
        throw std::runtime_error("db-pool-size: must be 1 to 256");
    if (heartbeat_ms < 100) throw std::runtime_error("heartbeat-ms: must be at least 100");
    if (heartbeat_timeout_ms < 2 * heartbeat_ms)
        throw std::runtime_error("heartbeat-timeout-ms: must be at least twice heartbeat-ms");
}

}  // namespace samverkan::db

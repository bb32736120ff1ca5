#include "modules/core/database.hpp"

#include "modules/core/database_errors.hpp"
#include "server/api_error.hpp"

#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>

#include <condition_variable>

namespace samverkan::db {

using server::api_error;
using server::error_kind;

struct database::pool {
    std::mutex mutex;
    std::condition_variable freed;
    std::vector<std::unique_ptr<soci::session>> sessions;
    std::vector<bool> busy;
};

namespace {

PGconn* raw_connection(soci::session& sql) {
    auto* backend = static_cast<soci::postgresql_session_backend*>(sql.get_backend());
    return backend == nullptr ? nullptr : backend->conn_;
}

// No round trip: libpq marks the connection bad once a query has failed on a dead socket.
bool connection_ok(soci::session& sql) {
    auto* conn = raw_connection(sql);
    return conn != nullptr && PQstatus(conn) == CONNECTION_OK;
}

api_error unavailable(std::string detail) {
    return api_error(error_kind::unavailable,
                     "The service is briefly unavailable. Please try again in a moment.")
        .with_header("Retry-After", "1")
        .with_log_detail(std::move(detail));
}

}  // namespace

std::string with_connection_defaults(std::string const& conninfo) {
    bool const uri =
        conninfo.rfind("postgresql://", 0) == 0 || conninfo.rfind("postgres://", 0) == 0;
    if (uri)
        return conninfo + (conninfo.find('?') == std::string::npos ? "?" : "&") +
               "options=-c%20TimeZone%3DUTC&application_name=samverkan";
    return conninfo + " options='-c TimeZone=UTC' application_name=samverkan";
}

database::database(std::string conninfo, std::size_t size, std::chrono::milliseconds lease_timeout)
    : conninfo_(with_connection_defaults(conninfo)),
      size_(size),
      lease_timeout_(lease_timeout),
      pool_(std::make_unique<pool>()),
      workers_(size) {
    pool_->sessions.resize(size);
    pool_->busy.assign(size, false);
}

database::~database() {
    workers_.join();
}

std::size_t database::lease() {
    std::unique_lock lock(pool_->mutex);
    auto const free_slot = [&] {
        for (std::size_t i = 0; i < size_; ++i)
            if (!pool_->busy[i]) return i;
        return size_;
    };
    std::size_t position = size_;
    pool_->freed.wait_for(lock, lease_timeout_, [&] { return (position = free_slot()) < size_; });
    if (position == size_) throw unavailable("database lease timed out");
    pool_->busy[position] = true;
    ++in_use_;
    return position;
}

void database::give_back(std::size_t position) {
    {
        std::lock_guard lock(pool_->mutex);
        pool_->busy[position] = false;
        --in_use_;
    }
    pool_->freed.notify_one();
}

soci::session& database::open_session(std::size_t position) {
    // Opened lazily, so the server starts (and /readyz says 503) while PostgreSQL is down.
    auto& slot = pool_->sessions[position];
    try {
        if (!slot) {
            slot = std::make_unique<soci::session>(*soci::factory_postgresql(), conninfo_);
        } else if (!connection_ok(*slot)) {
            slot->reconnect();
        }
    } catch (soci::soci_error const& e) {
        slot.reset();
        throw unavailable("database connection failed: " + describe(e));
    }
    return *slot;
}

void database::with_session(std::function<void(soci::session&)> const& f) {
    auto const position = lease();

    struct returner {
        database* self;
        std::size_t position;

        ~returner() { self->give_back(position); }
    } const give_back_later{this, position};

    auto& sql = open_session(position);
    try {
        f(sql);
    } catch (soci::soci_error const& e) {
        // A dead connection costs this request a 503; the next lease reconnects.
        if (!connection_ok(sql)) throw unavailable("database connection lost: " + describe(e));
        throw database_error(e);  // what() without the statement and its bound values
    }
}

void database::in_transaction(std::function<void(soci::session&)> const& f) {
    with_session([&f](soci::session& sql) {
        soci::transaction tx(sql);  // rolls back in its destructor unless committed
        f(sql);
        tx.commit();
    });
}

}  // namespace samverkan::db

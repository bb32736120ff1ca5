#include "modules/core/database.hpp"

#include "modules/core/database_errors.hpp"
#include "server/api_error.hpp"

#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>

#include <condition_variable>
#include <optional>
#include <poll.h>

namespace samverkan::db {

using server::api_error;
using server::error_kind;

struct database::pool {
    std::mutex mutex;
    std::condition_variable freed;
    std::vector<std::unique_ptr<soci::session>> sessions;
    std::vector<bool> busy;
    // The suspect epoch each session was last proven good at (touched only by its leaseholder).
    std::vector<std::uint64_t> checked_epoch;
};

namespace {

PGconn* raw_connection(soci::session& sql) {
    auto* backend = static_cast<soci::postgresql_session_backend*>(sql.get_backend());
    return backend == nullptr ? nullptr : backend->conn_;
}

void ignore_notice(void*, char const*) {}

// No round trip: libpq marks the connection bad once a query has failed on a dead socket.
bool connection_ok(soci::session& sql) {
    auto* conn = raw_connection(sql);
    return conn != nullptr && PQstatus(conn) == CONNECTION_OK;
}

// A session idle in the pool gets no bytes from the server unless the server is ending it
// (a restart, pg_terminate_backend, an idle timeout: an error message, then EOF). So one
// poll() with no wait tells a live idle connection from one PostgreSQL has closed, without a
// round trip; libpq alone notices only when the next query fails.
bool server_spoke(soci::session& sql) {
    pollfd socket{PQsocket(raw_connection(sql)), POLLIN, 0};
    return ::poll(&socket, 1, 0) != 0;
}

// One round trip: an empty query answers PGRES_EMPTY_QUERY on a live connection.
bool ping(soci::session& sql) {
    PGresult* result = PQexec(raw_connection(sql), "");
    bool const alive = result != nullptr && PQresultStatus(result) == PGRES_EMPTY_QUERY;
    PQclear(result);
    return alive && connection_ok(sql);
}

api_error unavailable(std::string detail) {
    return api_error(error_kind::unavailable,
                     "The service is briefly unavailable. Please try again in a moment.")
        .with_header("Retry-After", "1")
        .with_log_detail(std::move(detail));
}

}  // namespace

void silence_notices(soci::session& sql) {
    if (auto* conn = raw_connection(sql)) PQsetNoticeProcessor(conn, ignore_notice, nullptr);
}

std::unique_ptr<soci::session> open_quiet_session(std::string const& conninfo) {
    auto sql = std::make_unique<soci::session>(*soci::factory_postgresql(), conninfo);
    silence_notices(*sql);
    return sql;
}

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
    pool_->checked_epoch.assign(size, 0);
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

void database::connection_lost() {
    ++suspect_epoch_;
}

// Hands out a session that is connected as far as can be known: a new one is opened, one
// the server has closed (or that failed before) is reconnected, and after a connection
// error anywhere in the pool each session proves itself once with a ping.
soci::session& database::open_session(std::size_t position) {
    // Opened lazily, so the server starts (and /readyz says 503) while PostgreSQL is down.
    auto& slot = pool_->sessions[position];
    auto const epoch = suspect_epoch_.load();
    try {
        if (!slot) {
            slot = open_quiet_session(conninfo_);
        } else {
            bool const suspect = pool_->checked_epoch[position] != epoch;
            bool healthy = connection_ok(*slot);
            if (healthy && (suspect || server_spoke(*slot))) healthy = ping(*slot);
            if (!healthy) {
                slot->reconnect();
                silence_notices(*slot);
                ++reconnects_;
            }
        }
    } catch (soci::soci_error const& e) {
        slot.reset();
        connection_lost();  // the others are likely gone too: each proves itself when next used
        throw unavailable("database connection failed: " + describe(e));
    }
    pool_->checked_epoch[position] = epoch;
    return *slot;
}

soci::session& database::reopen_session(std::size_t position) {
    connection_lost();
    try {
        pool_->sessions[position]->reconnect();
        silence_notices(*pool_->sessions[position]);
        ++reconnects_;
    } catch (soci::soci_error const& e) {
        pool_->sessions[position].reset();
        throw unavailable("database connection failed: " + describe(e));
    }
    pool_->checked_epoch[position] = suspect_epoch_.load();
    return *pool_->sessions[position];
}

void database::with_lease(std::function<void(soci::session&)> const& f, bool transaction) {
    auto const position = lease();

    struct returner {
        database* self;
        std::size_t position;

        ~returner() { self->give_back(position); }
    } const give_back_later{this, position};

    soci::session* sql = &open_session(position);
    try {
        if (!transaction) {
            f(*sql);
            return;
        }
        std::optional<soci::transaction> tx;  // rolls back in its destructor unless committed
        try {
            tx.emplace(*sql);
        } catch (soci::soci_error const&) {
            // BEGIN failed on a dead connection: nothing has run yet, so the transaction is
            // started again, once, on a fresh connection.
            if (connection_ok(*sql)) throw;
            sql = &reopen_session(position);
            tx.emplace(*sql);
        }
        f(*sql);
        tx->commit();
    } catch (soci::soci_error const& e) {
        // A dead connection costs this request a 503; every session is checked before its
        // next use, and this one is reconnected.
        if (!connection_ok(*sql)) {
            connection_lost();
            throw unavailable("database connection lost: " + describe(e));
        }
        throw database_error(e);  // what() without the statement and its bound values
    }
}

void database::with_session(std::function<void(soci::session&)> const& f) {
    with_lease(f, false);
}

void database::in_transaction(std::function<void(soci::session&)> const& f) {
    with_lease(f, true);
}

}  // namespace samverkan::db

#include "modules/mail/outbox_repository.hpp"

#include "modules/core/database_errors.hpp"
#include "modules/core/sql_arrays.hpp"

#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>

#include <stdexcept>

namespace samverkan::mail::repository {

namespace {

// The outbox's one door (sql/functions/20_mail.sql), which checks what could reach a header.
constexpr char const* insert_sql =
    "select samverkan_mail_enqueue(:key, :template, :language, :email, :name,"
    " cast(:payload as jsonb), to_timestamp(:not_before))";

// The payload names its event as "event_id" or as an "event" object with an "id"; the
// sender reads the event's current row so that a mail never shows stale details. A lease
// ends when its time runs out or when its owner's heartbeat has gone stale (a dead
// instance: NULL owners, leased without one, wait for the time — spelt out, as NULL NOT IN
// an empty set is true).
constexpr char const* claim_sql =
    "with live as ("
    "  select id from instances"
    "   where stopped_at is null and heartbeat_at > now() - make_interval(secs => :stale)),"
    " due as ("
    "  select id from outbox"
    "   where status = 'pending' and next_attempt_at <= now()"
    "     and (lease_until is null or lease_until < now()"
    "          or (lease_owner is not null and lease_owner not in (select id from live)))"
    "   order by next_attempt_at, id limit :limit for update skip locked),"
    " claimed as ("
    "  update outbox o set lease_until = now() + make_interval(secs => :lease),"
    "         lease_owner = nullif(:owner, 0), attempts = o.attempts + 1"
    "    from due where o.id = due.id"
    "  returning o.id, o.idempotency_key, o.template, o.language, o.recipient_email,"
    "         coalesce(o.recipient_name, '') as recipient_name, o.payload::text as payload,"
    "         o.attempts, extract(epoch from o.created_at)::bigint as created,"
    "         coalesce(o.payload ->> 'event_id', o.payload -> 'event' ->> 'id') as event_ref)"
    " select c.id, c.idempotency_key, c.template, c.language, c.recipient_email,"
    "        c.recipient_name, c.payload, c.attempts, c.created, coalesce(e.id, 0),"
    "        coalesce(e.title, ''), coalesce(e.venue, ''), coalesce(e.address, ''),"
    "        coalesce(e.description, ''), coalesce(e.status, ''),"
    "        coalesce(extract(epoch from e.starts_at)::bigint, 0),"
    "        coalesce(extract(epoch from e.ends_at)::bigint, 0)"
    "   from claimed c left join events e"
    "     on c.event_ref ~ '^[0-9]{1,18}$' and e.id = c.event_ref::bigint"
    "  order by c.id";

constexpr char const* find_event_sql =
    "select id, title, coalesce(venue, ''), coalesce(address, ''), coalesce(description, ''),"
    " status, extract(epoch from starts_at)::bigint, extract(epoch from ends_at)::bigint"
    " from events where id = :id";

// Personal links (manage, invitation, unsubscribe) are bearer secrets kept only until the
// message is sent or has failed: then the payload loses them (samverkan_mail_scrubbed).
#define SAMVERKAN_SCRUBBED_PAYLOAD "samverkan_mail_scrubbed(payload)"

constexpr char const* mark_sent_sql =
    "update outbox set status = 'sent', sent_at = now(), lease_until = null, last_error = null,"
    " payload = " SAMVERKAN_SCRUBBED_PAYLOAD
    " where id = any(cast(:ids as bigint[])) and status = 'pending'";

constexpr char const* scrub_failed_sql = "update outbox set payload = " SAMVERKAN_SCRUBBED_PAYLOAD
                                         " where id = :id and status = 'failed'";

constexpr char const* mark_retry_sql =
    "update outbox set lease_until = null, last_error = :error,"
    " next_attempt_at = now() + make_interval(secs => :delay),"
    " status = case when queued_at + make_interval(secs => :give_up) <= now()"
    "          then 'failed' else 'pending' end"
    " where id = :id and status = 'pending' returning status";

constexpr char const* mark_failed_sql =
    "update outbox set status = 'failed', lease_until = null, last_error = :error,"
    " payload = " SAMVERKAN_SCRUBBED_PAYLOAD " where id = :id and status = 'pending'";

constexpr char const* release_sql =
    "update outbox set lease_until = null, lease_owner = null,"
    " attempts = greatest(attempts - 1, 0)"
    " where id = any(cast(:ids as bigint[])) and status = 'pending'";

constexpr char const* list_sql =
    "select id, idempotency_key, template, language, recipient_email, status, attempts,"
    " coalesce(last_error, ''), extract(epoch from created_at)::bigint,"
    " case when status = 'pending' then extract(epoch from next_attempt_at)::bigint end,"
    " extract(epoch from sent_at)::bigint"
    " from outbox where (:status1 = '' or status = :status2) order by id desc limit :limit";

constexpr char const* count_sql = "select status, count(*) from outbox group by status";

// A purged message (body and recipient gone: retention or an erasure, 25_mail_privacy.sql)
// has nothing left to send, so it stays failed.
constexpr char const* requeue_sql =
    "update outbox set status = 'pending', attempts = 0, next_attempt_at = now(),"
    " queued_at = now(), lease_until = null, last_error = null"
    " where id = :id and status = 'failed' and payload -> 'purged' is null returning id";

constexpr char const* requeue_all_sql =
    "with r as (update outbox set status = 'pending', attempts = 0, next_attempt_at = now(),"
    " queued_at = now(), lease_until = null, last_error = null"
    " where status = 'failed' and payload -> 'purged' is null returning 1)"
    " select count(*) from r";

outbox_row row_from(soci::row const& r) {
    outbox_row o;
    o.id = r.get<long long>(0);
    o.idempotency_key = r.get<std::string>(1);
    o.template_name = r.get<std::string>(2);
    o.language = r.get<std::string>(3);
    o.recipient_email = r.get<std::string>(4);
    o.recipient_name = r.get<std::string>(5);
    o.payload_json = r.get<std::string>(6);
    o.attempts = r.get<int>(7);
    o.created_at = r.get<long long>(8);
    if (auto const event_id = r.get<long long>(9); event_id != 0) {
        o.event = event_details{event_id,
                                r.get<std::string>(10),
                                r.get<std::string>(11),
                                r.get<std::string>(12),
                                r.get<std::string>(13),
                                r.get<std::string>(14),
                                r.get<long long>(15),
                                r.get<long long>(16)};
    }
    return o;
}

template <class T>
std::optional<T> optional_of(soci::row const& r, std::size_t i) {
    if (r.get_indicator(i) == soci::i_null) return std::nullopt;
    return r.get<T>(i);
}

}  // namespace

bool insert(soci::session& sql, outbox_message const& m) {
    long long id = 0;
    soci::indicator id_ind = soci::i_null;
    long long not_before = m.not_before.value_or(0);
    std::string payload = m.payload_json;
    // A payload that is not JSON would fail the cast with another error; say it plainly.
    if (payload.empty() || payload.front() != '{')
        throw std::invalid_argument("mail::enqueue: payload must be a JSON object");
    try {
        sql << insert_sql, soci::use(m.idempotency_key, "key"),
            soci::use(m.template_name, "template"), soci::use(m.language, "language"),
            soci::use(m.recipient_email, "email"), soci::use(m.recipient_name, "name"),
            soci::use(payload, "payload"), soci::use(not_before, "not_before"),
            soci::into(id, id_ind);
    } catch (soci::postgresql_soci_error const& e) {
        // The door's refusals (check_violation) are the caller's mistake, not the database's.
        if (e.sqlstate() == "23514" || e.sqlstate() == "22P02")
            throw std::invalid_argument("mail::enqueue: " + db::describe(e));
        throw;
    }
    return id_ind != soci::i_null;
}

std::vector<outbox_row> claim(soci::session& sql, int limit, int lease_seconds,
                              lease_owner const& owner) {
    std::vector<outbox_row> out;
    soci::rowset<soci::row> rows =
        (sql.prepare << claim_sql, soci::use(owner.stale_seconds, "stale"),
         soci::use(limit, "limit"), soci::use(lease_seconds, "lease"),
         soci::use(owner.instance, "owner"));
    for (auto const& r : rows) out.push_back(row_from(r));
    return out;
}

std::optional<event_details> find_event(soci::session& sql, long long id) {
    event_details e;
    sql << find_event_sql, soci::use(id, "id"), soci::into(e.id), soci::into(e.title),
        soci::into(e.venue), soci::into(e.address), soci::into(e.description), soci::into(e.status),
        soci::into(e.starts_at), soci::into(e.ends_at);
    if (!sql.got_data()) return std::nullopt;
    return e;
}

void mark_sent(soci::session& sql, std::vector<long long> const& ids) {
    if (ids.empty()) return;
    auto const list = core::id_array(ids);
    sql << mark_sent_sql, soci::use(list, "ids");
}

std::string mark_retry(soci::session& sql, long long id, long long delay_seconds,
                       long long give_up_seconds, std::string const& error) {
    std::string status;
    sql << mark_retry_sql, soci::use(error, "error"), soci::use(delay_seconds, "delay"),
        soci::use(give_up_seconds, "give_up"), soci::use(id, "id"), soci::into(status);
    if (!sql.got_data()) return {};
    if (status == "failed") sql << scrub_failed_sql, soci::use(id, "id");
    return status;
}

void mark_failed(soci::session& sql, long long id, std::string const& error) {
    sql << mark_failed_sql, soci::use(error, "error"), soci::use(id, "id");
}

void release(soci::session& sql, std::vector<long long> const& ids) {
    if (ids.empty()) return;
    auto const list = core::id_array(ids);
    sql << release_sql, soci::use(list, "ids");
}

std::vector<outbox_entry> list(soci::session& sql, std::string const& status, int limit) {
    std::vector<outbox_entry> out;
    soci::rowset<soci::row> rows = (sql.prepare << list_sql, soci::use(status, "status1"),
                                    soci::use(status, "status2"), soci::use(limit, "limit"));
    for (auto const& r : rows) {
        outbox_entry e;
        e.id = r.get<long long>(0);
        e.idempotency_key = r.get<std::string>(1);
        e.template_name = r.get<std::string>(2);
        e.language = r.get<std::string>(3);
        e.recipient_email = r.get<std::string>(4);
        e.status = r.get<std::string>(5);
        e.attempts = r.get<int>(6);
        e.last_error = r.get<std::string>(7);
        e.created_at = r.get<long long>(8);
        e.next_attempt_at = optional_of<long long>(r, 9);
        e.sent_at = optional_of<long long>(r, 10);
        out.push_back(std::move(e));
    }
    return out;
}

std::map<std::string, long long> count_by_status(soci::session& sql) {
    std::map<std::string, long long> out{{"pending", 0}, {"sent", 0}, {"failed", 0}};
    soci::rowset<soci::row> rows = (sql.prepare << count_sql);
    for (auto const& r : rows) out[r.get<std::string>(0)] = r.get<long long>(1);
    return out;
}

bool requeue(soci::session& sql, long long id) {
    long long found = 0;
    sql << requeue_sql, soci::use(id, "id"), soci::into(found);
    return sql.got_data();
}

long long requeue_all_failed(soci::session& sql) {
    long long n = 0;
    sql << requeue_all_sql, soci::into(n);
    return n;
}

}  // namespace samverkan::mail::repository

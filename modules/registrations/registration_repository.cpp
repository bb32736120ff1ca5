#include "modules/registrations/registration_repository.hpp"

#include "modules/registrations/registration_repository_detail.hpp"

#include <soci/soci.h>

namespace samverkan::registrations::repository {

namespace {

constexpr char const* register_sql =
    "select outcome, coalesce(body, ''), detail from samverkan_register(:event,"
    " cast(:input as jsonb), :token, :base, :key, :rate_key, :rate_limit, :lock <> 0)";

constexpr char const* token_registration_sql =
    "with t as (select sha256(convert_to(:token, 'UTF8')) as h)"
    " select id from registrations, t where manage_token_hash = t.h"
    " union all select registration_id from registration_tokens, t where token_hash = t.h"
    " limit 1";

constexpr char const* invitation_sql =
    "select coalesce(i.name, ''), i.email, coalesce(o.name, '') from invitations i"
    " left join organisations o on o.id = i.organisation_id"
    " where i.token_hash = sha256(convert_to(:token, 'UTF8')) and i.event_id = :event";

constexpr char const* lock_event_sql = "select id from events where id = :id for update";

constexpr char const* seats_sql =
    "select status, extract(epoch from starts_at)::bigint,"
    " extract(epoch from registration_opens_at)::bigint,"
    " extract(epoch from registration_closes_at)::bigint, capacity, confirmed_count,"
    " case when waitlist then 1 else 0 end, max_per_organisation from events where id = :id";

// Statuses before the change come from `old`, so the counters move by what really changed.
constexpr char const* cancel_registration_sql =
    "with old as (select id, status from attendees where registration_id = :registration"
    "   and status <> 'cancelled' for update),"
    " changed as (update attendees a set status = 'cancelled', updated_at = now() from old"
    "   where a.id = old.id returning old.status as was),"
    " counted as (update events set"
    "   confirmed_count = confirmed_count - (select count(*) from changed where was = 'confirmed'),"
    "   waitlisted_count = waitlisted_count - (select count(*) from changed where was = "
    "'waitlisted')"
    "   where id = :event),"
    " closed as (update registrations set cancelled_at = now(), updated_at = now()"
    "   where id = :registration2 and cancelled_at is null)"
    " select count(*) from changed where was = 'confirmed'";

constexpr char const* cancel_attendee_sql =
    "with old as (select id, status from attendees where id = :attendee"
    "   and registration_id = :registration and status <> 'cancelled' for update),"
    " changed as (update attendees a set status = 'cancelled', updated_at = now() from old"
    "   where a.id = old.id returning old.status as was),"
    " counted as (update events set"
    "   confirmed_count = confirmed_count - (select count(*) from changed where was = 'confirmed'),"
    "   waitlisted_count = waitlisted_count - (select count(*) from changed where was = "
    "'waitlisted')"
    "   where id = :event)"
    " select was from changed";

constexpr char const* close_empty_registration_sql =
    "update registrations set cancelled_at = now(), updated_at = now()"
    " where id = :registration and cancelled_at is null and not exists"
    " (select 1 from attendees where registration_id = registrations.id"
    "  and status <> 'cancelled')";

// The caller holds the event row lock, so the free seats and the waiting list cannot move
// underneath; the first waiting attendees by (queued_at, id) take the free seats.
constexpr char const* promote_sql =
    "with ev as (select e as event_row, greatest(e.capacity - e.confirmed_count, 0) as free"
    "   from events e where e.id = :event),"
    " next as (select a.id from attendees a where a.event_id = :event2"
    "   and a.status = 'waitlisted' order by a.queued_at, a.id"
    "   limit (select free from ev) for update),"
    " promoted as (update attendees a set status = 'confirmed', updated_at = now() from next"
    "   where a.id = next.id returning a.id, a.registration_id, a.name),"
    " counted as (update events set"
    "   confirmed_count = confirmed_count + (select count(*) from promoted),"
    "   waitlisted_count = waitlisted_count - (select count(*) from promoted)"
    "   where id = :event3),"
    " mailed as (insert into outbox (idempotency_key, template, language, recipient_email,"
    "   recipient_name, payload)"
    "   select 'promoted:attendee:' || p.id, 'promoted', r.language, r.contact_email,"
    "   r.contact_name, jsonb_build_object('event', samverkan_event_payload((select event_row from "
    "ev),"
    "   :base), 'registration_id', r.id, 'contact_name', r.contact_name,"
    "   'attendee_id', p.id, 'attendee_name', p.name)"
    "   from promoted p join registrations r on r.id = p.registration_id"
    "   on conflict (idempotency_key) do nothing)"
    " select count(*) from promoted";

constexpr char const* organisation_attendees_sql =
    "with me as (select event_id, organisation_id, organisation_name from registrations"
    "   where id = :registration)"
    " select count(*) from registrations r join attendees a on a.registration_id = r.id, me"
    " where r.event_id = me.event_id and a.status in ('confirmed', 'waitlisted')"
    " and case when me.organisation_id is not null then r.organisation_id = me.organisation_id"
    "   else me.organisation_name is not null and r.organisation_id is null"
    "   and lower(r.organisation_name) = lower(me.organisation_name) end";

constexpr char const* contact_taken_sql =
    "select count(*) from registrations where event_id = :event"
    " and lower(contact_email) = lower(:email) and cancelled_at is null and id <> :registration";

constexpr char const* update_contact_sql =
    "update registrations set contact_name = :name, contact_email = :email,"
    " contact_phone = nullif(:phone, ''), updated_at = now() where id = :registration";

constexpr char const* update_attendee_sql =
    "update attendees set name = :name, email = nullif(:email, ''), affiliation = :affiliation,"
    " dietary = string_to_array(:dietary, ','), dietary_other = nullif(:dietary_other, ''),"
    " accessibility = nullif(:accessibility, ''), updated_at = now()"
    " where id = :attendee and registration_id = :registration and status <> 'cancelled'"
    " returning id";

constexpr char const* add_attendee_sql =
    "insert into attendees (registration_id, event_id, name, email, affiliation, dietary,"
    " dietary_other, accessibility, status, queued_at)"
    " values (:registration, :event, :name, nullif(:email, ''), :affiliation,"
    " string_to_array(:dietary, ','), nullif(:dietary_other, ''), nullif(:accessibility, ''),"
    " :status, clock_timestamp()) returning id";

constexpr char const* adjust_counters_sql =
    "update events set confirmed_count = confirmed_count + :confirmed,"
    " waitlisted_count = waitlisted_count + :waitlisted where id = :event";

// Needs are never part of a mail (API.md): only names and statuses.
constexpr char const* registration_mail_sql =
    "insert into outbox (idempotency_key, template, language, recipient_email, recipient_name,"
    " payload)"
    " select replace(:key, '{tx}', txid_current()::text), :template, r.language,"
    " r.contact_email, r.contact_name,"
    " jsonb_build_object('event', samverkan_event_payload(e, :base), 'registration_id', r.id,"
    "   'contact_name', r.contact_name, 'organisation_name', r.organisation_name,"
    "   'attendees', coalesce((select jsonb_agg(jsonb_build_object('id', a.id, 'name', a.name,"
    "     'status', a.status) order by a.id) from attendees a where a.registration_id = r.id),"
    "     '[]'::jsonb),"
    "   'manage_url', nullif(:manage_url, ''))"
    " from registrations r join events e on e.id = r.event_id where r.id = :registration"
    " on conflict (idempotency_key) do nothing";

constexpr char const* event_cancelled_mail_sql =
    "insert into outbox (idempotency_key, template, language, recipient_email, recipient_name,"
    " payload)"
    " select 'event_cancelled:registration:' || r.id, 'event_cancelled', r.language,"
    "   r.contact_email, r.contact_name,"
    "   jsonb_build_object('event', samverkan_event_payload(e, :base), 'reason', e.cancel_reason,"
    "   'registration_id', r.id, 'contact_name', r.contact_name,"
    "   'attendees', (select jsonb_agg(jsonb_build_object('id', a.id, 'name', a.name,"
    "     'status', a.status) order by a.id) from attendees a"
    "     where a.registration_id = r.id and a.status <> 'cancelled'))"
    " from registrations r join events e on e.id = r.event_id"
    " where r.event_id = :event and r.cancelled_at is null"
    " union all"
    " select 'event_cancelled:attendee:' || a.id, 'event_cancelled', r.language, a.email, a.name,"
    "   jsonb_build_object('event', samverkan_event_payload(e, :base2), 'reason', e.cancel_reason,"
    "   'registration_id', r.id, 'attendee_id', a.id, 'attendee_name', a.name)"
    " from attendees a join registrations r on r.id = a.registration_id"
    "   join events e on e.id = a.event_id"
    " where a.event_id = :event2 and a.status <> 'cancelled' and a.email is not null"
    "   and lower(a.email) <> lower(r.contact_email)"
    " on conflict (idempotency_key) do nothing";

// The same 24 hours as samverkan_register's replay window (sql/0003).
constexpr char const* forget_idempotency_keys_sql =
    "with gone as (delete from idempotency_keys where created_at <= now() - interval '24 hours'"
    " returning 1) select count(*) from gone";

std::optional<long long> registration_of_token(soci::session& sql, std::string const& token) {
    long long id = 0;
    sql << token_registration_sql, soci::use(token, "token"), soci::into(id);
    if (!sql.got_data()) return std::nullopt;
    return id;
}

}  // namespace

register_outcome register_attendees(soci::session& sql, register_call const& call) {
    long long event_id = call.event_id;
    std::string key = call.idempotency_key.value_or("");
    soci::indicator key_ind = call.idempotency_key ? soci::i_ok : soci::i_null;
    std::string rate_key = call.rate_key.value_or("");
    soci::indicator rate_ind = call.rate_key ? soci::i_ok : soci::i_null;
    int rate_limit = call.rate_limit;
    int lock = call.lock ? 1 : 0;
    register_outcome out;
    sql << register_sql, soci::use(event_id, "event"), soci::use(call.input_json, "input"),
        soci::use(call.token, "token"), soci::use(call.base_url, "base"),
        soci::use(key, key_ind, "key"), soci::use(rate_key, rate_ind, "rate_key"),
        soci::use(rate_limit, "rate_limit"), soci::use(lock, "lock"), soci::into(out.outcome),
        soci::into(out.body), soci::into(out.detail);
    return out;
}

std::optional<registration> find_by_token(soci::session& sql, std::string const& token) {
    auto const id = registration_of_token(sql, token);
    if (!id) return std::nullopt;
    return find(sql, *id);
}

std::optional<registration> find(soci::session& sql, long long id) {
    return detail::load_registration(sql, id);
}

std::optional<invitation_prefill> invitation(soci::session& sql, long long event_id,
                                             std::string const& token) {
    invitation_prefill out;
    sql << invitation_sql, soci::use(token, "token"), soci::use(event_id, "event"),
        soci::into(out.name), soci::into(out.email), soci::into(out.organisation);
    if (!sql.got_data()) return std::nullopt;
    return out;
}

long long forget_old_idempotency_keys(soci::session& sql) {
    long long count = 0;
    sql << forget_idempotency_keys_sql, soci::into(count);
    return count;
}

void lock_event(soci::session& sql, long long event_id) {
    long long locked = 0;
    sql << lock_event_sql, soci::use(event_id, "id"), soci::into(locked);
}

event_seats seats(soci::session& sql, long long event_id) {
    soci::row r;
    sql << seats_sql, soci::use(event_id, "id"), soci::into(r);
    event_seats s;
    s.status = r.get<std::string>(0);
    s.starts_at = r.get<long long>(1);
    if (r.get_indicator(2) != soci::i_null) s.opens_at = r.get<long long>(2);
    if (r.get_indicator(3) != soci::i_null) s.closes_at = r.get<long long>(3);
    s.capacity = r.get<int>(4);
    s.confirmed = r.get<int>(5);
    s.waitlist = r.get<int>(6) != 0;
    if (r.get_indicator(7) != soci::i_null) s.max_per_organisation = r.get<int>(7);
    return s;
}

int cancel_registration(soci::session& sql, long long registration_id, long long event_id) {
    long long freed = 0;
    sql << cancel_registration_sql, soci::use(registration_id, "registration"),
        soci::use(event_id, "event"), soci::use(registration_id, "registration2"),
        soci::into(freed);
    return static_cast<int>(freed);
}

std::string cancel_attendee(soci::session& sql, long long registration_id, long long attendee_id,
                            long long event_id) {
    std::string was;
    sql << cancel_attendee_sql, soci::use(attendee_id, "attendee"),
        soci::use(registration_id, "registration"), soci::use(event_id, "event"), soci::into(was);
    if (!sql.got_data()) return {};
    sql << close_empty_registration_sql, soci::use(registration_id, "registration");
    return was;
}

int promote_waiting(soci::session& sql, long long event_id, std::string const& base_url) {
    long long promoted = 0;
    sql << promote_sql, soci::use(event_id, "event"), soci::use(event_id, "event2"),
        soci::use(event_id, "event3"), soci::use(base_url, "base"), soci::into(promoted);
    return static_cast<int>(promoted);
}

int organisation_attendees(soci::session& sql, long long registration_id) {
    long long count = 0;
    sql << organisation_attendees_sql, soci::use(registration_id, "registration"),
        soci::into(count);
    return static_cast<int>(count);
}

bool contact_email_taken(soci::session& sql, long long event_id, long long registration_id,
                         std::string const& email) {
    long long count = 0;
    sql << contact_taken_sql, soci::use(event_id, "event"), soci::use(email, "email"),
        soci::use(registration_id, "registration"), soci::into(count);
    return count > 0;
}

void update_contact(soci::session& sql, long long registration_id, contact_input const& c) {
    sql << update_contact_sql, soci::use(c.name, "name"), soci::use(c.email, "email"),
        soci::use(c.phone, "phone"), soci::use(registration_id, "registration");
}

bool update_attendee(soci::session& sql, long long registration_id, attendee_input const& a) {
    long long attendee_id = a.id.value_or(0);
    std::string dietary = detail::join(a.dietary);
    long long updated = 0;
    sql << update_attendee_sql, soci::use(a.name, "name"), soci::use(a.email, "email"),
        soci::use(a.affiliation, "affiliation"), soci::use(dietary, "dietary"),
        soci::use(a.dietary_other, "dietary_other"), soci::use(a.accessibility, "accessibility"),
        soci::use(attendee_id, "attendee"), soci::use(registration_id, "registration"),
        soci::into(updated);
    return sql.got_data();
}

long long add_attendee(soci::session& sql, long long registration_id, long long event_id,
                       attendee_input const& a, std::string const& status) {
    std::string dietary = detail::join(a.dietary);
    long long id = 0;
    sql << add_attendee_sql, soci::use(registration_id, "registration"),
        soci::use(event_id, "event"), soci::use(a.name, "name"), soci::use(a.email, "email"),
        soci::use(a.affiliation, "affiliation"), soci::use(dietary, "dietary"),
        soci::use(a.dietary_other, "dietary_other"), soci::use(a.accessibility, "accessibility"),
        soci::use(status, "status"), soci::into(id);
    return id;
}

void adjust_counters(soci::session& sql, long long event_id, int confirmed, int waitlisted) {
    sql << adjust_counters_sql, soci::use(confirmed, "confirmed"),
        soci::use(waitlisted, "waitlisted"), soci::use(event_id, "event");
}

void queue_registration_mail(soci::session& sql, long long registration_id, std::string const& key,
                             std::string const& mail_template, std::string const& base_url,
                             std::string const& manage_url) {
    sql << registration_mail_sql, soci::use(key, "key"), soci::use(mail_template, "template"),
        soci::use(base_url, "base"), soci::use(manage_url, "manage_url"),
        soci::use(registration_id, "registration");
}

void queue_event_cancelled(soci::session& sql, long long event_id, std::string const& base_url) {
    sql << event_cancelled_mail_sql, soci::use(base_url, "base"), soci::use(event_id, "event"),
        soci::use(base_url, "base2"), soci::use(event_id, "event2");
}

}  // namespace samverkan::registrations::repository

#include "modules/invitations/invitation_repository.hpp"

#include "modules/core/sql_arrays.hpp"

#include <soci/soci.h>

namespace samverkan::invitations::repository {

namespace {

constexpr char const* lock_event_sql = "select status from events where id = :id for update";

constexpr char const* contacts_sql =
    "select o.id, o.name, c.email, c.name from contacts c"
    " join organisations o on o.id = c.organisation_id"
    " where (:audience1 = 'all'"
    "        or (:audience2 = 'agreement_members' and o.agreement_joined_on is not null)"
    "        or (:audience3 = 'selected' and o.id = any(cast(:ids as bigint[]))))"
    " order by o.name collate \"sv-SE-x-icu\", c.id";

constexpr char const* unsubscribed_sql =
    "select email from unsubscribes where email = any(cast(:emails as text[]))";

constexpr char const* invited_sql =
    "select distinct lower(email) from invitations where event_id = :event";

// One statement for a whole round: the invitations, then their mails through mail's door,
// matched back to the input by token. The links carry the token; the database keeps only
// its SHA-256.
constexpr char const* insert_sql =
    "with input as ("
    "  select * from unnest(cast(:orgs as bigint[]), cast(:emails as text[]),"
    "                       cast(:names as text[]), cast(:tokens as text[]))"
    "      as t(organisation_id, email, name, token)),"
    " inv as ("
    "  insert into invitations (event_id, organisation_id, email, name, token_hash)"
    "  select :event, nullif(organisation_id, 0), email, nullif(name, ''),"
    "         sha256(convert_to(token, 'UTF8')) from input"
    "  returning id, token_hash),"
    " mail as materialized ("
    "  select samverkan_mail_enqueue('invitation:' || inv.id, 'invitation', 'sv', i.email,"
    "         nullif(i.name, ''),"
    "         jsonb_build_object('event', jsonb_build_object('id', cast(:event_ref as bigint)),"
    "           'invitation_id', inv.id, 'organisation_name', nullif(o.name, ''),"
    "           'invitation_url', :base1 || '/events/' || :event_path || '/register?invitation='"
    "                             || i.token,"
    "           'unsubscribe_url', :base2 || '/unsubscribe/' || i.token)) as queued"
    "    from inv join input i on sha256(convert_to(i.token, 'UTF8')) = inv.token_hash"
    "    left join organisations o on o.id = nullif(i.organisation_id, 0))"
    " select count(queued) from mail";

constexpr char const* status_sql =
    "select i.id, coalesce(i.organisation_id, 0), coalesce(o.name, ''), i.email,"
    " coalesce(i.name, ''), coalesce(m.status, 'pending'), coalesce(m.last_error, ''),"
    " extract(epoch from i.created_at)::bigint, coalesce(extract(epoch from m.sent_at)::bigint, 0)"
    " from invitations i left join organisations o on o.id = i.organisation_id"
    " left join samverkan_mail_delivery(array(select 'invitation:' || x.id from invitations x"
    "   where x.event_id = :event2)) m on m.idempotency_key = 'invitation:' || i.id"
    " where i.event_id = :event order by i.id";

constexpr char const* email_of_token_sql =
    "select email from invitations where token_hash = sha256(convert_to(:token, 'UTF8'))"
    " limit 1";

constexpr char const* unsubscribe_sql =
    "insert into unsubscribes (email) values (lower(:email)) on conflict (email) do nothing";

// Idempotency keys make this safe on every instance at once and keep it to one reminder
// (mail's door answers NULL for a key it has already).
constexpr char const* reminders_sql =
    "with due as ("
    "  select r.id, r.event_id, r.language, r.contact_email, r.contact_name, r.organisation_name"
    "    from registrations r join events e on e.id = r.event_id"
    "   where e.status = 'published' and e.starts_at > now() and not r.walk_in"
    "     and e.starts_at <= now() + make_interval(days => :days) and r.cancelled_at is null"
    "     and exists (select 1 from attendees a where a.registration_id = r.id"
    "                 and a.status = 'confirmed')),"
    " queued as materialized ("
    "  select samverkan_mail_enqueue('reminder:registration:' || d.id, 'reminder', d.language,"
    "         d.contact_email, d.contact_name,"
    "         jsonb_build_object('event', jsonb_build_object('id', d.event_id),"
    "           'registration_id', d.id, 'contact_name', d.contact_name,"
    "           'organisation_name', d.organisation_name,"
    "           'attendees', (select jsonb_agg(jsonb_build_object('id', a.id, 'name', a.name,"
    "                                          'status', a.status) order by a.id)"
    "                           from attendees a where a.registration_id = d.id"
    "                            and a.status = 'confirmed'))) as id"
    "    from due d)"
    " select count(id) from queued";

// Which registrations a message goes to: any attendee in one of the chosen groups. One
// text for the count (the preview) and the queueing, so the two cannot disagree.
#define SAMVERKAN_MESSAGE_TARGETS                                                               \
    "select distinct r.id, r.language, r.contact_email, r.contact_name"                         \
    "  from registrations r join attendees a on a.registration_id = r.id"                       \
    "  join events e on e.id = r.event_id"                                                      \
    " where r.event_id = :event and r.cancelled_at is null and not r.walk_in"                   \
    "   and ((a.status = 'confirmed' and 'confirmed' = any(cast(:s1 as text[])))"               \
    "     or (a.status = 'waitlisted' and 'waitlisted' = any(cast(:s2 as text[])))"             \
    "     or (a.status = 'confirmed' and a.attended and 'attended' = any(cast(:s3 as text[])))" \
    "     or (samverkan_no_show(a, e) and 'no_show' = any(cast(:s4 as text[]))))"

constexpr char const* count_targets_sql = "select count(*) from (" SAMVERKAN_MESSAGE_TARGETS ") t";

constexpr char const* insert_message_sql =
    "insert into event_messages (event_id, subject, body, statuses, created_by)"
    " values (:event, :subject, :body, cast(:statuses as text[]), nullif(:user, 0)) returning id";

constexpr char const* queue_message_sql =
    "with t as (" SAMVERKAN_MESSAGE_TARGETS
    "),"
    " queued as materialized ("
    "  select samverkan_mail_enqueue('message:' || :message || ':registration:' || t.id,"
    "         'message', t.language, t.contact_email, t.contact_name,"
    "         jsonb_build_object('event', jsonb_build_object('id', cast(:event_ref as bigint)),"
    "           'message_id', cast(:message_ref as bigint), 'registration_id', t.id,"
    "           'subject', cast(:subject as text), 'body', cast(:body as text))) as id"
    "    from t)"
    " select count(id) from queued";

constexpr char const* message_count_sql =
    "update event_messages set recipients = :n where id = :id";

}  // namespace

std::optional<std::string> lock_event(soci::session& sql, long long event_id) {
    std::string status;
    sql << lock_event_sql, soci::use(event_id, "id"), soci::into(status);
    if (!sql.got_data()) return std::nullopt;
    return status;
}

std::vector<recipient> contacts(soci::session& sql, std::string const& audience,
                                std::vector<long long> const& organisation_ids) {
    std::vector<recipient> out;
    auto const ids = core::id_array(organisation_ids);
    soci::rowset<soci::row> rows =
        (sql.prepare << contacts_sql, soci::use(audience, "audience1"),
         soci::use(audience, "audience2"), soci::use(audience, "audience3"), soci::use(ids, "ids"));
    for (auto const& r : rows)
        out.push_back({r.get<long long>(0), r.get<std::string>(1), r.get<std::string>(2),
                       r.get<std::string>(3)});
    return out;
}

std::set<std::string> unsubscribed(soci::session& sql, std::vector<std::string> const& emails) {
    std::set<std::string> out;
    auto const list = core::text_array(emails);
    soci::rowset<std::string> rows = (sql.prepare << unsubscribed_sql, soci::use(list, "emails"));
    for (auto const& e : rows) out.insert(e);
    return out;
}

std::set<std::string> invited(soci::session& sql, long long event_id) {
    std::set<std::string> out;
    soci::rowset<std::string> rows = (sql.prepare << invited_sql, soci::use(event_id, "event"));
    for (auto const& e : rows) out.insert(e);
    return out;
}

long long insert(soci::session& sql, long long event_id, std::vector<recipient> const& people,
                 std::vector<std::string> const& tokens, std::string const& base_url) {
    if (people.empty()) return 0;
    std::vector<long long> orgs;
    std::vector<std::string> emails;
    std::vector<std::string> names;
    for (auto const& p : people) {
        orgs.push_back(p.organisation_id);
        emails.push_back(p.email);
        names.push_back(p.name);
    }
    auto const org_list = core::id_array(orgs);
    auto const email_list = core::text_array(emails);
    auto const name_list = core::text_array(names);
    auto const token_list = core::text_array(tokens);
    auto const event_path = std::to_string(event_id);
    long long count = 0;
    sql << insert_sql, soci::use(org_list, "orgs"), soci::use(email_list, "emails"),
        soci::use(name_list, "names"), soci::use(token_list, "tokens"),
        soci::use(event_id, "event"), soci::use(event_id, "event_ref"),
        soci::use(base_url, "base1"), soci::use(event_path, "event_path"),
        soci::use(base_url, "base2"), soci::into(count);
    return count;
}

invitation_status status(soci::session& sql, long long event_id) {
    invitation_status out;
    soci::rowset<soci::row> rows =
        (sql.prepare << status_sql, soci::use(event_id, "event"), soci::use(event_id, "event2"));
    for (auto const& r : rows) {
        invitation_row i{r.get<long long>(0),   r.get<long long>(1),   r.get<std::string>(2),
                         r.get<std::string>(3), r.get<std::string>(4), r.get<std::string>(5),
                         r.get<std::string>(6), r.get<long long>(7),   r.get<long long>(8)};
        if (i.status == "pending") i.status = "queued";
        (i.status == "sent" ? out.sent : i.status == "failed" ? out.failed : out.queued) += 1;
        out.invitations.push_back(std::move(i));
    }
    return out;
}

std::optional<std::string> email_of_token(soci::session& sql, std::string const& token) {
    std::string email;
    sql << email_of_token_sql, soci::use(token, "token"), soci::into(email);
    if (!sql.got_data()) return std::nullopt;
    return email;
}

long long queue_reminders(soci::session& sql, int days) {
    long long n = 0;
    sql << reminders_sql, soci::use(days, "days"), soci::into(n);
    return n;
}

long long count_message_recipients(soci::session& sql, long long event_id,
                                   std::vector<std::string> const& statuses) {
    auto const list = core::text_array(statuses);
    long long n = 0;
    sql << count_targets_sql, soci::use(event_id, "event"), soci::use(list, "s1"),
        soci::use(list, "s2"), soci::use(list, "s3"), soci::use(list, "s4"), soci::into(n);
    return n;
}

std::pair<long long, long long> queue_message(soci::session& sql, long long event_id,
                                              std::string const& subject, std::string const& body,
                                              std::vector<std::string> const& statuses,
                                              long long user_id) {
    auto const list = core::text_array(statuses);
    long long id = 0;
    sql << insert_message_sql, soci::use(event_id, "event"), soci::use(subject, "subject"),
        soci::use(body, "body"), soci::use(list, "statuses"), soci::use(user_id, "user"),
        soci::into(id);
    long long n = 0;
    sql << queue_message_sql, soci::use(event_id, "event"), soci::use(list, "s1"),
        soci::use(list, "s2"), soci::use(list, "s3"), soci::use(list, "s4"),
        soci::use(id, "message"), soci::use(event_id, "event_ref"), soci::use(id, "message_ref"),
        soci::use(subject, "subject"), soci::use(body, "body"), soci::into(n);
    sql << message_count_sql, soci::use(n, "n"), soci::use(id, "id");
    return {id, n};
}

void unsubscribe(soci::session& sql, std::string const& email) {
    sql << unsubscribe_sql, soci::use(email, "email");
}

}  // namespace samverkan::invitations::repository

#include "modules/privacy/privacy_repository.hpp"

#include <soci/soci.h>

namespace samverkan::privacy::repository {

namespace {

// The cut-offs of one run: now() is the transaction's start, the same in every statement.
constexpr char const* cutoffs_sql =
    "select extract(epoch from now() - make_interval(days => :identities))::bigint,"
    " extract(epoch from now() - make_interval(days => :needs))::bigint,"
    " extract(epoch from now() - make_interval(days => :messages))::bigint";

constexpr char const* registrations_sql =
    "select registrations, attendees, needs from samverkan_registrations_retention("
    " to_timestamp(:identities), to_timestamp(:needs))";

constexpr char const* invitations_sql =
    "select samverkan_invitations_retention(to_timestamp(:identities))";

constexpr char const* mail_sql = "select samverkan_mail_retention(to_timestamp(:messages))";

constexpr char const* auth_sql =
    "select sessions, login_attempts from samverkan_auth_retention(:idle, :keep)";

constexpr char const* rate_limits_sql = "select samverkan_rate_retention()";

constexpr char const* subject_sql =
    "select (jsonb_build_object('email', cast(:e1 as text))"
    " || samverkan_registrations_subject(:e2)"
    " || jsonb_build_object('contacts', samverkan_organisations_subject(:e3))"
    " || samverkan_invitations_subject(:e4)"
    " || jsonb_build_object('messages', samverkan_mail_subject(:e5)))::text";

// The registrations first (a volatile CTE runs once, before the select list): mail's
// erasure needs to know which registrations named the address.
constexpr char const* erase_sql =
    "with r as (select * from samverkan_registrations_erase_subject(:e1))"
    " select r.registrations, r.attendees, samverkan_organisations_erase_subject(:e2),"
    " samverkan_invitations_erase_subject(:e3),"
    " samverkan_mail_erase(:e4, '{}', r.contact_of || r.attendee_in) from r";

}  // namespace

retention_counts run_retention(soci::session& sql, retention_policy const& policy) {
    retention_counts out;
    int identities = static_cast<int>(policy.retention_days);
    int needs = static_cast<int>(policy.needs_retention_days);
    int messages = static_cast<int>(policy.outbox_retention_days);
    sql << cutoffs_sql, soci::use(identities, "identities"), soci::use(needs, "needs"),
        soci::use(messages, "messages"), soci::into(out.identities_before),
        soci::into(out.needs_before), soci::into(out.messages_before);
    sql << registrations_sql, soci::use(out.identities_before, "identities"),
        soci::use(out.needs_before, "needs"), soci::into(out.registrations_anonymised),
        soci::into(out.attendees_anonymised), soci::into(out.needs_removed);
    sql << invitations_sql, soci::use(out.identities_before, "identities"),
        soci::into(out.invitations_anonymised);
    sql << mail_sql, soci::use(out.messages_before, "messages"), soci::into(out.messages_purged);
    long long idle = policy.session_idle_seconds;
    long long keep = policy.login_attempt_keep_seconds;
    sql << auth_sql, soci::use(idle, "idle"), soci::use(keep, "keep"),
        soci::into(out.sessions_deleted), soci::into(out.login_attempts_deleted);
    sql << rate_limits_sql, soci::into(out.rate_limits_deleted);
    return out;
}

std::string subject(soci::session& sql, std::string const& email) {
    std::string out;
    sql << subject_sql, soci::use(email, "e1"), soci::use(email, "e2"), soci::use(email, "e3"),
        soci::use(email, "e4"), soci::use(email, "e5"), soci::into(out);
    return out;
}

erase_counts erase_subject(soci::session& sql, std::string const& email) {
    erase_counts out;
    sql << erase_sql, soci::use(email, "e1"), soci::use(email, "e2"), soci::use(email, "e3"),
        soci::use(email, "e4"), soci::into(out.registrations), soci::into(out.attendees),
        soci::into(out.contacts), soci::into(out.invitations), soci::into(out.messages);
    return out;
}

void savepoint(soci::session& sql) {
    sql << "savepoint privacy_dry_run";
}

void rollback_to_savepoint(soci::session& sql) {
    sql << "rollback to savepoint privacy_dry_run";
}

}  // namespace samverkan::privacy::repository

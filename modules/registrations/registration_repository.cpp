#include "modules/registrations/registration_repository.hpp"

#include "modules/core/sql_arrays.hpp"
#include "modules/registrations/registration_repository_detail.hpp"

#include <boost/json.hpp>
#include <soci/soci.h>

namespace samverkan::registrations::repository {

namespace {

namespace json = boost::json;

// Every rule function answers (outcome, detail, reason); NULLs are read as 0 and "open".
#define SAMVERKAN_RULE_ANSWER "outcome::text, coalesce(detail, 0), coalesce(reason::text, 'open')"

constexpr char const* register_sql =
    "select outcome::text, coalesce(detail, 0), coalesce(reason::text, 'open'),"
    " coalesce(receipt::text, '') from samverkan_register(:event, cast(:input as jsonb), :token,"
    " :base, :key, :rate_key, :rate_budget, :lock <> 0)";

constexpr char const* access_sql =
    "select registration_id, retry_after from samverkan_manage_access(:token, :address, :budget)";

constexpr char const* change_sql =
    "select " SAMVERKAN_RULE_ANSWER
    " from samverkan_change_registration(:registration, cast(:changes as jsonb), :token, :base)";

constexpr char const* cancel_sql =
    "select outcome::text, 0, coalesce(reason::text, 'open')"
    " from samverkan_cancel_registration(:registration, :by_organiser <> 0, :base)";

constexpr char const* cancel_attendee_sql =
    "select outcome::text, 0, coalesce(reason::text, 'open')"
    " from samverkan_cancel_attendee(:registration, :attendee, :token, :base)";

constexpr char const* promote_sql = "select samverkan_promote_waiting(:event, :base)";

constexpr char const* event_cancelled_sql = "select samverkan_queue_event_cancelled(:event, :base)";

constexpr char const* event_cancelled_count_sql =
    "select count(*) from samverkan_event_cancelled_recipients(:event)";

constexpr char const* invitation_sql =
    "select coalesce(i.name, ''), i.email, coalesce(o.name, '') from invitations i"
    " left join organisations o on o.id = i.organisation_id"
    " where i.token_hash = sha256(convert_to(:token, 'UTF8')) and i.event_id = :event";

// The same 24 hours as samverkan_replay's window (sql/functions/40_registrations.sql).
constexpr char const* forget_idempotency_keys_sql =
    "with gone as (delete from idempotency_keys where created_at <= now() - interval '24 hours'"
    " returning 1) select count(*) from gone";

constexpr char const* walk_in_sql =
    "select outcome::text, coalesce(registration_id, 0), coalesce(receipt::text, '')"
    " from samverkan_add_walk_ins(:event, cast(:organisation as jsonb), cast(:attendees as jsonb))";

constexpr char const* attendance_list_sql =
    "select samverkan_save_attendance_list(:event, cast(:ids as bigint[]))";

constexpr char const* organisation_names_sql = "select name from samverkan_organisation_names()";

#undef SAMVERKAN_RULE_ANSWER

json::value text_or_null(std::string const& s) {
    return s.empty() ? json::value(nullptr) : json::value(s);
}

json::object attendee_object(attendee_input const& a) {
    json::array dietary;
    for (auto const& d : a.dietary) dietary.push_back(json::string(d));
    json::object out{{"name", a.name},
                     {"email", text_or_null(a.email)},
                     {"affiliation", a.affiliation},
                     {"dietary", std::move(dietary)},
                     {"dietary_other", text_or_null(a.dietary_other)},
                     {"accessibility", text_or_null(a.accessibility)}};
    if (a.id) out["id"] = *a.id;
    return out;
}

json::object contact_object(contact_input const& c) {
    return {{"name", c.name}, {"email", c.email}, {"phone", text_or_null(c.phone)}};
}

// The validated input in the shape samverkan_register reads.
std::string input_json(registration_input const& in) {
    json::array attendees;
    for (auto const& a : in.attendees) attendees.push_back(attendee_object(a));
    return json::serialize(
        json::object{{"organisation", json::object{{"name", text_or_null(in.organisation_name)},
                                                   {"org_number", text_or_null(in.org_number)}}},
                     {"contact", contact_object(in.contact)},
                     {"attendees", std::move(attendees)},
                     {"language", in.language},
                     {"invitation", text_or_null(in.invitation)}});
}

// The validated change in the shape samverkan_change_registration reads.
std::string changes_json(registration_changes const& in) {
    json::array attendees;
    for (auto const& a : in.attendees) attendees.push_back(attendee_object(a));
    json::object out{{"attendees", std::move(attendees)}};
    if (in.contact) out["contact"] = contact_object(*in.contact);
    return json::serialize(out);
}

registration_receipt receipt_from(std::string const& text) {
    auto const o = json::parse(text).as_object();
    registration_receipt r;
    r.id = o.at("id").to_number<long long>();
    r.event_id = o.at("event_id").to_number<long long>();
    r.status = o.at("status").as_string();
    for (auto const& a : o.at("attendees").as_array()) {
        auto const& x = a.as_object();
        r.attendees.push_back({x.at("id").to_number<long long>(),
                               std::string{x.at("name").as_string()},
                               std::string{x.at("status").as_string()}});
    }
    r.token = o.at("token").as_string();
    return r;
}

rule_answer answer_from(std::string const& outcome, int detail, std::string const& reason) {
    return {outcome_from_sql(outcome), detail, events::window_from_sql(reason)};
}

}  // namespace

register_result register_attendees(soci::session& sql, register_call const& call) {
    long long event_id = call.event_id;
    std::string const input = input_json(*call.input);
    std::string key = call.idempotency_key.value_or("");
    soci::indicator key_ind = call.idempotency_key ? soci::i_ok : soci::i_null;
    std::string rate_key = call.rate_key.value_or("");
    soci::indicator rate_ind = call.rate_key ? soci::i_ok : soci::i_null;
    int budget = call.rate_budget;
    int lock = call.lock ? 1 : 0;
    std::string outcome, reason, receipt;
    int detail = 0;
    sql << register_sql, soci::use(event_id, "event"), soci::use(input, "input"),
        soci::use(call.token, "token"), soci::use(call.base_url, "base"),
        soci::use(key, key_ind, "key"), soci::use(rate_key, rate_ind, "rate_key"),
        soci::use(budget, "rate_budget"), soci::use(lock, "lock"), soci::into(outcome),
        soci::into(detail), soci::into(reason), soci::into(receipt);
    register_result out{answer_from(outcome, detail, reason), std::nullopt};
    if (!receipt.empty()) {
        out.receipt = receipt_from(receipt);
        out.receipt->replayed = out.answer.outcome == registration_outcome::replayed;
    }
    return out;
}

manage_access access(soci::session& sql, std::string const& token,
                     std::string const& client_address, int budget) {
    long long id = 0;
    soci::indicator id_ind = soci::i_null;
    manage_access out;
    sql << access_sql, soci::use(token, "token"), soci::use(client_address, "address"),
        soci::use(budget, "budget"), soci::into(id, id_ind), soci::into(out.retry_after);
    if (id_ind != soci::i_null) out.registration_id = id;
    return out;
}

std::optional<registration> find(soci::session& sql, long long id) {
    return detail::load_registration(sql, id);
}

rule_answer change(soci::session& sql, long long registration_id,
                   registration_changes const& changes, std::string const& token,
                   std::string const& base_url) {
    auto const body = changes_json(changes);
    std::string outcome, reason;
    int detail = 0;
    sql << change_sql, soci::use(registration_id, "registration"), soci::use(body, "changes"),
        soci::use(token, "token"), soci::use(base_url, "base"), soci::into(outcome),
        soci::into(detail), soci::into(reason);
    return answer_from(outcome, detail, reason);
}

rule_answer cancel(soci::session& sql, long long registration_id, bool by_organiser,
                   std::string const& base_url) {
    int organiser = by_organiser ? 1 : 0;
    std::string outcome, reason;
    int detail = 0;
    sql << cancel_sql, soci::use(registration_id, "registration"),
        soci::use(organiser, "by_organiser"), soci::use(base_url, "base"), soci::into(outcome),
        soci::into(detail), soci::into(reason);
    return answer_from(outcome, detail, reason);
}

void erase(soci::session& sql, long long registration_id, std::string const& base_url) {
    int anonymised = 0;
    sql << "select samverkan_registration_self_erase(:registration, :base)",
        soci::use(registration_id, "registration"), soci::use(base_url, "base"),
        soci::into(anonymised);
}

rule_answer cancel_attendee(soci::session& sql, long long registration_id, long long attendee_id,
                            std::string const& token, std::string const& base_url) {
    std::string outcome, reason;
    int detail = 0;
    sql << cancel_attendee_sql, soci::use(registration_id, "registration"),
        soci::use(attendee_id, "attendee"), soci::use(token, "token"), soci::use(base_url, "base"),
        soci::into(outcome), soci::into(detail), soci::into(reason);
    return answer_from(outcome, detail, reason);
}

int promote_waiting(soci::session& sql, long long event_id, std::string const& base_url) {
    int promoted = 0;
    sql << promote_sql, soci::use(event_id, "event"), soci::use(base_url, "base"),
        soci::into(promoted);
    return promoted;
}

void queue_event_cancelled(soci::session& sql, long long event_id, std::string const& base_url) {
    int queued = 0;
    sql << event_cancelled_sql, soci::use(event_id, "event"), soci::use(base_url, "base"),
        soci::into(queued);
}

long long count_event_cancelled(soci::session& sql, long long event_id) {
    long long n = 0;
    sql << event_cancelled_count_sql, soci::use(event_id, "event"), soci::into(n);
    return n;
}

long long forget_old_idempotency_keys(soci::session& sql) {
    long long count = 0;
    sql << forget_idempotency_keys_sql, soci::into(count);
    return count;
}

std::optional<invitation_prefill> invitation(soci::session& sql, long long event_id,
                                             std::string const& token) {
    invitation_prefill out;
    sql << invitation_sql, soci::use(token, "token"), soci::use(event_id, "event"),
        soci::into(out.name), soci::into(out.email), soci::into(out.organisation);
    if (!sql.got_data()) return std::nullopt;
    return out;
}

walk_in_result add_walk_ins(soci::session& sql, long long event_id, walk_in_input const& in) {
    json::object organisation{{"name", text_or_null(in.organisation_name)},
                              {"org_number", text_or_null(in.org_number)}};
    if (in.organisation_id) organisation["id"] = *in.organisation_id;
    json::array list;
    for (auto const& a : in.attendees) list.push_back(attendee_object(a));
    auto const org_text = json::serialize(organisation);
    auto const attendees_text = json::serialize(list);
    std::string outcome, receipt;
    long long id = 0;
    sql << walk_in_sql, soci::use(event_id, "event"), soci::use(org_text, "organisation"),
        soci::use(attendees_text, "attendees"), soci::into(outcome), soci::into(id),
        soci::into(receipt);
    // The only closed event a walk-in can meet is a cancelled one.
    walk_in_result out{
        answer_from(outcome, 0, outcome == "registration_closed" ? "cancelled" : "open"),
        std::nullopt};
    if (receipt.empty()) return out;
    walk_in_receipt r{id, event_id, {}};
    auto const parsed = json::parse(receipt);  // kept: the loop reads into it
    for (auto const& a : parsed.as_array()) {
        auto const& x = a.as_object();
        r.attendees.push_back({x.at("id").to_number<long long>(),
                               std::string{x.at("name").as_string()},
                               x.at("over_capacity").as_bool()});
    }
    out.receipt = std::move(r);
    return out;
}

int save_attendance_list(soci::session& sql, long long event_id,
                         std::vector<long long> const& attended) {
    auto const ids = core::id_array(attended);
    int changed = 0;
    sql << attendance_list_sql, soci::use(event_id, "event"), soci::use(ids, "ids"),
        soci::into(changed);
    return changed;
}

std::vector<std::string> organisation_names(soci::session& sql) {
    std::vector<std::string> out;
    soci::rowset<std::string> rows = (sql.prepare << organisation_names_sql);
    for (auto const& n : rows) out.push_back(n);
    return out;
}

}  // namespace samverkan::registrations::repository

// The staff side of the registration repository (lists, catering, check-in, attendance)
// and the row readers both repository files share.
#include "modules/registrations/registration_repository.hpp"
#include "modules/registrations/registration_repository_detail.hpp"

#include <soci/soci.h>

#include <algorithm>
#include <map>

namespace samverkan::registrations::repository {

namespace {

constexpr char const* registration_sql =
    "select " SAMVERKAN_REGISTRATION_COLUMNS " from registrations r where r.id = :id";

constexpr char const* registration_attendees_sql =
    "select " SAMVERKAN_ATTENDEE_COLUMNS
    " from attendees a where a.registration_id = :id order by a.id";

// Search over contact, organisation and attendees; `pattern` is a LIKE pattern with the
// user's text escaped.
constexpr char const* event_registrations_sql =
    "select " SAMVERKAN_REGISTRATION_COLUMNS ", " SAMVERKAN_ATTENDEE_COLUMNS
    " from registrations r join attendees a on a.registration_id = r.id"
    " where r.event_id = :event and r.id in (select r2.id from registrations r2"
    "   left join attendees a2 on a2.registration_id = r2.id"
    "   where r2.event_id = r.event_id and (r2.contact_name ilike :pattern escape '\\'"
    "   or r2.contact_email ilike :pattern2 escape '\\'"
    "   or coalesce(r2.organisation_name, '') ilike :pattern3 escape '\\'"
    "   or a2.name ilike :pattern4 escape '\\'"
    "   or coalesce(a2.email, '') ilike :pattern5 escape '\\'))"
    " order by r.id, a.id";

constexpr char const* catering_sql =
    "select array_to_string(dietary, ','), coalesce(dietary_other, '')"
    " from attendees where event_id = :event and status = 'confirmed'";

// Only a change is written: when two organisers check in the same attendee at once, the
// second UPDATE waits for the first's row lock, re-reads the row, finds it checked in
// already and changes nothing, so there is one check-in (one time, one audit row).
constexpr char const* set_attendance_sql =
    "update attendees set attended = case cast(:value as int) when 1 then true when 0 then false"
    " end, checked_in_at = case when cast(:value2 as int) < 0 then null else now() end,"
    " updated_at = now()"
    " where id = :attendee and (cast(:event as bigint) = 0 or event_id = :event2)"
    " and status = 'confirmed'"
    " and attended is distinct from"
    " (case cast(:value3 as int) when 1 then true when 0 then false end)"
    " returning id";

// A new statement, so it sees a concurrent check-in committed meanwhile.
constexpr char const* attendance_state_sql =
    "select event_id, name, status,"
    " case when attended is null then -1 when attended then 1 else 0 end,"
    " extract(epoch from checked_in_at)::bigint"
    " from attendees where id = :attendee and (cast(:event as bigint) = 0 or event_id = :event2)";

// Case-insensitive and blind to accents (å/ä → a, ö → o …), whatever the database locale:
// lower(translate(x, SAMVERKAN_FOLD)).
// clang-format off
#define SAMVERKAN_FOLD ", 'åäáàâãæéèêëíìîïóòôõöøúùûüýçÅÄÁÀÂÃÆÉÈÊËÍÌÎÏÓÒÔÕÖØÚÙÛÜÝÇ'," \
                       " 'aaaaaaaeeeeiiiioooooouuuuycaaaaaaaeeeeiiiioooooouuuuyc'))"
// clang-format on

// The register's name of the organisation, else the one typed into the form.
constexpr char const* check_in_list_sql =
    "select a.id, a.name, coalesce(o.name, r.organisation_name, ''),"
    " case when a.attended then extract(epoch from a.checked_in_at)::bigint end"
    " from attendees a join registrations r on r.id = a.registration_id"
    " left join organisations o on o.id = r.organisation_id"
    " where a.event_id = :event and a.status = 'confirmed'"
    " and (lower(translate(a.name" SAMVERKAN_FOLD " like lower(translate(:pattern" SAMVERKAN_FOLD
    " escape '\\' or lower(translate(coalesce(o.name, r.organisation_name, '')" SAMVERKAN_FOLD
    " like lower(translate(:pattern2" SAMVERKAN_FOLD
    " escape '\\')"
    " order by a.name collate \"sv-SE-x-icu\", a.id";

constexpr char const* check_in_counts_sql =
    "select count(*), count(*) filter (where attended) from attendees"
    " where event_id = :event and status = 'confirmed'";

constexpr char const* attendance_counts_sql =
    "select count(*) filter (where a.status = 'confirmed'),"
    " count(*) filter (where a.status = 'waitlisted'),"
    " count(*) filter (where a.status = 'cancelled'),"
    " count(*) filter (where a.status = 'confirmed' and a.attended),"
    " count(*) filter (where samverkan_no_show(a, e)), count(*) filter (where a.walk_in)"
    " from attendees a join events e on e.id = a.event_id where a.event_id = :event";

constexpr char const* attendance_affiliation_sql =
    "select affiliation, count(*) from attendees where event_id = :event"
    " and status = 'confirmed' and attended group by affiliation order by affiliation";

constexpr char const* attendance_organisations_sql =
    "select coalesce(o.name, r.organisation_name, ''), count(*)"
    " from attendees a join registrations r on r.id = a.registration_id"
    " left join organisations o on o.id = r.organisation_id"
    " where a.event_id = :event and a.status = 'confirmed' and a.attended"
    " group by 1 order by 1";

std::string like_pattern(std::string const& search) {
    std::string out = "%";
    for (char c : search) {
        if (c == '%' || c == '_' || c == '\\') out += '\\';
        out += c;
    }
    return out + "%";
}

}  // namespace

namespace detail {

std::string join(std::vector<std::string> const& items) {
    std::string out;
    for (auto const& item : items) out.append(out.empty() ? "" : ",").append(item);
    return out;
}

std::vector<std::string> split(std::string const& text) {
    std::vector<std::string> out;
    for (std::size_t start = 0; start < text.size();) {
        auto stop = text.find(',', start);
        if (stop == std::string::npos) stop = text.size();
        out.push_back(text.substr(start, stop - start));
        start = stop + 1;
    }
    return out;
}

registration registration_from_row(soci::row const& r, std::size_t first) {
    registration g;
    g.id = r.get<long long>(first);
    g.event_id = r.get<long long>(first + 1);
    if (r.get_indicator(first + 2) != soci::i_null) g.organisation_id = r.get<long long>(first + 2);
    g.organisation_name = r.get<std::string>(first + 3);
    g.org_number = r.get<std::string>(first + 4);
    g.contact_name = r.get<std::string>(first + 5);
    g.contact_email = r.get<std::string>(first + 6);
    g.contact_phone = r.get<std::string>(first + 7);
    g.language = r.get<std::string>(first + 8);
    g.created_at = r.get<long long>(first + 9);
    if (r.get_indicator(first + 10) != soci::i_null) g.cancelled_at = r.get<long long>(first + 10);
    g.status = r.get<std::string>(first + 11);
    return g;
}

attendee attendee_from_row(soci::row const& r, std::size_t first) {
    attendee a;
    a.id = r.get<long long>(first);
    a.name = r.get<std::string>(first + 1);
    a.email = r.get<std::string>(first + 2);
    a.affiliation = r.get<std::string>(first + 3);
    a.dietary = split(r.get<std::string>(first + 4));
    a.dietary_other = r.get<std::string>(first + 5);
    a.accessibility = r.get<std::string>(first + 6);
    a.status = r.get<std::string>(first + 7);
    a.queued_at = r.get<long long>(first + 8);
    auto const attended = r.get<int>(first + 9);
    if (attended >= 0) a.attended = attended == 1;
    a.waitlist_position = static_cast<int>(r.get<long long>(first + 10));
    return a;
}

std::optional<registration> load_registration(soci::session& sql, long long id) {
    soci::row head;
    sql << registration_sql, soci::use(id, "id"), soci::into(head);
    if (!sql.got_data()) return std::nullopt;
    auto out = registration_from_row(head, 0);
    soci::rowset<soci::row> rows = (sql.prepare << registration_attendees_sql, soci::use(id, "id"));
    for (auto const& r : rows) out.attendees.push_back(attendee_from_row(r, 0));
    return out;
}

}  // namespace detail

std::vector<registration> list_for_event(soci::session& sql, long long event_id,
                                         std::string const& search) {
    std::string const pattern = like_pattern(search);
    std::vector<registration> out;
    soci::rowset<soci::row> rows = (sql.prepare << event_registrations_sql,
                                    soci::use(event_id, "event"), soci::use(pattern, "pattern"),
                                    soci::use(pattern, "pattern2"), soci::use(pattern, "pattern3"),
                                    soci::use(pattern, "pattern4"), soci::use(pattern, "pattern5"));
    for (auto const& r : rows) {
        auto const id = r.get<long long>(0);
        if (out.empty() || out.back().id != id) out.push_back(detail::registration_from_row(r, 0));
        out.back().attendees.push_back(
            detail::attendee_from_row(r, detail::registration_column_count));
    }
    return out;
}

catering_summary catering(soci::session& sql, long long event_id) {
    catering_summary out;
    std::map<std::string, int> counts;
    soci::rowset<soci::row> rows = (sql.prepare << catering_sql, soci::use(event_id, "event"));
    for (auto const& r : rows) {
        ++out.attendees;
        for (auto const& code : detail::split(r.get<std::string>(0))) ++counts[code];
        auto other = r.get<std::string>(1);
        if (!other.empty()) {
            ++out.with_other_needs;
            out.other_needs.push_back(std::move(other));
        }
    }
    for (auto code : dietary_codes) out.dietary.emplace_back(code, counts[std::string{code}]);
    std::sort(out.other_needs.begin(), out.other_needs.end());
    return out;
}

std::optional<check_in_change> set_attendance(soci::session& sql, long long attendee_id,
                                              long long event_id, std::optional<bool> attended) {
    int value = attended ? (*attended ? 1 : 0) : -1;
    long long updated = 0;
    sql << set_attendance_sql, soci::use(value, "value"), soci::use(value, "value2"),
        soci::use(attendee_id, "attendee"), soci::use(event_id, "event"),
        soci::use(event_id, "event2"), soci::use(value, "value3"), soci::into(updated);
    check_in_change out;
    out.changed = sql.got_data();
    int state = -1;
    long long at = 0;
    soci::indicator at_ind = soci::i_null;
    sql << attendance_state_sql, soci::use(attendee_id, "attendee"), soci::use(event_id, "event"),
        soci::use(event_id, "event2"), soci::into(out.event_id), soci::into(out.name),
        soci::into(out.status), soci::into(state), soci::into(at, at_ind);
    if (!sql.got_data()) return std::nullopt;
    if (state >= 0) out.attended = state == 1;
    if (at_ind != soci::i_null) out.checked_in_at = at;
    return out;
}

check_in_list check_in_list_for_event(soci::session& sql, long long event_id,
                                      std::string const& search) {
    check_in_list out;
    long long confirmed = 0, arrived = 0;
    sql << check_in_counts_sql, soci::use(event_id, "event"), soci::into(confirmed),
        soci::into(arrived);
    out.confirmed = static_cast<int>(confirmed);
    out.arrived = static_cast<int>(arrived);
    std::string const pattern = like_pattern(search);
    soci::rowset<soci::row> rows = (sql.prepare << check_in_list_sql, soci::use(event_id, "event"),
                                    soci::use(pattern, "pattern"), soci::use(pattern, "pattern2"));
    for (auto const& r : rows) {
        check_in_entry e{r.get<long long>(0), r.get<std::string>(1), r.get<std::string>(2), {}};
        if (r.get_indicator(3) != soci::i_null) e.checked_in_at = r.get<long long>(3);
        out.attendees.push_back(std::move(e));
    }
    return out;
}

attendance_summary attendance(soci::session& sql, long long event_id) {
    attendance_summary out;
    long long confirmed = 0, waitlisted = 0, cancelled = 0, attended = 0, no_show = 0, walk_ins = 0;
    sql << attendance_counts_sql, soci::use(event_id, "event"), soci::into(confirmed),
        soci::into(waitlisted), soci::into(cancelled), soci::into(attended), soci::into(no_show),
        soci::into(walk_ins);
    out.walk_ins = static_cast<int>(walk_ins);
    out.confirmed = static_cast<int>(confirmed);
    out.waitlisted = static_cast<int>(waitlisted);
    out.cancelled = static_cast<int>(cancelled);
    out.attended = static_cast<int>(attended);
    out.no_show = static_cast<int>(no_show);
    std::map<std::string, int> by_affiliation;
    soci::rowset<soci::row> rows =
        (sql.prepare << attendance_affiliation_sql, soci::use(event_id, "event"));
    for (auto const& r : rows)
        by_affiliation[r.get<std::string>(0)] = static_cast<int>(r.get<long long>(1));
    for (auto a : affiliations) out.by_affiliation.emplace_back(a, by_affiliation[std::string{a}]);
    soci::rowset<soci::row> orgs =
        (sql.prepare << attendance_organisations_sql, soci::use(event_id, "event"));
    for (auto const& r : orgs)
        out.organisations.emplace_back(r.get<std::string>(0),
                                       static_cast<int>(r.get<long long>(1)));
    return out;
}

}  // namespace samverkan::registrations::repository

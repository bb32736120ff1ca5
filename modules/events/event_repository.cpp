#include "modules/events/event_repository.hpp"

#include <soci/soci.h>

namespace samverkan::events::repository {

namespace {

#define SAMVERKAN_EVENT_COLUMNS                                                    \
    "id, kind, title, coalesce(theme, ''), coalesce(description, ''),"             \
    " extract(epoch from starts_at)::bigint, extract(epoch from ends_at)::bigint," \
    " coalesce(venue, ''), coalesce(address, ''), capacity, max_per_organisation," \
    " case when waitlist then 1 else 0 end, case when food then 1 else 0 end,"     \
    " extract(epoch from registration_opens_at)::bigint,"                          \
    " extract(epoch from registration_closes_at)::bigint,"                         \
    " array_to_string(priority_areas, ','), status, coalesce(cancel_reason, ''),"  \
    " confirmed_count, waitlisted_count, samverkan_registration_window(events)::text"

constexpr char const* list_upcoming_sql =
    "select " SAMVERKAN_EVENT_COLUMNS
    " from events where status = 'published' and ends_at > now()"
    " order by starts_at, id limit :limit";

constexpr char const* list_published_between_sql =
    "select " SAMVERKAN_EVENT_COLUMNS
    " from events where status = 'published' and starts_at >= to_timestamp(:from)"
    " and starts_at < to_timestamp(:to) order by starts_at, id limit :limit";

// Staff list: everything, newest first within the time filter.
constexpr char const* list_all_sql =
    "select " SAMVERKAN_EVENT_COLUMNS
    " from events where ends_at > to_timestamp(:from) and starts_at < to_timestamp(:to)"
    " and kind = coalesce(nullif(:kind, ''), kind)"
    " order by starts_at desc, id desc limit :limit";

constexpr char const* find_sql = "select " SAMVERKAN_EVENT_COLUMNS " from events where id = :id";

// The seat lock: every change of seats or capacity takes it first.
constexpr char const* lock_sql =
    "select " SAMVERKAN_EVENT_COLUMNS " from events where id = :id for update";

#undef SAMVERKAN_EVENT_COLUMNS

constexpr char const* insert_sql =
    "insert into events (kind, title, theme, description, starts_at, ends_at, venue, address,"
    " capacity, max_per_organisation, waitlist, food, registration_opens_at,"
    " registration_closes_at, priority_areas, status)"
    " values (:kind, :title, nullif(:theme, ''), nullif(:description, ''), to_timestamp(:starts),"
    " to_timestamp(:ends), nullif(:venue, ''), nullif(:address, ''), :capacity, :max_per_org,"
    " :waitlist <> 0, :food <> 0, to_timestamp(:opens), to_timestamp(:closes),"
    " string_to_array(:areas, ','), :status)"
    " returning id";

constexpr char const* update_sql =
    "update events set kind = :kind, title = :title, theme = nullif(:theme, ''),"
    " description = nullif(:description, ''), starts_at = to_timestamp(:starts),"
    " ends_at = to_timestamp(:ends), venue = nullif(:venue, ''), address = nullif(:address, ''),"
    " capacity = :capacity, max_per_organisation = :max_per_org, waitlist = :waitlist <> 0,"
    " food = :food <> 0, registration_opens_at = to_timestamp(:opens),"
    " registration_closes_at = to_timestamp(:closes),"
    " priority_areas = string_to_array(:areas, ','), status = :status, updated_at = now()"
    " where id = :id";

constexpr char const* cancel_sql =
    "update events set status = 'cancelled', cancel_reason = nullif(:reason, ''),"
    " updated_at = now() where id = :id";

std::vector<std::string> split_list(std::string const& text) {
    std::vector<std::string> out;
    for (std::size_t start = 0; start < text.size();) {
        auto stop = text.find(',', start);
        if (stop == std::string::npos) stop = text.size();
        out.push_back(text.substr(start, stop - start));
        start = stop + 1;
    }
    return out;
}

std::string join_list(std::vector<std::string> const& items) {
    std::string out;
    for (auto const& item : items) out.append(out.empty() ? "" : ",").append(item);
    return out;
}

template <class T>
std::optional<T> optional_of(soci::row const& r, std::size_t i) {
    if (r.get_indicator(i) == soci::i_null) return std::nullopt;
    return r.get<T>(i);
}

event event_from_row(soci::row const& r) {
    event e;
    e.id = r.get<long long>(0);
    e.kind = r.get<std::string>(1);
    e.title = r.get<std::string>(2);
    e.theme = r.get<std::string>(3);
    e.description = r.get<std::string>(4);
    e.starts_at = r.get<long long>(5);
    e.ends_at = r.get<long long>(6);
    e.venue = r.get<std::string>(7);
    e.address = r.get<std::string>(8);
    e.capacity = r.get<int>(9);
    e.max_per_organisation = optional_of<int>(r, 10);
    e.waitlist = r.get<int>(11) != 0;
    e.food = r.get<int>(12) != 0;
    e.registration_opens_at = optional_of<long long>(r, 13);
    e.registration_closes_at = optional_of<long long>(r, 14);
    e.priority_areas = split_list(r.get<std::string>(15));
    e.status = r.get<std::string>(16);
    e.cancel_reason = r.get<std::string>(17);
    e.confirmed_count = r.get<int>(18);
    e.waitlisted_count = r.get<int>(19);
    e.window = window_from_sql(r.get<std::string>(20));
    return e;
}

std::optional<event> find_one(soci::session& sql, char const* query, long long id) {
    soci::row r;
    sql << query, soci::use(id, "id"), soci::into(r);
    if (!sql.got_data()) return std::nullopt;
    return event_from_row(r);
}

/// The bound values of an event write, as named lvalues for soci::use.
struct event_params {
    explicit event_params(event const& e)
        : source(e),
          waitlist(e.waitlist ? 1 : 0),
          food(e.food ? 1 : 0),
          max_per_org(e.max_per_organisation.value_or(0)),
          max_ind(e.max_per_organisation ? soci::i_ok : soci::i_null),
          opens(e.registration_opens_at.value_or(0)),
          opens_ind(e.registration_opens_at ? soci::i_ok : soci::i_null),
          closes(e.registration_closes_at.value_or(0)),
          closes_ind(e.registration_closes_at ? soci::i_ok : soci::i_null),
          areas(join_list(e.priority_areas)) {}

    event const& source;
    int waitlist;
    int food;
    int max_per_org;
    soci::indicator max_ind;
    long long opens;
    soci::indicator opens_ind;
    long long closes;
    soci::indicator closes_ind;
    std::string areas;
};

template <class Statement>
void bind_event(Statement& st, event_params& p) {
    auto const& e = p.source;
    st, soci::use(e.kind, "kind"), soci::use(e.title, "title"), soci::use(e.theme, "theme"),
        soci::use(e.description, "description"), soci::use(e.starts_at, "starts"),
        soci::use(e.ends_at, "ends"), soci::use(e.venue, "venue"), soci::use(e.address, "address"),
        soci::use(e.capacity, "capacity"), soci::use(p.max_per_org, p.max_ind, "max_per_org"),
        soci::use(p.waitlist, "waitlist"), soci::use(p.food, "food"),
        soci::use(p.opens, p.opens_ind, "opens"), soci::use(p.closes, p.closes_ind, "closes"),
        soci::use(p.areas, "areas"), soci::use(e.status, "status");
}

}  // namespace

std::vector<event> list_upcoming(soci::session& sql, int limit) {
    std::vector<event> out;
    soci::rowset<soci::row> rows = (sql.prepare << list_upcoming_sql, soci::use(limit, "limit"));
    for (auto const& r : rows) out.push_back(event_from_row(r));
    return out;
}

std::vector<event> list_published_between(soci::session& sql, long long from, long long to) {
    int limit = 200;
    std::vector<event> out;
    soci::rowset<soci::row> rows =
        (sql.prepare << list_published_between_sql, soci::use(from, "from"), soci::use(to, "to"),
         soci::use(limit, "limit"));
    for (auto const& r : rows) out.push_back(event_from_row(r));
    return out;
}

std::vector<event> list_all(soci::session& sql, event_filter const& filter, int limit) {
    long long from = filter.from.value_or(0);
    long long to = filter.to.value_or(253402300799LL);  // 9999-12-31
    std::string kind = filter.kind.value_or("");
    std::vector<event> out;
    soci::rowset<soci::row> rows =
        (sql.prepare << list_all_sql, soci::use(from, "from"), soci::use(to, "to"),
         soci::use(kind, "kind"), soci::use(limit, "limit"));
    for (auto const& r : rows) out.push_back(event_from_row(r));
    return out;
}

std::optional<event> find(soci::session& sql, long long id) {
    return find_one(sql, find_sql, id);
}

std::optional<event> lock(soci::session& sql, long long id) {
    return find_one(sql, lock_sql, id);
}

long long insert(soci::session& sql, event const& e) {
    event_params p{e};
    long long id = 0;
    {
        // A one-shot statement runs when its last copy goes: at the end of this block.
        soci::details::once_temp_type st = (sql << insert_sql);
        bind_event(st, p);
        st, soci::into(id);
    }
    return id;
}

void update(soci::session& sql, event const& e) {
    event_params p{e};
    long long id = e.id;
    soci::details::once_temp_type st = (sql << update_sql);
    bind_event(st, p);
    st, soci::use(id, "id");
}

void cancel(soci::session& sql, long long id, std::string const& reason) {
    sql << cancel_sql, soci::use(reason, "reason"), soci::use(id, "id");
}

}  // namespace samverkan::events::repository

#include "modules/events/event_repository.hpp"

#include <soci/soci.h>

namespace samverkan::events::repository {

namespace {

constexpr char const* list_upcoming_sql =
    "select id, kind, title, coalesce(theme, ''), coalesce(description, ''),"
    " extract(epoch from starts_at)::bigint, extract(epoch from ends_at)::bigint,"
    " coalesce(venue, ''), coalesce(address, ''), capacity, max_per_organisation,"
    " case when waitlist then 1 else 0 end, case when food then 1 else 0 end,"
    " extract(epoch from registration_opens_at)::bigint,"
    " extract(epoch from registration_closes_at)::bigint,"
    " array_to_string(priority_areas, ','), status, coalesce(cancel_reason, ''),"
    " confirmed_count, waitlisted_count"
    " from events where status = 'published' and ends_at > now()"
    " order by starts_at, id limit :limit";

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
    return e;
}

}  // namespace

std::vector<event> list_upcoming(soci::session& sql, int limit) {
    std::vector<event> out;
    soci::rowset<soci::row> rows = (sql.prepare << list_upcoming_sql, soci::use(limit, "limit"));
    for (auto const& r : rows) out.push_back(event_from_row(r));
    return out;
}

}  // namespace samverkan::events::repository

#include "modules/audit/audit_repository.hpp"

#include "modules/audit/audit.hpp"

#include <soci/soci.h>

namespace samverkan::audit {

namespace {

constexpr char const* insert_sql =
    "insert into audit_log (user_id, action, entity, entity_id, detail, client_address)"
    " values (nullif(cast(:user_id as bigint), 0), :action, :entity, nullif(cast(:entity_id as "
    "bigint), 0),"
    " cast(:detail as jsonb), nullif(:address, ''))";

constexpr char const* list_sql =
    "select a.id, extract(epoch from a.at)::bigint, coalesce(a.user_id, 0), coalesce(u.name, ''),"
    " a.action, a.entity, coalesce(a.entity_id, 0), a.detail::text,"
    " coalesce(a.client_address, '')"
    " from audit_log a left join users u on u.id = a.user_id"
    " order by a.at desc, a.id desc limit :limit offset :offset";

constexpr char const* count_sql = "select count(*) from audit_log";

}  // namespace

void record(soci::session& sql, entry const& e) {
    long long const user_id = e.user_id;
    long long const entity_id = e.entity_id;
    std::string const detail = e.detail_json.empty() ? std::string{"{}"} : e.detail_json;
    sql << insert_sql, soci::use(user_id), soci::use(e.action), soci::use(e.entity),
        soci::use(entity_id), soci::use(detail), soci::use(e.client_address);
}

namespace repository {

std::vector<row> list(soci::session& sql, long long offset, long long limit) {
    std::vector<row> out;
    soci::rowset<soci::row> rows = (sql.prepare << list_sql, soci::use(limit), soci::use(offset));
    for (auto const& r : rows) {
        row item;
        item.id = r.get<long long>(0);
        item.at = r.get<long long>(1);
        item.user_id = r.get<long long>(2);
        item.user_name = r.get<std::string>(3);
        item.action = r.get<std::string>(4);
        item.entity = r.get<std::string>(5);
        item.entity_id = r.get<long long>(6);
        item.detail_json = r.get<std::string>(7);
        item.client_address = r.get<std::string>(8);
        out.push_back(std::move(item));
    }
    return out;
}

long long count(soci::session& sql) {
    long long n = 0;
    sql << count_sql, soci::into(n);
    return n;
}

}  // namespace repository
}  // namespace samverkan::audit

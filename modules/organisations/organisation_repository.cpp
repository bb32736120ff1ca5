#include "modules/organisations/organisation_repository.hpp"

#include "modules/core/sql_arrays.hpp"

#include <soci/soci.h>

#include <cctype>
#include <map>

namespace samverkan::organisations::repository {

namespace {

constexpr char const* columns =
    "select id, name, coalesce(org_number, ''), kind, coalesce(area, ''),"
    " coalesce(locality, ''), coalesce(to_char(agreement_joined_on, 'YYYY-MM-DD'), ''),"
    " extract(epoch from created_at)::bigint, extract(epoch from updated_at)::bigint"
    " from organisations o";

constexpr char const* list_sql =
    " where (:q1 = '' or lower(o.name) like :p1 escape '\\' or o.org_number like :p2 escape '\\'"
    "        or lower(o.locality) like :p3 escape '\\'"
    "        or exists (select 1 from contacts c where c.organisation_id = o.id"
    "                   and lower(c.email) like :p4 escape '\\'))"
    "   and (:kind1 = '' or o.kind = :kind2) and (:area1 = '' or o.area = :area2)"
    "   and (:members = 0 or o.agreement_joined_on is not null)"
    " order by o.name collate \"sv-SE-x-icu\", o.id limit :limit";

constexpr char const* find_sql = " where o.id = :id";

constexpr char const* contacts_sql =
    "select organisation_id, id, name, email, coalesce(phone, '') from contacts"
    " where organisation_id = any(cast(:ids as bigint[])) order by organisation_id, id";

constexpr char const* id_by_number_sql = "select id from organisations where org_number = :n";

constexpr char const* id_by_name_sql =
    "select id from organisations where lower(name) = lower(:name)";

constexpr char const* insert_sql =
    "insert into organisations (name, org_number, kind, area, locality, agreement_joined_on)"
    " values (:name, nullif(:org, ''), :kind, nullif(:area, ''), nullif(:loc, ''),"
    " cast(nullif(:joined, '') as date)) returning id";

constexpr char const* update_sql =
    "update organisations set name = :name, org_number = nullif(:org, ''), kind = :kind,"
    " area = nullif(:area, ''), locality = nullif(:loc, ''),"
    " agreement_joined_on = cast(nullif(:joined, '') as date), updated_at = now()"
    " where id = :id";

// xmax = 0 tells an inserted row from an updated one; the where clause skips no-op updates.
constexpr char const* upsert_contact_sql =
    "insert into contacts (organisation_id, name, email, phone)"
    " values (:org, :name, :email, nullif(:phone, ''))"
    " on conflict (organisation_id, lower(email)) do update"
    " set name = excluded.name, phone = excluded.phone"
    " where (contacts.name, contacts.phone) is distinct from (excluded.name, excluded.phone)"
    " returning case when xmax = 0 then 1 else 2 end";

constexpr char const* remove_contacts_sql =
    "delete from contacts where organisation_id = :org"
    " and not (lower(email) = any(cast(:keep as text[])))";

constexpr char const* savepoint_sql = "savepoint import_row";
constexpr char const* release_sql = "release savepoint import_row";
constexpr char const* rollback_sql = "rollback to savepoint import_row";

organisation from_row(soci::row const& r) {
    organisation o;
    o.id = r.get<long long>(0);
    o.name = r.get<std::string>(1);
    o.org_number = r.get<std::string>(2);
    o.kind = r.get<std::string>(3);
    o.area = r.get<std::string>(4);
    o.locality = r.get<std::string>(5);
    o.agreement_joined_on = r.get<std::string>(6);
    o.created_at = r.get<long long>(7);
    o.updated_at = r.get<long long>(8);
    return o;
}

std::string like_pattern(std::string const& text) {
    std::string out = "%";
    for (char c : text) {
        if (c == '%' || c == '_' || c == '\\') out += '\\';
        out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return out + "%";
}

void attach_contacts(soci::session& sql, std::vector<organisation>& orgs) {
    if (orgs.empty()) return;
    std::map<long long, organisation*> by_id;
    std::string ids = "{";
    for (auto& o : orgs) {
        by_id[o.id] = &o;
        if (ids.size() > 1) ids += ',';
        ids += std::to_string(o.id);
    }
    ids += "}";
    soci::rowset<soci::row> rows = (sql.prepare << contacts_sql, soci::use(ids, "ids"));
    for (auto const& r : rows)
        by_id.at(r.get<long long>(0))
            ->contacts.push_back({r.get<long long>(1), r.get<std::string>(2), r.get<std::string>(3),
                                  r.get<std::string>(4)});
}

}  // namespace

std::vector<organisation> list(soci::session& sql, organisation_filter const& f) {
    std::vector<organisation> out;
    auto const pattern = like_pattern(f.query);
    int const members = f.agreement_members_only ? 1 : 0;
    soci::rowset<soci::row> rows =
        (sql.prepare << std::string{columns} + list_sql, soci::use(f.query, "q1"),
         soci::use(pattern, "p1"), soci::use(pattern, "p2"), soci::use(pattern, "p3"),
         soci::use(pattern, "p4"), soci::use(f.kind, "kind1"), soci::use(f.kind, "kind2"),
         soci::use(f.area, "area1"), soci::use(f.area, "area2"), soci::use(members, "members"),
         soci::use(f.limit, "limit"));
    for (auto const& r : rows) out.push_back(from_row(r));
    attach_contacts(sql, out);
    return out;
}

std::optional<organisation> find(soci::session& sql, long long id) {
    std::vector<organisation> out;
    soci::rowset<soci::row> rows =
        (sql.prepare << std::string{columns} + find_sql, soci::use(id, "id"));
    for (auto const& r : rows) out.push_back(from_row(r));
    if (out.empty()) return std::nullopt;
    attach_contacts(sql, out);
    return std::move(out.front());
}

long long find_id_by_number(soci::session& sql, std::string const& org_number) {
    long long id = 0;
    if (org_number.empty()) return 0;
    sql << id_by_number_sql, soci::use(org_number, "n"), soci::into(id);
    return sql.got_data() ? id : 0;
}

long long find_id_by_name(soci::session& sql, std::string const& name) {
    long long id = 0;
    sql << id_by_name_sql, soci::use(name, "name"), soci::into(id);
    return sql.got_data() ? id : 0;
}

long long insert(soci::session& sql, organisation const& o) {
    long long id = 0;
    sql << insert_sql, soci::use(o.name, "name"), soci::use(o.org_number, "org"),
        soci::use(o.kind, "kind"), soci::use(o.area, "area"), soci::use(o.locality, "loc"),
        soci::use(o.agreement_joined_on, "joined"), soci::into(id);
    return id;
}

void update(soci::session& sql, organisation const& o) {
    sql << update_sql, soci::use(o.name, "name"), soci::use(o.org_number, "org"),
        soci::use(o.kind, "kind"), soci::use(o.area, "area"), soci::use(o.locality, "loc"),
        soci::use(o.agreement_joined_on, "joined"), soci::use(o.id, "id");
}

int upsert_contact(soci::session& sql, long long organisation_id, contact const& c) {
    int outcome = 0;
    sql << upsert_contact_sql, soci::use(organisation_id, "org"), soci::use(c.name, "name"),
        soci::use(c.email, "email"), soci::use(c.phone, "phone"), soci::into(outcome);
    return sql.got_data() ? outcome : 0;
}

void remove_other_contacts(soci::session& sql, long long organisation_id,
                           std::vector<std::string> const& keep) {
    auto const list = core::text_array(keep);
    sql << remove_contacts_sql, soci::use(organisation_id, "org"), soci::use(list, "keep");
}

void savepoint(soci::session& sql) {
    sql << savepoint_sql;
}

void release_savepoint(soci::session& sql) {
    sql << release_sql;
}

void rollback_to_savepoint(soci::session& sql) {
    sql << rollback_sql;
}

}  // namespace samverkan::organisations::repository

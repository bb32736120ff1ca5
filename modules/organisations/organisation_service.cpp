#include "modules/organisations/organisation_service.hpp"

#include "modules/audit/audit.hpp"
#include "modules/core/database.hpp"
#include "modules/core/text.hpp"
#include "modules/organisations/organisation_import.hpp"
#include "modules/organisations/organisation_repository.hpp"
#include "server/api_error.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <cctype>

namespace samverkan::organisations {

using server::api_error;
using server::error_kind;
using server::message;

namespace {

using core::lower_ascii;

// The name and the organisationsnummer are unique: say which one is taken, clearly.
void check_unique(soci::session& sql, organisation const& o) {
    auto const by_number = repository::find_id_by_number(sql, o.org_number);
    if (by_number != 0 && by_number != o.id)
        throw api_error(error_kind::conflict,
                        message::of("register.number_taken", {{"number", o.org_number}}))
            .with_fields({{"org_number", message::of("register.taken")}});
    auto const by_name = repository::find_id_by_name(sql, o.name);
    if (by_name != 0 && by_name != o.id)
        throw api_error(error_kind::conflict,
                        message::of("register.name_taken", {{"name", o.name}}))
            .with_fields({{"name", message::of("register.taken")}});
}

void save_contacts(soci::session& sql, long long id, std::vector<contact> const& contacts) {
    std::vector<std::string> keep;
    for (auto const& c : contacts) {
        repository::upsert_contact(sql, id, c);
        keep.push_back(lower_ascii(c.email));
    }
    repository::remove_other_contacts(sql, id, keep);
}

void record(soci::session& sql, actor const& who, char const* action, long long id,
            std::string detail = "{}") {
    audit::record(sql,
                  {who.user_id, action, "organisation", id, std::move(detail), who.client_address});
}

}  // namespace

organisation_service::organisation_service(db::database& db) : db_(db) {}

asio::awaitable<std::vector<organisation>> organisation_service::list(organisation_filter filter) {
    co_return co_await db_.run([&](soci::session& sql) { return repository::list(sql, filter); });
}

asio::awaitable<organisation> organisation_service::get(long long id) {
    auto found = co_await db_.run([id](soci::session& sql) { return repository::find(sql, id); });
    if (!found) throw api_error(error_kind::not_found, message::of("register.not_found"));
    co_return std::move(*found);
}

asio::awaitable<organisation> organisation_service::create(organisation o, actor who) {
    auto const id = co_await db_.transact([&](soci::session& sql) {
        check_unique(sql, o);
        auto const new_id = repository::insert(sql, o);
        save_contacts(sql, new_id, o.contacts);
        record(sql, who, "organisation.create", new_id);
        return new_id;
    });
    co_return co_await get(id);
}

asio::awaitable<organisation> organisation_service::update(long long id, organisation_patch patch,
                                                           actor who) {
    co_await db_.transact([&](soci::session& sql) {
        auto current = repository::find(sql, id);
        if (!current) throw api_error(error_kind::not_found, message::of("register.not_found"));
        auto& o = *current;
        if (patch.name) o.name = *patch.name;
        if (patch.org_number) o.org_number = *patch.org_number;
        if (patch.kind) o.kind = *patch.kind;
        if (patch.area) o.area = *patch.area;
        if (patch.locality) o.locality = *patch.locality;
        if (patch.agreement_joined_on) o.agreement_joined_on = *patch.agreement_joined_on;
        check_unique(sql, o);
        repository::update(sql, o);
        if (patch.contacts) save_contacts(sql, id, *patch.contacts);
        record(sql, who, "organisation.update", id);
    });
    co_return co_await get(id);
}

asio::awaitable<import_result> organisation_service::import_csv(std::string text, actor who) {
    auto const rows = parse_import(text);  // 422 before any database work
    co_return co_await db_.transact([&](soci::session& sql) {
        auto result = apply_import(sql, rows);
        auto const detail = boost::json::serialize(
            boost::json::object{{"created", result.created},
                                {"updated", result.updated},
                                {"rejected", static_cast<long long>(result.rejected.size())}});
        record(sql, who, "organisations.import", 0, detail);
        return result;
    });
}

}  // namespace samverkan::organisations

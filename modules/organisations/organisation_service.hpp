#pragma once

#include "modules/organisations/organisation_types.hpp"
#include "server/asio_fwd.hpp"

#include <boost/asio/awaitable.hpp>

#include <string>
#include <vector>

namespace samverkan::db {
class database;
}

namespace samverkan::organisations {

/// The organisation register: list and search, add, change, and the CSV import. Rules
/// here; no HTTP. Throws server::api_error: 404 unknown id, 409 when the name or the
/// organisationsnummer belongs to another organisation, 422 for invalid fields.
class organisation_service {
public:
    explicit organisation_service(db::database& db);

    asio::awaitable<std::vector<organisation>> list(organisation_filter filter);
    asio::awaitable<organisation> get(long long id);
    /// `o` is validated already (see organisation_input.hpp).
    asio::awaitable<organisation> create(organisation o, actor who);
    asio::awaitable<organisation> update(long long id, organisation_patch patch, actor who);

    /// API.md's import: UTF-8 CSV with a header row, ';' or ',' separated, one row per
    /// contact; creates or updates by organisationsnummer, else by name; rows it cannot
    /// use are reported by line and the rest is applied, in one transaction. 422 when the
    /// header has no `name` column or the text is not CSV at all.
    asio::awaitable<import_result> import_csv(std::string text, actor who);

private:
    db::database& db_;
};

}  // namespace samverkan::organisations

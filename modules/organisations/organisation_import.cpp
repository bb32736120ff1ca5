#include "modules/organisations/organisation_import.hpp"

#include "modules/organisations/organisation_csv.hpp"
#include "modules/organisations/organisation_input.hpp"
#include "modules/organisations/organisation_repository.hpp"
#include "server/api_error.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <algorithm>
#include <array>
#include <cctype>
#include <map>
#include <set>
#include <stdexcept>

namespace samverkan::organisations {

using server::api_error;
using server::error_kind;
using server::message;

namespace {

constexpr std::array<std::string_view, 9> known_columns{
    "name",         "org_number",    "kind",         "area", "locality", "agreement_joined_on",
    "contact_name", "contact_email", "contact_phone"};

std::string header_name(std::string const& cell) {
    std::string out;
    for (char c : cell)
        if (c != ' ' && c != '\t' && c != '"')
            out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

struct columns {
    std::map<std::string, std::size_t, std::less<>> index;

    [[nodiscard]] std::string_view cell(csv_record const& r, std::string_view name) const {
        auto const it = index.find(name);
        if (it == index.end() || it->second >= r.cells.size()) return {};
        return r.cells[it->second];
    }
};

columns read_header(csv_record const& header) {
    columns c;
    for (std::size_t i = 0; i < header.cells.size(); ++i) {
        auto const name = header_name(header.cells[i]);
        if (std::find(known_columns.begin(), known_columns.end(), name) != known_columns.end())
            c.index.emplace(name, i);
    }
    if (!c.index.contains("name"))
        throw api_error(error_kind::validation_failed,
                        message::of("register.import.no_name_column"))
            .with_fields({{"header", message::of("register.import.header")}});
    return c;
}

// Why a row cannot be used: the column and what is wrong with it.
struct problem {
    std::string column;
    std::optional<message> error;

    void set(std::string c, message m) {
        if (error) return;  // the first problem of a row is the one reported
        column = std::move(c);
        error = std::move(m);
    }
};

// One cell through its field's rule (the same as the API's and the form's): the value, or
// the first problem of the row.
std::string take(columns const& cols, csv_record const& r, char const* column, field f,
                 problem& p) {
    std::string value{cols.cell(r, column)};
    if (auto problem = check_field(f, value)) p.set(column, std::move(*problem));
    return value;
}

bool blank(std::string_view cell) {
    return cell.find_first_not_of(" \t") == std::string_view::npos;
}

import_row read_row(columns const& cols, csv_record const& r) {
    import_row row;
    row.line = r.line;
    problem e;
    auto& o = row.org;
    o.name = take(cols, r, "name", field::name, e);
    o.org_number = take(cols, r, "org_number", field::org_number, e);
    // An empty kind is not given: an update keeps the register's (a new one: association).
    o.kind = blank(cols.cell(r, "kind")) ? std::string{} : take(cols, r, "kind", field::kind, e);
    o.area = take(cols, r, "area", field::area, e);
    o.locality = take(cols, r, "locality", field::locality, e);
    o.agreement_joined_on = take(cols, r, "agreement_joined_on", field::agreement_joined_on, e);
    auto const name = take(cols, r, "contact_name", field::contact_name, e);
    if (!blank(cols.cell(r, "contact_email"))) {
        row.person.email = take(cols, r, "contact_email", field::contact_email, e);
        row.person.name = name.empty() ? row.person.email : name;
        row.person.phone = take(cols, r, "contact_phone", field::contact_phone, e);
    } else if (!name.empty()) {
        e.set("contact_email", message::of("register.import.contact_needs_email"));
    }
    row.column = std::move(e.column);
    row.error = std::move(e.error);
    return row;
}

// The organisation a row means, or an error when its name and number point at two
// different ones.
long long match(soci::session& sql, organisation const& o, problem& error) {
    auto const by_number = repository::find_id_by_number(sql, o.org_number);
    auto const by_name = repository::find_id_by_name(sql, o.name);
    if (by_number != 0) {
        if (by_name != 0 && by_name != by_number)
            error.set("name", message::of("register.import.name_taken", {{"name", o.name}}));
        return by_number;
    }
    if (by_name != 0 && !o.org_number.empty()) {
        auto const existing = repository::find(sql, by_name);
        if (existing && !existing->org_number.empty())
            error.set("org_number",
                      message::of("register.import.number_differs",
                                  {{"name", o.name}, {"number", existing->org_number}}));
    }
    return by_name;
}

// Fields the row gives overwrite; empty cells keep what the register has. True when
// something changed.
bool merge(organisation& current, organisation const& given) {
    bool changed = false;
    for (auto [field, value] :
         {std::pair{&current.name, &given.name}, std::pair{&current.org_number, &given.org_number},
          std::pair{&current.kind, &given.kind}, std::pair{&current.area, &given.area},
          std::pair{&current.locality, &given.locality},
          std::pair{&current.agreement_joined_on, &given.agreement_joined_on}}) {
        if (value->empty() || *field == *value) continue;
        *field = *value;
        changed = true;
    }
    return changed;
}

struct tally {
    std::set<long long> created;
    std::set<long long> updated;
    std::set<long long> touched;
};

void apply_row(soci::session& sql, import_row const& row, tally& t, problem& error) {
    auto const id = match(sql, row.org, error);
    if (error.error) return;
    long long org_id = id;
    if (id == 0) {
        auto o = row.org;
        if (o.kind.empty()) o.kind = "association";
        org_id = repository::insert(sql, o);
        t.created.insert(org_id);
    } else if (auto current = repository::find(sql, id); current && merge(*current, row.org)) {
        repository::update(sql, *current);
        if (!t.created.contains(id)) t.updated.insert(id);
    }
    t.touched.insert(org_id);
    if (!row.person.email.empty() && repository::upsert_contact(sql, org_id, row.person) != 0 &&
        !t.created.contains(org_id))
        t.updated.insert(org_id);
}

}  // namespace

std::vector<import_row> parse_import(std::string_view text) {
    std::vector<csv_record> records;
    try {
        records = parse_csv(text);
    } catch (std::invalid_argument const& e) {
        throw api_error(error_kind::validation_failed, message::of("register.import.not_csv"))
            .with_fields({{"csv", message::of(e.what())}});
    }
    if (records.empty())
        throw api_error(error_kind::validation_failed, message::of("register.import.empty"))
            .with_fields({{"header", message::of("register.import.header")}});
    auto const cols = read_header(records.front());
    std::vector<import_row> rows;
    for (std::size_t i = 1; i < records.size(); ++i) rows.push_back(read_row(cols, records[i]));
    return rows;
}

import_result apply_import(soci::session& sql, std::vector<import_row> const& rows) {
    import_result result;
    tally t;
    for (auto const& row : rows) {
        problem error{row.column, row.error};
        if (!error.error) {
            // A savepoint per row: a row the database refuses costs only that row.
            repository::savepoint(sql);
            try {
                apply_row(sql, row, t, error);
                repository::release_savepoint(sql);
            } catch (std::exception const&) {
                repository::rollback_to_savepoint(sql);
                error = {"", message::of("register.import.not_saved")};
            }
        }
        if (error.error) result.rejected.push_back({row.line, error.column, *error.error});
    }
    result.created = static_cast<int>(t.created.size());
    result.updated = static_cast<int>(t.updated.size());
    result.unchanged = static_cast<int>(t.touched.size() - t.created.size() - t.updated.size());
    return result;
}

std::string rejection_text(import_rejection const& r, core::wording const& words) {
    if (r.column.empty()) return words.say(r.error);
    return words("register.import.problem",
                 {{"column", r.column}, {"problem", words.say(r.error)}});
}

boost::json::object import_json(import_result const& r, core::wording const& words) {
    boost::json::array rejected;
    for (auto const& x : r.rejected)
        rejected.push_back(
            boost::json::object{{"line", x.line}, {"error", rejection_text(x, words)}});
    return {{"created", r.created},
            {"updated", r.updated},
            {"unchanged", r.unchanged},
            {"rejected", std::move(rejected)}};
}

}  // namespace samverkan::organisations

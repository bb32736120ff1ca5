#include "modules/core/database_errors.hpp"

#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>

namespace samverkan::db {

namespace {

constexpr std::size_t max_message = 200;

std::string sqlstate_of(soci::soci_error const& e) {
    if (auto const* pg = dynamic_cast<soci::postgresql_soci_error const*>(&e)) {
        auto state = pg->sqlstate();
        if (state.size() == 5) return state;
    }
    return {};
}

// The primary message: after "ERROR:" when present, up to the end of its line.
std::string_view primary(std::string_view message) {
    if (auto const at = message.find("ERROR:"); at != std::string_view::npos)
        message.remove_prefix(at + 6);
    if (auto const end = message.find_first_of("\r\n"); end != std::string_view::npos)
        message = message.substr(0, end);
    while (!message.empty() && message.front() == ' ') message.remove_prefix(1);
    return message;
}

// Values appear quoted ("…" or '…') in PostgreSQL's messages: keep the words, drop them.
std::string without_quoted(std::string_view text) {
    std::string out;
    char open = 0;
    for (char c : text) {
        if (open != 0) {
            if (c == open) {
                out += "…";
                out += c;
                open = 0;
            }
            continue;
        }
        out += c;
        if (c == '"' || c == '\'') open = c;
    }
    if (open != 0) out += "…";
    return out;
}

}  // namespace

std::string loggable_message(std::string_view sqlstate, std::string_view message) {
    auto text = without_quoted(primary(message));
    if (text.size() > max_message) text.resize(max_message);
    // Only printable ASCII: the words are PostgreSQL's, never the input's.
    for (auto& c : text)
        if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) > 0x7E) c = '?';
    return sqlstate.empty() ? text : "SQLSTATE " + std::string{sqlstate} + ": " + text;
}

std::string describe(soci::soci_error const& e) {
    return loggable_message(sqlstate_of(e), e.get_error_message());
}

database_error::database_error(soci::soci_error const& e)
    : std::runtime_error(describe(e)), sqlstate_(sqlstate_of(e)) {}

}  // namespace samverkan::db

#include "modules/core/csv_writer.hpp"

namespace samverkan::core {

namespace {

bool could_be_formula(std::string_view value) {
    if (value.empty()) return false;
    char const c = value.front();
    return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
}

template <class Cells>
void append_row(std::string& out, Cells const& cells) {
    bool first = true;
    for (auto const& cell : cells) {
        if (!first) out += ';';
        first = false;
        out += csv_cell(cell);
    }
    out += "\r\n";
}

}  // namespace

csv_writer::csv_writer() : out_("\xEF\xBB\xBF") {}

void csv_writer::row(std::vector<std::string> const& cells) {
    append_row(out_, cells);
}

void csv_writer::row(std::initializer_list<std::string_view> cells) {
    append_row(out_, cells);
}

std::string csv_cell(std::string_view value) {
    std::string cell;
    if (could_be_formula(value)) cell += '\'';
    cell.append(value);
    if (cell.find_first_of(";,\"\r\n") == std::string::npos) return cell;
    std::string quoted = "\"";
    for (char c : cell) {
        if (c == '"') quoted += '"';
        quoted += c;
    }
    return quoted + "\"";
}

}  // namespace samverkan::core

#include "modules/organisations/organisation_csv.hpp"

#include <stdexcept>

namespace samverkan::organisations {

namespace {

char separator_of(std::string_view text) {
    int semicolons = 0;
    int commas = 0;
    bool quoted = false;
    for (char c : text) {
        if (c == '"') quoted = !quoted;
        if (quoted) continue;
        if (c == '\n' || c == '\r') break;
        semicolons += c == ';';
        commas += c == ',';
    }
    return semicolons >= commas && semicolons > 0 ? ';' : ',';
}

bool blank(csv_record const& r) {
    for (auto const& c : r.cells)
        if (c.find_first_not_of(" \t") != std::string::npos) return false;
    return true;
}

}  // namespace

std::vector<csv_record> parse_csv(std::string_view text) {
    if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
    char const sep = separator_of(text);
    std::vector<csv_record> out;
    csv_record record{1, {std::string{}}};
    int line = 1;
    bool quoted = false;
    auto finish = [&] {
        if (!blank(record)) out.push_back(std::move(record));
        record = csv_record{line, {std::string{}}};
    };
    for (std::size_t i = 0; i < text.size(); ++i) {
        char const c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
                record.cells.back() += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                if (c == '\n') ++line;
                record.cells.back() += c;
            }
        } else if (c == '"') {
            quoted = true;
        } else if (c == sep) {
            record.cells.emplace_back();
        } else if (c == '\r' || c == '\n') {
            if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
            ++line;
            finish();
        } else {
            record.cells.back() += c;
        }
    }
    // The message key of the answer (organisation_import.cpp puts it into words).
    if (quoted) throw std::invalid_argument("register.import.unclosed_quote");
    finish();
    return out;
}

}  // namespace samverkan::organisations

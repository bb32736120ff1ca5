#include "modules/core/sql_arrays.hpp"

namespace samverkan::core {

std::string text_array(std::vector<std::string> const& items) {
    std::string out = "{";
    for (auto const& item : items) {
        if (out.size() > 1) out += ',';
        out += '"';
        for (char c : item) {
            if (c == '"' || c == '\\') out += '\\';
            out += c;
        }
        out += '"';
    }
    return out + "}";
}

std::string id_array(std::vector<long long> const& ids) {
    std::string out = "{";
    for (auto id : ids) {
        if (out.size() > 1) out += ',';
        out += std::to_string(id);
    }
    return out + "}";
}

}  // namespace samverkan::core

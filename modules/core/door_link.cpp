#include "modules/core/door_link.hpp"

#include <algorithm>
#include <stdexcept>

namespace samverkan::core {

bool valid_door_code(std::string_view code) {
    return code.size() == 32 && std::all_of(code.begin(), code.end(), [](char c) {
               return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
           });
}

std::string door_link(std::string_view base_url, std::string_view code) {
    if (!valid_door_code(code)) throw std::invalid_argument("not a door code");
    std::string out{base_url};
    out.append("/staff/door/").append(code);
    return out;
}

}  // namespace samverkan::core

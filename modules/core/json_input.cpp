#include "modules/core/json_input.hpp"

#include "modules/core/text.hpp"
#include "server/request.hpp"

#include <boost/json.hpp>

#include <algorithm>

namespace samverkan::core {

using server::api_error;
using server::error_kind;

boost::json::object parse_json_object(server::request const& req) {
    if (req.content_type() != "application/json")
        throw api_error(error_kind::unsupported_media_type, server::message::of("input.send_json"));
    boost::system::error_code ec;
    auto value = boost::json::parse(req.message.body(), ec);
    if (ec)
        throw api_error(error_kind::bad_request,
                        server::message::of("input.not_json", {{"reason", ec.message()}}));
    if (!value.is_object())
        throw api_error(error_kind::bad_request, server::message::of("input.not_object"));
    return std::move(value.as_object());
}

void throw_if_invalid(server::field_errors const& errors) {
    if (errors.empty()) return;
    throw api_error(error_kind::validation_failed, server::message::of("input.invalid"))
        .with_fields(errors);
}

bool valid_email(std::string_view email) {
    if (email.size() < 3 || email.size() > 254) return false;
    auto const at = email.rfind('@');
    if (at == std::string_view::npos || at == 0 || at + 1 >= email.size()) return false;
    auto const domain = email.substr(at + 1);
    if (domain.find('.') == std::string_view::npos || domain.front() == '.' || domain.back() == '.')
        return false;
    for (char c : email) {
        auto const u = static_cast<unsigned char>(c);
        if (u <= 0x20 || u == 0x7F || c == '<' || c == '>' || c == ',' || c == ';' || c == '"' ||
            c == '(' || c == ')' || c == '[' || c == ']' || c == '\\')
            return false;
    }
    return email.find('@') == at;
}

}  // namespace samverkan::core

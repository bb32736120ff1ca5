#include "modules/core/form_input.hpp"

#include "modules/core/text.hpp"
#include "server/api_error.hpp"

#include <boost/url/encoding_opts.hpp>
#include <boost/url/parse_query.hpp>

#include <string>

namespace samverkan::core {

using server::api_error;
using server::error_kind;

form_input::form_input(std::string_view encoded) {
    if (encoded.empty()) return;
    // Boost.URL 1.81's parse_query takes the length of its buffer from strlen(data), not
    // from the view (found by fuzz/form_input_fuzzer): given a view that is not the whole
    // NUL-terminated string it reads past the view's end. A copy ends exactly there.
    std::string const owned{encoded};
    auto const parsed = boost::urls::parse_query({owned.data(), owned.size()});
    if (!parsed) throw api_error(error_kind::bad_request, "The form data is not valid.");
    // Forms encode a space as '+', unlike URL paths.
    boost::urls::encoding_opts opts;
    opts.space_as_plus = true;
    for (auto const& param : *parsed) {
        if (param.key.empty() && !param.has_value) continue;  // "a=1&&b=2"
        auto key = param.key.decode(opts);
        auto value = param.has_value ? param.value.decode(opts) : std::string{};
        // Percent escapes can spell any bytes (%C0%AF, an overlong '/'): only well-formed
        // UTF-8 goes further, so nothing else reaches the database or a log line.
        if (!valid_utf8(key) || !valid_utf8(value))
            throw api_error(error_kind::bad_request, "The form data is not valid UTF-8.");
        pairs_.emplace_back(std::move(key), std::move(value));
    }
}

form_input form_input::from_request(server::request const& req) {
    if (!is_form(req))
        throw api_error(error_kind::unsupported_media_type,
                        "Send the form as application/x-www-form-urlencoded.");
    return form_input{std::string_view{req.message.body()}};
}

std::optional<std::string_view> form_input::get(std::string_view name) const {
    for (auto const& [key, value] : pairs_)
        if (key == name) return std::string_view{value};
    return std::nullopt;
}

std::string form_input::value(std::string_view name) const {
    return std::string{get(name).value_or("")};
}

std::vector<std::string_view> form_input::get_all(std::string_view name) const {
    std::vector<std::string_view> out;
    for (auto const& [key, value] : pairs_)
        if (key == name) out.emplace_back(value);
    return out;
}

bool is_form(server::request const& req) {
    return req.content_type() == "application/x-www-form-urlencoded";
}

}  // namespace samverkan::core

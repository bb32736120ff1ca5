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
        throw api_error(error_kind::unsupported_media_type, "Send the body as application/json.");
    boost::system::error_code ec;
    auto value = boost::json::parse(req.message.body(), ec);
    if (ec)
        throw api_error(error_kind::bad_request,
                        "The body is not valid JSON: " + ec.message() + ".");
    if (!value.is_object())
        throw api_error(error_kind::bad_request, "The body must be a JSON object.");
    return std::move(value.as_object());
}

json_reader::json_reader(boost::json::object const& object, server::field_errors& errors,
                         std::string prefix)
    : object_(object), errors_(errors), prefix_(std::move(prefix)) {}

std::string json_reader::path(std::string_view key) const {
    return prefix_ + std::string{key};
}

void json_reader::fail(std::string_view key, server::message message) {
    errors_.emplace(path(key), std::move(message));  // the first error of a field stays
}

bool json_reader::has(std::string_view key) const {
    auto const* v = object_.if_contains(key);
    return v != nullptr && !v->is_null();
}

boost::json::value const* json_reader::find(std::string_view key, bool required) {
    auto const* v = object_.if_contains(key);
    if (v == nullptr || v->is_null()) {
        if (required) fail(key, "Required.");
        return nullptr;
    }
    return v;
}

namespace {

[[noreturn]] void wrong_type(std::string const& path, char const* expected) {
    throw api_error(error_kind::bad_request, "Field '" + path + "' must be " + expected + ".");
}

}  // namespace

std::optional<std::string> json_reader::text(std::string_view key, bool required, std::size_t max,
                                             std::size_t min) {
    auto const* v = find(key, required);
    if (v == nullptr) return std::nullopt;
    if (!v->is_string()) wrong_type(path(key), "a string");
    std::string_view s = v->get_string();
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
    if (s.empty() && min > 0) {
        if (required) fail(key, "Required.");
        return std::nullopt;
    }
    if (!clean_text(s, max > 200)) {
        fail(key, "Contains characters that are not allowed.");
        return std::nullopt;
    }
    auto const length = utf8_length(s);
    if (length < min || length > max) {
        fail(key, "Must be " + std::to_string(min) + "–" + std::to_string(max) + " characters.");
        return std::nullopt;
    }
    return std::string{s};
}

std::optional<long long> json_reader::integer(std::string_view key, bool required, long long min,
                                              long long max) {
    auto const* v = find(key, required);
    if (v == nullptr) return std::nullopt;
    if (!v->is_int64() && !v->is_uint64()) wrong_type(path(key), "a whole number");
    if (v->is_uint64() && v->get_uint64() > static_cast<unsigned long long>(max)) {
        fail(key, "Must be at most " + std::to_string(max) + ".");
        return std::nullopt;
    }
    auto const n = v->is_int64() ? v->get_int64() : static_cast<long long>(v->get_uint64());
    if (n < min || n > max) {
        fail(key, "Must be between " + std::to_string(min) + " and " + std::to_string(max) + ".");
        return std::nullopt;
    }
    return n;
}

std::optional<bool> json_reader::boolean(std::string_view key, bool required) {
    auto const* v = find(key, required);
    if (v == nullptr) return std::nullopt;
    if (!v->is_bool()) wrong_type(path(key), "true or false");
    return v->get_bool();
}

std::optional<std::string> json_reader::choice(std::string_view key, bool required,
                                               std::vector<std::string_view> const& allowed) {
    auto const* v = find(key, required);
    if (v == nullptr) return std::nullopt;
    if (!v->is_string()) wrong_type(path(key), "a string");
    std::string_view s = v->get_string();
    if (std::find(allowed.begin(), allowed.end(), s) == allowed.end()) {
        std::string list;
        for (auto a : allowed) list.append(list.empty() ? "" : ", ").append(a);
        fail(key, "Must be one of: " + list + ".");
        return std::nullopt;
    }
    return std::string{s};
}

std::optional<std::vector<std::string>> json_reader::choices(
    std::string_view key, std::vector<std::string_view> const& allowed) {
    auto const* v = find(key, false);
    if (v == nullptr) return std::vector<std::string>{};
    if (!v->is_array()) wrong_type(path(key), "an array");
    std::vector<std::string> out;
    for (auto const& item : v->get_array()) {
        if (!item.is_string()) wrong_type(path(key), "an array of strings");
        std::string_view s = item.get_string();
        if (std::find(allowed.begin(), allowed.end(), s) == allowed.end()) {
            fail(key, "Unknown value '" + std::string{s} + "'.");
            return std::nullopt;
        }
        if (std::find(out.begin(), out.end(), s) == out.end()) out.emplace_back(s);
    }
    return out;
}

boost::json::object const* json_reader::object(std::string_view key, bool required) {
    auto const* v = find(key, required);
    if (v == nullptr) return nullptr;
    if (!v->is_object()) wrong_type(path(key), "an object");
    return &v->get_object();
}

boost::json::array const* json_reader::array(std::string_view key, bool required) {
    auto const* v = find(key, required);
    if (v == nullptr) return nullptr;
    if (!v->is_array()) wrong_type(path(key), "an array");
    return &v->get_array();
}

void throw_if_invalid(server::field_errors const& errors) {
    if (errors.empty()) return;
    throw api_error(error_kind::validation_failed, "Some fields are missing or invalid.")
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

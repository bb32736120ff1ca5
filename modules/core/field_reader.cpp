#include "modules/core/field_reader.hpp"

#include "modules/core/form_input.hpp"
#include "modules/core/json_input.hpp"
#include "modules/core/text.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <charconv>

namespace samverkan::core {

using server::api_error;
using server::error_kind;
using server::message;

namespace {

[[noreturn]] void wrong_type(std::string const& path, char const* expected) {
    throw api_error(error_kind::bad_request,
                    message::of("input.wrong_type", {{"field", path}, {"expected", expected}}));
}

}  // namespace

field_reader::field_reader(boost::json::object const& object, server::field_errors& errors,
                           std::string prefix)
    : object_(&object), errors_(errors), prefix_(std::move(prefix)) {}

field_reader::field_reader(form_input const& form, server::field_errors& errors, std::string prefix)
    : form_(&form), errors_(errors), prefix_(std::move(prefix)) {}

std::string field_reader::path(std::string_view key) const {
    return prefix_ + std::string{key};
}

void field_reader::fail(std::string_view key, message m) {
    errors_.emplace(path(key), std::move(m));  // the first problem of a field stays
}

boost::json::value const* field_reader::find(std::string_view key) const {
    auto const* v = object_->if_contains(key);
    return v == nullptr || v->is_null() ? nullptr : v;
}

bool field_reader::has(std::string_view key) const {
    if (form_) return form_->get(path(key)).has_value();
    return find(key) != nullptr;
}

std::string field_reader::raw(std::string_view key) const {
    if (form_) return form_->value(path(key));
    auto const* v = find(key);
    if (v == nullptr) return {};
    if (v->is_string()) return std::string{v->get_string()};
    return boost::json::serialize(*v);
}

std::string field_reader::raw_text(std::string_view key) const {
    if (form_) return form_->value(path(key));
    auto const* v = find(key);
    if (v == nullptr) return {};
    if (!v->is_string()) wrong_type(path(key), "a string");
    return std::string{v->get_string()};
}

std::vector<std::string> field_reader::raw_list(std::string_view key) const {
    std::vector<std::string> out;
    if (form_) {
        for (auto v : form_->get_all(path(key))) out.emplace_back(v);
        return out;
    }
    auto const* v = find(key);
    if (v == nullptr) return out;
    if (!v->is_array()) wrong_type(path(key), "an array of strings");
    for (auto const& item : v->get_array()) {
        if (!item.is_string()) wrong_type(path(key), "an array of strings");
        out.emplace_back(item.get_string());
    }
    return out;
}

std::optional<std::string> field_reader::string_of(std::string_view key, bool required,
                                                   char const* required_message) {
    auto value = trim(raw_text(key));
    if (value.empty()) {
        if (required) fail(key, message::of(required_message));
        return std::nullopt;
    }
    return value;
}

std::optional<message> text_problem(std::string_view trimmed, text_rule const& rule) {
    if (!clean_text(trimmed, rule.multiline)) return message::of("input.not_allowed_characters");
    auto const length = utf8_length(trimmed);
    if (length >= rule.min && length <= rule.max) return std::nullopt;
    if (rule.min > 1)
        return message::of("input.length",
                           {{"min", std::to_string(rule.min)}, {"max", std::to_string(rule.max)}});
    return message::of("input.too_long", {{"max", std::to_string(rule.max)}});
}

std::optional<std::string> field_reader::text(std::string_view key, text_rule const& rule) {
    auto value = string_of(key, rule.required, rule.required_message);
    if (!value) return std::nullopt;
    if (auto problem = text_problem(*value, rule)) {
        fail(key, std::move(*problem));
        return std::nullopt;
    }
    return value;
}

std::optional<std::string> field_reader::email(std::string_view key, bool required,
                                               char const* required_message) {
    auto value = string_of(key, required, required_message);
    if (!value) return std::nullopt;
    if (!valid_email(*value)) {
        fail(key, message::of("input.email"));
        return std::nullopt;
    }
    return value;
}

std::optional<long long> field_reader::integer(std::string_view key, integer_rule const& rule) {
    long long n = 0;
    if (form_) {
        auto const text = string_of(key, rule.required, "input.required");
        if (!text) return std::nullopt;
        auto const number = whole_number(*text);
        if (!number) {
            fail(key, message::of("input.whole_number"));
            return std::nullopt;
        }
        n = *number;
    } else {
        auto const* v = find(key);
        if (v == nullptr) {
            if (rule.required) fail(key, message::of("input.required"));
            return std::nullopt;
        }
        if (!v->is_int64() && !v->is_uint64()) wrong_type(path(key), "a whole number");
        n = v->is_int64() ? v->get_int64() : rule.max + 1;  // a uint64 is beyond every rule
    }
    if (n < rule.min || n > rule.max) {
        fail(key, message::of("input.between", {{"min", std::to_string(rule.min)},
                                                {"max", std::to_string(rule.max)}}));
        return std::nullopt;
    }
    return n;
}

std::optional<bool> field_reader::boolean(std::string_view key, bool required) {
    if (form_) return form_->get(path(key)).has_value();
    auto const* v = find(key);
    if (v == nullptr) {
        if (required) fail(key, message::of("input.required"));
        return std::nullopt;
    }
    if (!v->is_bool()) wrong_type(path(key), "true or false");
    return v->get_bool();
}

std::optional<std::string> field_reader::choice(std::string_view key, bool required,
                                                std::vector<std::string_view> const& allowed) {
    auto value = string_of(key, required, "input.required");
    if (!value) return std::nullopt;
    if (std::find(allowed.begin(), allowed.end(), *value) == allowed.end()) {
        std::string list;
        for (auto a : allowed) list.append(list.empty() ? "" : ", ").append(a);
        fail(key, message::of("input.one_of", {{"values", list}}));
        return std::nullopt;
    }
    return value;
}

std::optional<std::vector<std::string>> field_reader::choices(
    std::string_view key, std::vector<std::string_view> const& allowed) {
    auto const given = raw_list(key);
    std::vector<std::string> out;
    for (auto const& s : given) {
        if (std::find(allowed.begin(), allowed.end(), s) == allowed.end()) {
            fail(key, message::of("input.unknown_value", {{"value", s}}));
            return std::nullopt;
        }
        if (std::find(out.begin(), out.end(), s) == out.end()) out.push_back(s);
    }
    return out;
}

std::optional<field_reader> field_reader::nested(std::string_view key) {
    if (form_) return field_reader{*form_, errors_, path(key) + "."};
    auto const* v = find(key);
    if (v == nullptr) return std::nullopt;
    if (!v->is_object()) wrong_type(path(key), "an object");
    return field_reader{v->get_object(), errors_, path(key) + "."};
}

std::size_t field_reader::count(std::string_view key) const {
    if (!form_) {
        auto const* v = find(key);
        if (v == nullptr) return 0;
        if (!v->is_array()) wrong_type(path(key), "an array");
        return v->get_array().size();
    }
    auto const head = path(key) + "[";
    std::size_t n = 0;
    for (auto const& [name, value] : form_->pairs()) {
        if (!name.starts_with(head)) continue;
        std::size_t i = 0;
        auto const* first = name.data() + head.size();
        auto const [end, ec] = std::from_chars(first, name.data() + name.size(), i);
        if (ec == std::errc{} && end != first && *end == ']' && i < 1000) n = std::max(n, i + 1);
    }
    return n;
}

boost::json::array const* field_reader::array(std::string_view key) const {
    if (form_) return nullptr;
    auto const* v = find(key);
    if (v == nullptr) return nullptr;
    if (!v->is_array()) wrong_type(path(key), "an array");
    return &v->get_array();
}

field_reader field_reader::entry(std::string_view key, std::size_t i) {
    auto const entry_path = path(key) + "[" + std::to_string(i) + "].";
    if (form_) return field_reader{*form_, errors_, entry_path};
    auto const* list = array(key);
    if (list == nullptr || i >= list->size()) wrong_type(path(key), "an array");
    auto const& item = (*list)[i];
    if (!item.is_object()) wrong_type(path(key) + "[" + std::to_string(i) + "]", "an object");
    return field_reader{item.get_object(), errors_, entry_path};
}

}  // namespace samverkan::core

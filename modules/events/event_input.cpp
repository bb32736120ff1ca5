#include "modules/events/event_input.hpp"

#include "modules/core/form_input.hpp"
#include "modules/core/json_input.hpp"
#include "modules/core/text.hpp"
#include "modules/core/time.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <charconv>

namespace samverkan::events {

using server::api_error;
using server::error_kind;

namespace {

using core::trim;

constexpr std::size_t title_max = 200;
constexpr std::size_t short_text_max = 300;
constexpr std::size_t description_max = 10000;
constexpr long long capacity_max = 100000;

[[noreturn]] void wrong_type(std::string_view key, char const* expected) {
    throw api_error(error_kind::bad_request,
                    "Field '" + std::string{key} + "' must be " + expected + ".");
}

bool present(boost::json::object const& body, std::string_view key) {
    return body.if_contains(key) != nullptr;
}

bool is_null(boost::json::object const& body, std::string_view key) {
    auto const* v = body.if_contains(key);
    return v != nullptr && v->is_null();
}

/// An optional text: null or "" clears it.
void optional_text(core::field_reader& in, boost::json::object const& body, std::string_view key,
                   std::size_t max, std::string& target) {
    if (!present(body, key)) return;
    if (is_null(body, key)) {
        target.clear();
        return;
    }
    auto const* v = body.if_contains(key);
    if (!v->is_string()) wrong_type(key, "a string or null");
    target = in.text(key, {.required = false, .max = max, .min = 0}).value_or("");
}

/// An optional time: null clears it; otherwise RFC 3339 with an offset.
void optional_time(core::field_reader& in, boost::json::object const& body, std::string_view key,
                   std::optional<long long>& target, bool required) {
    if (!present(body, key) || is_null(body, key)) {
        if (required) in.fail(key, "Required.");
        if (present(body, key)) target.reset();
        return;
    }
    auto const* v = body.if_contains(key);
    if (!v->is_string()) wrong_type(key, "an RFC 3339 time string");
    auto const t = core::parse_rfc3339(v->get_string());
    if (!t) {
        in.fail(key, "Must be an RFC 3339 time with offset, e.g. 2026-06-13T17:00:00+02:00.");
        return;
    }
    target = core::to_epoch(*t);
}

void apply_required(core::field_reader& in, boost::json::object const& body, event& target,
                    bool creating) {
    if (creating || present(body, "kind")) {
        std::vector<std::string_view> const kinds(event_kinds.begin(), event_kinds.end());
        if (auto v = in.choice("kind", true, kinds)) target.kind = *v;
    }
    if (creating || present(body, "title")) {
        if (auto v = in.text("title", {.required = true, .max = title_max})) target.title = *v;
    }
    if (creating || present(body, "capacity")) {
        if (auto v = in.integer("capacity", {.required = true, .min = 1, .max = capacity_max}))
            target.capacity = static_cast<int>(*v);
    }
    for (auto const* key : {"starts_at", "ends_at"}) {
        if (!creating && !present(body, key)) continue;
        std::optional<long long> t;
        optional_time(in, body, key, t, true);
        if (t) (std::string_view{key} == "starts_at" ? target.starts_at : target.ends_at) = *t;
    }
}

void apply_optional(core::field_reader& in, boost::json::object const& body, event& target) {
    optional_text(in, body, "theme", title_max, target.theme);
    optional_text(in, body, "description", description_max, target.description);
    optional_text(in, body, "venue", short_text_max, target.venue);
    optional_text(in, body, "address", short_text_max, target.address);
    if (present(body, "max_per_organisation")) {
        if (is_null(body, "max_per_organisation")) {
            target.max_per_organisation.reset();
        } else if (auto v = in.integer("max_per_organisation",
                                       {.required = false, .min = 1, .max = capacity_max})) {
            target.max_per_organisation = static_cast<int>(*v);
        }
    }
    if (auto v = in.boolean("waitlist", false)) target.waitlist = *v;
    if (auto v = in.boolean("food", false)) target.food = *v;
    optional_time(in, body, "registration_opens_at", target.registration_opens_at, false);
    optional_time(in, body, "registration_closes_at", target.registration_closes_at, false);
    if (present(body, "priority_areas")) {
        std::vector<std::string_view> const areas(priority_area_codes.begin(),
                                                  priority_area_codes.end());
        if (auto v = in.choices("priority_areas", areas)) target.priority_areas = *v;
    }
    if (present(body, "status")) {
        if (auto v = in.choice("status", true, {"draft", "published"})) target.status = *v;
    }
}

std::string message(std::string_view language, char const* en, char const* sv) {
    return language == "sv" ? sv : en;
}

// --- the staff form -------------------------------------------------------------------

std::string form_text(core::form_input const& form, char const* key, std::size_t max, bool required,
                      server::field_errors& errors) {
    auto const value = core::trim(form.value(key));
    if (value.empty()) {
        if (required) errors.emplace(key, "Fyll i fältet.");
        return value;
    }
    if (!core::clean_text(value, max > title_max) || core::utf8_length(value) > max)
        errors.emplace(key, "Högst " + std::to_string(max) + " tecken, utan styrtecken.");
    return value;
}

std::optional<long long> form_time(core::form_input const& form, char const* key, bool required,
                                   server::field_errors& errors) {
    auto const value = core::trim(form.value(key));
    if (value.empty()) {
        if (required) errors.emplace(key, "Ange datum och tid.");
        return std::nullopt;
    }
    auto const t = core::parse_local_datetime(value);
    if (!t) {
        errors.emplace(key, "Ange datum och tid som ÅÅÅÅ-MM-DDTTT:MM.");
        return std::nullopt;
    }
    return core::to_epoch(*t);
}

std::optional<int> form_number(core::form_input const& form, char const* key, bool required,
                               server::field_errors& errors) {
    auto const value = core::trim(form.value(key));
    if (value.empty()) {
        if (required) errors.emplace(key, "Ange ett antal.");
        return std::nullopt;
    }
    int n = 0;
    auto const [end, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
    if (ec != std::errc{} || end != value.data() + value.size() || n < 1 || n > capacity_max) {
        errors.emplace(key, "Ange ett heltal från 1 till " + std::to_string(capacity_max) + ".");
        return std::nullopt;
    }
    return n;
}

}  // namespace

void apply_event_json(boost::json::object const& body, event& target, bool creating,
                      server::field_errors& errors) {
    core::field_reader in{body, errors};
    apply_required(in, body, target, creating);
    apply_optional(in, body, target);
}

void apply_event_form(core::form_input const& form, event& target, server::field_errors& errors) {
    auto const kind = form.value("kind");
    if (std::find(event_kinds.begin(), event_kinds.end(), kind) == event_kinds.end())
        errors.emplace("kind", "Välj vilken sorts träff det är.");
    else
        target.kind = kind;
    target.title = form_text(form, "title", title_max, true, errors);
    target.theme = form_text(form, "theme", title_max, false, errors);
    target.description = form_text(form, "description", description_max, false, errors);
    target.venue = form_text(form, "venue", short_text_max, false, errors);
    target.address = form_text(form, "address", short_text_max, false, errors);
    if (auto t = form_time(form, "starts_at", true, errors)) target.starts_at = *t;
    if (auto t = form_time(form, "ends_at", true, errors)) target.ends_at = *t;
    target.registration_opens_at = form_time(form, "registration_opens_at", false, errors);
    target.registration_closes_at = form_time(form, "registration_closes_at", false, errors);
    if (auto n = form_number(form, "capacity", true, errors)) target.capacity = *n;
    target.max_per_organisation = form_number(form, "max_per_organisation", false, errors);
    target.waitlist = form.get("waitlist").has_value();
    target.food = form.get("food").has_value();
    target.priority_areas.clear();
    for (auto area : form.get_all("priority_areas"))
        if (std::find(priority_area_codes.begin(), priority_area_codes.end(), area) !=
            priority_area_codes.end())
            target.priority_areas.emplace_back(area);
}

void check_event(event const& e, server::field_errors& errors, std::string_view language) {
    if (e.starts_at != 0 && e.ends_at != 0 && e.ends_at <= e.starts_at)
        errors.emplace("ends_at", message(language, "Must be after starts_at.",
                                          "Sluttiden måste vara efter starttiden."));
    if (e.registration_closes_at && e.starts_at != 0 && *e.registration_closes_at > e.starts_at)
        errors.emplace("registration_closes_at",
                       message(language, "Must not be after starts_at.",
                               "Sista anmälningsdag får inte vara efter starten."));
    if (e.registration_opens_at && e.registration_closes_at &&
        *e.registration_opens_at >= *e.registration_closes_at)
        errors.emplace("registration_opens_at",
                       message(language, "Must be before registration_closes_at.",
                               "Anmälan måste öppna före sista anmälningsdag."));
    if (e.registration_opens_at && e.starts_at != 0 && *e.registration_opens_at >= e.starts_at)
        errors.emplace("registration_opens_at", message(language, "Must be before starts_at.",
                                                        "Anmälan måste öppna före starten."));
    if (e.capacity < 1)
        errors.emplace("capacity", message(language, "Must be at least 1.", "Minst 1 plats."));
    if (e.max_per_organisation && *e.max_per_organisation < 1)
        errors.emplace("max_per_organisation",
                       message(language, "Must be null or at least 1.", "Minst 1, eller tomt."));
}

}  // namespace samverkan::events

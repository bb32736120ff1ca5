#include "modules/events/event_input.hpp"

#include "modules/core/field_reader.hpp"
#include "modules/core/text.hpp"
#include "modules/core/time.hpp"

#include <boost/json.hpp>

namespace samverkan::events {

using server::api_error;
using server::error_kind;
using server::message;

namespace {

constexpr std::size_t title_max = 200;
constexpr std::size_t short_text_max = 300;
constexpr std::size_t description_max = 10000;
constexpr long long capacity_max = 100000;
constexpr std::size_t reason_max = 1000;

/// How a field is given: not at all (a PATCH keeps what is there), cleared (null, or an
/// empty form field) or with a value.
enum class given { absent, cleared, value };

/// An event body being read, JSON or form alike: the reader, and whether a field left out
/// counts as empty (a new event; a form, which sends all its fields) or as "keep" (a PATCH).
struct event_fields {
    core::field_reader& in;
    bool every_field;

    [[nodiscard]] given of(std::string_view key) const {
        if (in.is_form()) return core::trim(in.raw(key)).empty() ? given::cleared : given::value;
        auto const* v = in.json()->if_contains(key);
        if (v == nullptr) return every_field ? given::cleared : given::absent;
        return v->is_null() ? given::cleared : given::value;
    }

    [[nodiscard]] bool wanted(std::string_view key) const { return of(key) != given::absent; }

    /// JSON: a value other than a string or null is a 400 at once, in the event's words.
    void string_or_null(std::string_view key, char const* wrong_type) const {
        if (in.is_form()) return;
        auto const* v = in.json()->if_contains(key);
        if (v != nullptr && !v->is_null() && !v->is_string())
            throw api_error(error_kind::bad_request,
                            message::of(wrong_type, {{"field", in.path(key)}}));
    }

    /// An optional text, cleared when empty; longer texts (the description) keep their
    /// paragraphs.
    void text(std::string_view key, std::size_t max, std::string& target) {
        if (!wanted(key)) return;
        string_or_null(key, "event.field.string_or_null");
        target = in.text(key, {.max = max, .min = 0, .multiline = max > title_max}).value_or("");
    }

    /// A time: RFC 3339 with an offset in JSON, datetime-local (Europe/Stockholm) in a form.
    void time(std::string_view key, bool required, std::optional<long long>& target) {
        auto const how = of(key);
        if (how == given::absent) return;
        string_or_null(key, "event.field.time_string");
        if (how == given::cleared) {
            if (required) in.fail(key, message::of("input.required"));
            target.reset();
            return;
        }
        auto const text = in.raw_text(key);
        auto const t =
            in.is_form() ? core::parse_local_datetime(core::trim(text)) : core::parse_rfc3339(text);
        if (!t) {
            in.fail(key, message::of(in.is_form() ? "staff_event.form.time" : "event.field.time"));
            return;
        }
        target = core::to_epoch(*t);
    }

    /// A number of seats, 1 to capacity_max; an optional one is cleared when empty.
    void seats(std::string_view key, bool required, std::optional<int>& target) {
        auto const how = of(key);
        if (how == given::absent) return;
        if (how == given::cleared && !required) {
            target.reset();
            return;
        }
        if (auto v = in.integer(key, {.required = required, .min = 1, .max = capacity_max}))
            target = static_cast<int>(*v);
    }
};

void read_required(event_fields& f, event& target) {
    auto& in = f.in;
    if (f.wanted("kind")) {
        std::vector<std::string_view> const kinds(event_kinds.begin(), event_kinds.end());
        if (auto v = in.choice("kind", true, kinds)) target.kind = *v;
    }
    if (f.wanted("title")) {
        if (auto v = in.text("title", {.required = true, .max = title_max})) target.title = *v;
    }
    std::optional<int> capacity;
    f.seats("capacity", true, capacity);
    if (capacity) target.capacity = *capacity;
    std::optional<long long> starts, ends;
    f.time("starts_at", true, starts);
    f.time("ends_at", true, ends);
    if (starts) target.starts_at = *starts;
    if (ends) target.ends_at = *ends;
}

void read_optional(event_fields& f, event& target) {
    auto& in = f.in;
    f.text("theme", title_max, target.theme);
    f.text("description", description_max, target.description);
    f.text("venue", short_text_max, target.venue);
    f.text("address", short_text_max, target.address);
    f.seats("max_per_organisation", false, target.max_per_organisation);
    if (auto v = in.boolean("waitlist")) target.waitlist = *v;
    if (auto v = in.boolean("food")) target.food = *v;
    f.time("registration_opens_at", false, target.registration_opens_at);
    f.time("registration_closes_at", false, target.registration_closes_at);
    if (f.wanted("priority_areas")) {
        std::vector<std::string_view> const areas(priority_area_codes.begin(),
                                                  priority_area_codes.end());
        if (auto v = in.choices("priority_areas", areas)) target.priority_areas = *v;
    }
    // Only the API sets a status here; the form publishes by its own action.
    if (!in.is_form() && in.json()->contains("status")) {
        if (auto v = in.choice("status", true, {"draft", "published"})) target.status = *v;
    }
}

}  // namespace

void read_event(core::field_reader& in, event& target, bool creating) {
    event_fields f{in, creating || in.is_form()};
    read_required(f, target);
    read_optional(f, target);
}

std::string read_cancel_reason(core::field_reader& in) {
    return in.text("reason", {.max = reason_max, .min = 0}).value_or("");
}

void check_event(event const& e, server::field_errors& errors) {
    if (e.starts_at != 0 && e.ends_at != 0 && e.ends_at <= e.starts_at)
        errors.emplace("ends_at", message::of("event.field.ends_after_start"));
    if (e.registration_closes_at && e.starts_at != 0 && *e.registration_closes_at > e.starts_at)
        errors.emplace("registration_closes_at", message::of("event.field.closes_before_start"));
    if (e.registration_opens_at && e.registration_closes_at &&
        *e.registration_opens_at >= *e.registration_closes_at)
        errors.emplace("registration_opens_at", message::of("event.field.opens_before_close"));
    if (e.registration_opens_at && e.starts_at != 0 && *e.registration_opens_at >= e.starts_at)
        errors.emplace("registration_opens_at", message::of("event.field.opens_before_start"));
    if (e.capacity < 1) errors.emplace("capacity", message::of("event.field.capacity_min"));
    if (e.max_per_organisation && *e.max_per_organisation < 1)
        errors.emplace("max_per_organisation", message::of("event.field.max_per_organisation_min"));
}

}  // namespace samverkan::events

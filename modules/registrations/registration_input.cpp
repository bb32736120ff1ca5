#include "modules/registrations/registration_input.hpp"

#include "modules/core/form_input.hpp"
#include "modules/core/json_input.hpp"
#include "modules/core/org_number.hpp"
#include "modules/core/text.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <charconv>

namespace samverkan::registrations {

using server::api_error;
using server::error_kind;

namespace {

using core::trim;

constexpr std::size_t name_max = 200;
constexpr std::size_t needs_max = 200;
constexpr std::size_t phone_max = 40;
constexpr std::size_t invitation_max = 200;

// --- reading JSON ---------------------------------------------------------------------

[[noreturn]] void wrong_type(std::string const& path, char const* expected) {
    throw api_error(error_kind::bad_request, "Field '" + path + "' must be " + expected + ".");
}

std::string string_field(boost::json::object const& o, std::string_view key,
                         std::string const& path) {
    auto const* v = o.if_contains(key);
    if (v == nullptr || v->is_null()) return {};
    if (!v->is_string()) wrong_type(path, "a string");
    return std::string{v->get_string()};
}

boost::json::object const* object_field(boost::json::object const& o, std::string_view key) {
    auto const* v = o.if_contains(key);
    if (v == nullptr || v->is_null()) return nullptr;
    if (!v->is_object()) wrong_type(std::string{key}, "an object");
    return &v->get_object();
}

raw_attendee attendee_from_json(boost::json::value const& item, std::string const& path) {
    if (!item.is_object()) wrong_type(path, "an object");
    auto const& o = item.get_object();
    raw_attendee a;
    if (auto const* id = o.if_contains("id"); id != nullptr && !id->is_null()) {
        if (!id->is_int64() && !id->is_uint64()) wrong_type(path + ".id", "a whole number");
        a.id = boost::json::serialize(*id);
    }
    a.name = string_field(o, "name", path + ".name");
    a.email = string_field(o, "email", path + ".email");
    a.affiliation = string_field(o, "affiliation", path + ".affiliation");
    if (auto const* d = o.if_contains("dietary"); d != nullptr && !d->is_null()) {
        if (!d->is_array()) wrong_type(path + ".dietary", "an array of strings");
        for (auto const& code : d->get_array()) {
            if (!code.is_string()) wrong_type(path + ".dietary", "an array of strings");
            a.dietary.emplace_back(code.get_string());
        }
    }
    a.dietary_other = string_field(o, "dietary_other", path + ".dietary_other");
    a.accessibility = string_field(o, "accessibility", path + ".accessibility");
    return a;
}

// --- rules ------------------------------------------------------------------------------

using server::message;

/// Checks fields, collecting every problem as a catalogue message under its path.
struct checker {
    server::field_errors& errors;

    void fail(std::string const& path, message m) { errors.emplace(path, std::move(m)); }

    /// A trimmed text of at most `max` characters; "" when empty (an error if `required`
    /// names the message to give).
    std::string text(std::string const& path, std::string_view value, std::size_t max,
                     char const* required = nullptr) {
        auto out = trim(value);
        if (out.empty()) {
            if (required != nullptr) fail(path, message::of(required));
            return out;
        }
        if (!core::clean_text(out, false)) {
            fail(path, message::of("input.not_allowed_characters"));
            return {};
        }
        if (core::utf8_length(out) > max) {
            fail(path, message::of("input.too_long", {{"max", std::to_string(max)}}));
            return {};
        }
        return out;
    }

    std::string email(std::string const& path, std::string_view value, bool required) {
        auto out = trim(value);
        if (out.empty()) {
            if (required) fail(path, message::of("registration.email_required"));
            return out;
        }
        if (!core::valid_email(out)) {
            fail(path, message::of("input.email"));
            return {};
        }
        return out;
    }

    std::string phone(std::string const& path, std::string_view value) {
        auto out = trim(value);
        bool const ok = std::all_of(out.begin(), out.end(), [](char c) {
            return std::isdigit(static_cast<unsigned char>(c)) || c == ' ' || c == '+' ||
                   c == '-' || c == '(' || c == ')';
        });
        if (!ok || out.size() > phone_max) {
            fail(path, message::of("registration.phone"));
            return {};
        }
        return out;
    }

    attendee_input attendee(raw_attendee const& raw, std::string const& path);
};

attendee_input checker::attendee(raw_attendee const& raw, std::string const& path) {
    attendee_input a;
    if (!raw.id.empty()) {
        long long id = 0;
        auto const [end, ec] = std::from_chars(raw.id.data(), raw.id.data() + raw.id.size(), id);
        if (ec != std::errc{} || end != raw.id.data() + raw.id.size() || id <= 0)
            fail(path + ".id", message::of("registration.unknown_attendee", {{"id", raw.id}}));
        else
            a.id = id;
    }
    a.name = text(path + ".name", raw.name, name_max, "registration.name_required");
    a.email = email(path + ".email", raw.email, false);
    if (!raw.affiliation.empty()) {
        if (std::find(affiliations.begin(), affiliations.end(), raw.affiliation) ==
            affiliations.end())
            fail(path + ".affiliation", message::of("registration.affiliation"));
        else
            a.affiliation = raw.affiliation;
    }
    for (auto const& code : raw.dietary) {
        if (std::find(dietary_codes.begin(), dietary_codes.end(), code) == dietary_codes.end()) {
            fail(path + ".dietary", message::of("registration.dietary", {{"code", code}}));
            break;
        }
        if (std::find(a.dietary.begin(), a.dietary.end(), code) == a.dietary.end())
            a.dietary.push_back(code);
    }
    a.dietary_other = text(path + ".dietary_other", raw.dietary_other, needs_max);
    a.accessibility = text(path + ".accessibility", raw.accessibility, needs_max);
    return a;
}

std::vector<raw_attendee const*> filled_attendees(raw_registration const& raw) {
    std::vector<raw_attendee const*> out;
    for (std::size_t i = 0; i < raw.attendees.size(); ++i)
        if (!raw.form || i == 0 || raw.attendees[i].any()) out.push_back(&raw.attendees[i]);
    return out;
}

}  // namespace

bool raw_attendee::any() const {
    return !trim(name).empty() || !trim(email).empty() || !dietary.empty() ||
           !trim(dietary_other).empty() || !trim(accessibility).empty();
}

raw_registration raw_from_json(boost::json::object const& body) {
    raw_registration raw;
    if (auto const* org = object_field(body, "organisation")) {
        raw.organisation_given = true;
        raw.organisation_name = string_field(*org, "name", "organisation.name");
        raw.org_number = string_field(*org, "org_number", "organisation.org_number");
    }
    if (auto const* contact = object_field(body, "contact")) {
        raw.contact_given = true;
        raw.contact_name = string_field(*contact, "name", "contact.name");
        raw.contact_email = string_field(*contact, "email", "contact.email");
        raw.contact_phone = string_field(*contact, "phone", "contact.phone");
    }
    if (auto const* list = body.if_contains("attendees"); list != nullptr && !list->is_null()) {
        if (!list->is_array()) wrong_type("attendees", "an array");
        auto const& items = list->get_array();
        for (std::size_t i = 0; i < items.size(); ++i)
            raw.attendees.push_back(
                attendee_from_json(items[i], "attendees[" + std::to_string(i) + "]"));
    }
    if (auto const* consent = body.if_contains("consent");
        consent != nullptr && !consent->is_null()) {
        if (!consent->is_bool()) wrong_type("consent", "true or false");
        raw.consent = consent->get_bool();
    }
    raw.language = string_field(body, "language", "language");
    raw.invitation = string_field(body, "invitation", "invitation");
    return raw;
}

raw_registration raw_from_form(core::form_input const& form, std::size_t attendee_count) {
    raw_registration raw;
    raw.form = true;
    raw.organisation_given = true;
    raw.organisation_name = form.value("organisation.name");
    raw.org_number = form.value("organisation.org_number");
    raw.contact_given = true;
    raw.contact_name = form.value("contact.name");
    raw.contact_email = form.value("contact.email");
    raw.contact_phone = form.value("contact.phone");
    for (std::size_t i = 0; i < attendee_count; ++i) {
        auto const prefix = "attendees[" + std::to_string(i) + "].";
        raw_attendee a;
        a.id = form.value(prefix + "id");
        a.name = form.value(prefix + "name");
        a.email = form.value(prefix + "email");
        a.affiliation = form.value(prefix + "affiliation");
        for (auto code : form.get_all(prefix + "dietary")) a.dietary.emplace_back(code);
        a.dietary_other = form.value(prefix + "dietary_other");
        a.accessibility = form.value(prefix + "accessibility");
        raw.attendees.push_back(std::move(a));
    }
    raw.consent = form.get("consent").has_value();
    raw.language = form.value("language");
    raw.invitation = form.value("invitation");
    return raw;
}

registration_input validate_registration(raw_registration const& raw,
                                         server::field_errors& errors) {
    checker check{errors};
    registration_input in;
    in.organisation_name = check.text("organisation.name", raw.organisation_name, name_max);
    if (!trim(raw.org_number).empty()) {
        in.org_number = core::normalise_org_number(trim(raw.org_number));
        if (in.org_number.empty())
            check.fail("organisation.org_number", message::of("registration.org_number"));
    }
    in.contact.name = check.text("contact.name", raw.contact_name, name_max,
                                 "registration.contact_name_required");
    in.contact.email = check.email("contact.email", raw.contact_email, true);
    in.contact.phone = check.phone("contact.phone", raw.contact_phone);
    auto const filled = filled_attendees(raw);
    if (filled.empty() || filled.size() > max_attendees)
        check.fail("attendees", message::of("registration.attendee_count"));
    for (std::size_t i = 0; i < filled.size() && i < max_attendees; ++i) {
        auto const index = static_cast<std::size_t>(filled[i] - raw.attendees.data());
        in.attendees.push_back(
            check.attendee(*filled[i], "attendees[" + std::to_string(index) + "]"));
    }
    if (!raw.consent) check.fail("consent", message::of("registration.consent"));
    if (raw.language.empty() || raw.language == "sv" || raw.language == "en")
        in.language = raw.language.empty() ? "sv" : raw.language;
    else
        check.fail("language", message::of("registration.language"));
    in.invitation = check.text("invitation", raw.invitation, invitation_max);
    return in;
}

registration_changes validate_changes(raw_registration const& raw, server::field_errors& errors) {
    checker check{errors};
    registration_changes out;
    if (raw.contact_given) {
        contact_input c;
        c.name = check.text("contact.name", raw.contact_name, name_max,
                            "registration.contact_name_required");
        c.email = check.email("contact.email", raw.contact_email, true);
        c.phone = check.phone("contact.phone", raw.contact_phone);
        out.contact = std::move(c);
    }
    if (raw.attendees.size() > max_attendees)
        check.fail("attendees", message::of("registration.at_most_ten"));
    for (std::size_t i = 0; i < raw.attendees.size() && i < max_attendees; ++i) {
        auto const& a = raw.attendees[i];
        if (raw.form && a.id.empty() && !a.any()) continue;  // a blank "new attendee" fieldset
        out.attendees.push_back(check.attendee(a, "attendees[" + std::to_string(i) + "]"));
    }
    return out;
}

}  // namespace samverkan::registrations

#include "modules/registrations/registration_input.hpp"

#include "modules/core/field_reader.hpp"
#include "modules/core/form_input.hpp"
#include "modules/core/json_input.hpp"
#include "modules/core/org_number.hpp"
#include "modules/core/text.hpp"

#include <boost/json.hpp>

#include <algorithm>

namespace samverkan::registrations {

using server::api_error;
using server::error_kind;

namespace {

using core::trim;

constexpr std::size_t name_max = 200;
constexpr std::size_t needs_max = 200;
constexpr std::size_t phone_max = 40;
constexpr std::size_t invitation_max = 200;

// --- reading JSON and forms (one reader) ------------------------------------------------

raw_attendee attendee_from(core::field_reader in) {
    raw_attendee a;
    if (in.has("id")) {
        if (in.is_form())
            a.id = in.raw_text("id");
        else if (auto const* v = in.json()->if_contains("id"); v->is_int64() || v->is_uint64())
            a.id = boost::json::serialize(*v);
        else
            throw api_error(
                error_kind::bad_request,
                server::message::of("input.wrong_type",
                                    {{"field", in.path("id")}, {"expected", "a whole number"}}));
    }
    a.name = in.raw_text("name");
    a.email = in.raw_text("email");
    a.affiliation = in.raw_text("affiliation");
    a.dietary = in.raw_list("dietary");
    a.dietary_other = in.raw_text("dietary_other");
    a.accessibility = in.raw_text("accessibility");
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
        if (auto problem = core::text_problem(out, {.max = max})) {
            fail(path, std::move(*problem));
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
        auto const id = core::whole_number(raw.id);
        if (!id || *id <= 0)
            fail(path + ".id", message::of("registration.unknown_attendee", {{"id", raw.id}}));
        else
            a.id = *id;
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

raw_registration raw_from(core::field_reader& in) {
    raw_registration raw;
    raw.form = in.is_form();
    if (auto org = in.nested("organisation")) {
        raw.organisation_given = true;
        raw.organisation_name = org->raw_text("name");
        raw.org_number = org->raw_text("org_number");
    }
    if (auto contact = in.nested("contact")) {
        raw.contact_given = true;
        raw.contact_name = contact->raw_text("name");
        raw.contact_email = contact->raw_text("email");
        raw.contact_phone = contact->raw_text("phone");
    }
    auto const n = std::min<std::size_t>(in.count("attendees"), max_attendees + 1);
    for (std::size_t i = 0; i < n; ++i)
        raw.attendees.push_back(attendee_from(in.entry("attendees", i)));
    raw.consent = in.boolean("consent").value_or(false);
    raw.language = in.raw_text("language");
    raw.invitation = in.raw_text("invitation");
    return raw;
}

raw_registration raw_from_json(boost::json::object const& body) {
    server::field_errors unused;
    core::field_reader in{body, unused};
    return raw_from(in);
}

raw_registration raw_from_form(core::form_input const& form) {
    server::field_errors unused;
    core::field_reader in{form, unused};
    return raw_from(in);
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

walk_in_input read_walk_in(core::field_reader& in) {
    checker check{in.errors()};
    walk_in_input out;
    if (auto org = in.nested("organisation")) {
        if (org->has("id"))
            out.organisation_id = org->integer("id", {.min = 1, .max = 9'000'000'000'000'000'000});
        out.organisation_name = check.text("organisation.name", org->raw_text("name"), name_max);
        if (auto const number = trim(org->raw_text("org_number")); !number.empty()) {
            out.org_number = core::normalise_org_number(number);
            if (out.org_number.empty())
                check.fail("organisation.org_number", message::of("registration.org_number"));
        }
    }
    auto const n = std::min<std::size_t>(in.count("attendees"), max_attendees + 1);
    for (std::size_t i = 0; i < n; ++i) {
        auto const raw = attendee_from(in.entry("attendees", i));
        if (in.is_form() && !raw.any()) continue;  // a blank line of the door's form
        out.attendees.push_back(check.attendee(raw, "attendees[" + std::to_string(i) + "]"));
    }
    if (out.attendees.empty() || out.attendees.size() > max_attendees)
        check.fail("attendees", message::of("registration.attendee_count"));
    return out;
}

}  // namespace samverkan::registrations

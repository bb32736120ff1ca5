#include "modules/organisations/organisation_input.hpp"

#include "modules/core/field_reader.hpp"
#include "modules/core/json_input.hpp"
#include "modules/core/org_number.hpp"
#include "modules/core/text.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <array>
#include <utility>

namespace samverkan::organisations {

namespace {

using core::lower_ascii;
using server::message;

constexpr std::size_t max_contacts = 50;

// The register's one-line texts (core::text_problem: no control characters, a length).
constexpr core::text_rule name_rule{.max = 200};
constexpr core::text_rule locality_rule{.max = 100};
constexpr core::text_rule phone_rule{.max = 40};

std::optional<message> one_line_problem(std::string const& value, core::text_rule const& rule,
                                        char const* required = nullptr) {
    if (value.empty()) return required ? std::optional{message::of(required)} : std::nullopt;
    return core::text_problem(value, rule);
}

std::optional<message> org_number_problem(std::string& value) {
    if (value.empty()) return std::nullopt;
    auto normal = core::normalise_org_number(value);
    if (normal.empty()) return message::of("register.org_number.invalid");
    value = std::move(normal);
    return std::nullopt;
}

std::optional<message> kind_problem(std::string& value) {
    static constexpr std::array<std::pair<std::string_view, std::string_view>, 14> words{
        {{"förening", "association"},
         {"ideell förening", "association"},
         {"byalag", "village_association"},
         {"bygderåd", "village_association"},
         {"studieförbund", "study_association"},
         {"samfund", "faith_community"},
         {"församling", "faith_community"},
         {"trossamfund", "faith_community"},
         {"stiftelse", "foundation"},
         {"kooperativ", "cooperative"},
         {"ekonomisk förening", "cooperative"},
         {"annan", "other"},
         {"övrig", "other"},
         {"övrigt", "other"}}};
    auto const t = lower_ascii(value);
    if (t.empty()) {
        value = "association";
        return std::nullopt;
    }
    for (auto const k : kinds())
        if (t == k) {
            value = t;
            return std::nullopt;
        }
    for (auto const& [word, code] : words)
        if (t == word) {
            value = code;
            return std::nullopt;
        }
    return message::of("register.kind.unknown");
}

std::optional<message> area_problem(std::string& value) {
    auto const t = lower_ascii(value);
    if (t.empty()) return std::nullopt;
    if (t == "urban" || t == "stad")
        value = "urban";
    else if (t == "rural" || t == "landsbygd")
        value = "rural";
    else
        return message::of("register.area.invalid");
    return std::nullopt;
}

/// A real calendar date written YYYY-MM-DD, 1900 to 2100.
std::optional<message> date_problem(std::string const& value) {
    if (value.empty()) return std::nullopt;
    if (value.size() != 10 || value[4] != '-' || value[7] != '-')
        return message::of("register.date.format");
    auto const number = [&](std::size_t from, std::size_t n) {
        auto const part = std::string_view{value}.substr(from, n);
        bool const digits =
            std::all_of(part.begin(), part.end(), [](char c) { return c >= '0' && c <= '9'; });
        return digits ? core::whole_number(part).value_or(-1) : -1;
    };
    auto const y = number(0, 4), m = number(5, 2), d = number(8, 2);
    static constexpr std::array<int, 12> days{31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool const leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1 || d > days[m - 1] ||
        (m == 2 && d == 29 && !leap))
        return message::of("register.date.not_real");
    return std::nullopt;
}

std::optional<message> email_problem(std::string const& value) {
    if (value.empty()) return message::of("register.email.required");
    if (!core::valid_email(value)) return message::of("register.email.invalid");
    return std::nullopt;
}

// --- reading JSON and forms (one reader) ------------------------------------------------

/// A JSON value of the wrong type: a 400 at once, as API.md says of every body.
[[noreturn]] void wrong_type(core::field_reader const& in, std::string_view key,
                             char const* expected) {
    throw server::api_error(
        server::error_kind::bad_request,
        message::of("input.wrong_type", {{"field", in.path(key)}, {"expected", expected}}));
}

/// A field through its rule, its problem at its path: nullopt when JSON leaves it out;
/// otherwise the value (null and a form field not sent are "").
std::optional<std::string> read_field(core::field_reader& in, std::string_view key, field f) {
    if (auto const* json = in.json(); json != nullptr && !json->contains(key)) return std::nullopt;
    auto value = in.raw_text(key);
    if (auto problem = check_field(f, value)) in.fail(key, std::move(*problem));
    return value;
}

/// The same, for a field that must be there: left out, it is checked as empty.
std::string needed_field(core::field_reader& in, std::string_view key, field f) {
    if (auto value = read_field(in, key, f)) return std::move(*value);
    std::string none;
    if (auto problem = check_field(f, none)) in.fail(key, std::move(*problem));
    return none;
}

contact read_contact(core::field_reader in) {
    contact c;
    c.email = needed_field(in, "email", field::contact_email);
    c.name = needed_field(in, "name", field::contact_name);
    c.phone = needed_field(in, "phone", field::contact_phone);
    if (c.name.empty() && in.is_form())
        c.name = c.email;  // someone typing only an address: it stands for the name
    else if (c.name.empty())
        in.fail("name", message::of("register.name.required"));
    return c;
}

std::optional<std::vector<contact>> read_contacts(core::field_reader& in) {
    boost::json::array const* list = nullptr;
    if (auto const* json = in.json()) {
        auto const* v = json->if_contains("contacts");
        if (v == nullptr) return std::nullopt;
        if (v->is_null()) return std::vector<contact>{};
        if (!v->is_array()) wrong_type(in, "contacts", "an array");
        list = &v->get_array();
    }
    std::vector<contact> out;
    auto const n = in.count("contacts");
    for (std::size_t i = 0, seen = 0; i < n; ++i) {
        auto const key = "contacts[" + std::to_string(i) + "]";
        // A form row without an address is no contact: emptying it removes one.
        if (in.is_form() && core::trim(in.raw(key + ".email")).empty()) continue;
        if (seen++ == max_contacts) {
            in.fail("contacts", message::of("register.contacts.too_many"));
            break;
        }
        if (list != nullptr && !(*list)[i].is_object()) wrong_type(in, key, "an object");
        auto c = read_contact(in.entry("contacts", i));
        bool const repeated = std::any_of(out.begin(), out.end(), [&](contact const& other) {
            return lower_ascii(other.email) == lower_ascii(c.email);
        });
        if (repeated) in.fail(key + ".email", message::of("register.contacts.twice"));
        out.push_back(std::move(c));
    }
    return out;
}

}  // namespace

std::optional<message> check_field(field f, std::string& value) {
    value = core::trim(value);
    switch (f) {
        case field::name:
            return one_line_problem(value, name_rule, "register.name.required");
        case field::org_number:
            return org_number_problem(value);
        case field::kind:
            return kind_problem(value);
        case field::area:
            return area_problem(value);
        case field::locality:
            return one_line_problem(value, locality_rule);
        case field::agreement_joined_on:
            return date_problem(value);
        case field::contact_name:
            return one_line_problem(value, name_rule);
        case field::contact_email:
            return email_problem(value);
        case field::contact_phone:
            return one_line_problem(value, phone_rule);
    }
    return std::nullopt;
}

organisation read_organisation(core::field_reader& in) {
    auto patch = read_patch(in);
    organisation o;
    o.name = patch.name ? std::move(*patch.name) : needed_field(in, "name", field::name);
    o.org_number = patch.org_number.value_or("");
    o.kind = patch.kind.value_or("association");
    o.area = patch.area.value_or("");
    o.locality = patch.locality.value_or("");
    o.agreement_joined_on = patch.agreement_joined_on.value_or("");
    o.contacts = patch.contacts.value_or(std::vector<contact>{});
    return o;
}

organisation_patch read_patch(core::field_reader& in) {
    organisation_patch p;
    p.name = read_field(in, "name", field::name);
    p.org_number = read_field(in, "org_number", field::org_number);
    p.kind = read_field(in, "kind", field::kind);
    p.area = read_field(in, "area", field::area);
    p.locality = read_field(in, "locality", field::locality);
    p.agreement_joined_on = read_field(in, "agreement_joined_on", field::agreement_joined_on);
    p.contacts = read_contacts(in);
    return p;
}

std::vector<std::string_view> const& kinds() {
    static std::vector<std::string_view> const k{"association",
                                                 "village_association",
                                                 "study_association",
                                                 "faith_community",
                                                 "foundation",
                                                 "cooperative",
                                                 "other"};
    return k;
}

std::vector<std::string_view> const& areas() {
    static std::vector<std::string_view> const a{"urban", "rural"};
    return a;
}

}  // namespace samverkan::organisations

#include "modules/organisations/organisation_input.hpp"

#include "modules/core/json_input.hpp"
#include "modules/core/org_number.hpp"
#include "modules/core/text.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <array>
#include <cctype>
#include <utility>

namespace samverkan::organisations {

namespace json = boost::json;

namespace {

using core::lower_ascii;
using core::trim;
using server::message;

constexpr std::size_t max_contacts = 50;

checked invalid(std::string key, message::arguments args = {}) {
    return {{}, message::of(std::move(key), std::move(args))};
}

// A one-line text of at most `max` characters, with the messages of its two faults.
checked text_field(std::string_view text, std::size_t max, char const* control,
                   char const* too_long) {
    auto const t = trim(text);
    if (!core::clean_text(t, false)) return invalid(control);
    if (core::utf8_length(t) > max) return invalid(too_long, {{"max", std::to_string(max)}});
    return {t, {}};
}

// A JSON field as text: absent → nullopt, null → "", a string → itself, else an error.
std::optional<std::string> json_text(json::object const& o, std::string_view key,
                                     std::string const& path, server::field_errors& errors) {
    auto const* v = o.if_contains(key);
    if (v == nullptr) return std::nullopt;
    if (v->is_null()) return std::string{};
    if (!v->is_string()) {
        errors[path] = message::of("register.json.string");
        return std::string{};
    }
    return std::string{v->get_string()};
}

void apply(std::optional<std::string>& target, std::optional<std::string> const& given,
           checked (*check)(std::string_view), std::string const& path,
           server::field_errors& errors) {
    if (!given) return;
    auto const c = check(*given);
    if (c.error) errors[path] = *c.error;
    target = c.value;
}

std::vector<contact> read_contacts(json::value const& value, server::field_errors& errors) {
    std::vector<contact> out;
    if (!value.is_array()) {
        errors["contacts"] = message::of("register.contacts.list");
        return out;
    }
    auto const& items = value.get_array();
    if (items.size() > max_contacts) errors["contacts"] = message::of("register.contacts.too_many");
    for (std::size_t i = 0; i < items.size() && i < max_contacts; ++i) {
        auto const path = "contacts[" + std::to_string(i) + "].";
        if (!items[i].is_object()) {
            errors[path.substr(0, path.size() - 1)] = message::of("register.contacts.object");
            continue;
        }
        auto const& o = items[i].get_object();
        contact c;
        auto const name = check_name(json_text(o, "name", path + "name", errors).value_or(""));
        auto const email = check_email(json_text(o, "email", path + "email", errors).value_or(""));
        auto const phone = check_phone(json_text(o, "phone", path + "phone", errors).value_or(""));
        if (name.error) errors[path + "name"] = *name.error;
        if (email.error) errors[path + "email"] = *email.error;
        if (phone.error) errors[path + "phone"] = *phone.error;
        bool const repeated = std::any_of(out.begin(), out.end(), [&](contact const& other) {
            return lower_ascii(other.email) == lower_ascii(email.value);
        });
        if (repeated) errors[path + "email"] = message::of("register.contacts.twice");
        out.push_back({0, name.value, email.value, phone.value});
    }
    return out;
}

}  // namespace

checked check_name(std::string_view text) {
    auto c = text_field(text, 200, "register.name.control", "register.name.too_long");
    if (!c.error && c.value.empty()) c.error = message::of("register.name.required");
    return c;
}

checked check_org_number(std::string_view text) {
    auto const t = trim(text);
    if (t.empty()) return {};
    auto n = core::normalise_org_number(t);
    if (n.empty()) return invalid("register.org_number.invalid");
    return {std::move(n), {}};
}

checked check_kind(std::string_view text) {
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
    auto const t = lower_ascii(trim(text));
    if (t.empty()) return {"association", {}};
    for (auto const k : kinds())
        if (t == k) return {t, {}};
    for (auto const& [word, code] : words)
        if (t == word) return {std::string{code}, {}};
    return invalid("register.kind.unknown");
}

checked check_area(std::string_view text) {
    auto const t = lower_ascii(trim(text));
    if (t.empty()) return {};
    if (t == "urban" || t == "stad") return {"urban", {}};
    if (t == "rural" || t == "landsbygd") return {"rural", {}};
    return invalid("register.area.invalid");
}

checked check_locality(std::string_view text) {
    return text_field(text, 100, "register.locality.control", "register.locality.too_long");
}

checked check_contact_name(std::string_view text) {
    return text_field(text, 200, "register.contact_name.control", "register.contact_name.too_long");
}

checked check_date(std::string_view text) {
    auto const t = trim(text);
    if (t.empty()) return {};
    auto const digits = [&](std::size_t from, std::size_t n) {
        int v = 0;
        for (std::size_t i = from; i < from + n; ++i) {
            if (!std::isdigit(static_cast<unsigned char>(t[i]))) return -1;
            v = v * 10 + (t[i] - '0');
        }
        return v;
    };
    if (t.size() != 10 || t[4] != '-' || t[7] != '-') return invalid("register.date.format");
    int const y = digits(0, 4), m = digits(5, 2), d = digits(8, 2);
    static constexpr std::array<int, 12> days{31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool const leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1 || d > days[m - 1] ||
        (m == 2 && d == 29 && !leap))
        return invalid("register.date.not_real");
    return {t, {}};
}

checked check_email(std::string_view text) {
    auto const t = trim(text);
    if (t.empty()) return invalid("register.email.required");
    if (!core::valid_email(t)) return invalid("register.email.invalid");
    return {t, {}};
}

checked check_phone(std::string_view text) {
    return text_field(text, 40, "register.phone.control", "register.phone.too_long");
}

organisation read_organisation(json::object const& body, server::field_errors& errors) {
    auto patch = read_patch(body, errors);
    if (!patch.name && !errors.contains("name"))
        errors["name"] = message::of("register.name.required");
    organisation o;
    o.name = patch.name.value_or("");
    o.org_number = patch.org_number.value_or("");
    o.kind = patch.kind.value_or("association");
    o.area = patch.area.value_or("");
    o.locality = patch.locality.value_or("");
    o.agreement_joined_on = patch.agreement_joined_on.value_or("");
    o.contacts = patch.contacts.value_or(std::vector<contact>{});
    return o;
}

organisation_patch read_patch(json::object const& body, server::field_errors& errors) {
    organisation_patch p;
    apply(p.name, json_text(body, "name", "name", errors), check_name, "name", errors);
    apply(p.org_number, json_text(body, "org_number", "org_number", errors), check_org_number,
          "org_number", errors);
    apply(p.kind, json_text(body, "kind", "kind", errors), check_kind, "kind", errors);
    apply(p.area, json_text(body, "area", "area", errors), check_area, "area", errors);
    apply(p.locality, json_text(body, "locality", "locality", errors), check_locality, "locality",
          errors);
    apply(p.agreement_joined_on,
          json_text(body, "agreement_joined_on", "agreement_joined_on", errors), check_date,
          "agreement_joined_on", errors);
    if (auto const* c = body.if_contains("contacts"); c && !c->is_null())
        p.contacts = read_contacts(*c, errors);
    else if (c)
        p.contacts = std::vector<contact>{};
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

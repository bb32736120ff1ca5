#include "modules/registrations/registration_form.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <span>

namespace samverkan::registrations {

namespace {

// Choices by code; each label is the catalogue's "<prefix>.<code>".
constexpr std::string_view affiliation_codes[] = {"civil_society", "municipal_staff",
                                                  "elected_official", "other"};
constexpr std::string_view dietary_codes_shown[] = {"vegetarian", "vegan", "gluten_free",
                                                    "lactose_free", "nut_allergy"};

/// Builds fields in form order and collects the error summary in the same order.
class form_builder {
public:
    form_builder(form_state const& state, core::wording const& words)
        : state_(state), words_(words) {}

    /// A text field; `label` and `hint` are catalogue keys.
    boost::json::object text(std::string const& path, char const* label, std::string value,
                             char const* type = "text", char const* autocomplete = "",
                             char const* hint_key = nullptr, bool required = false) {
        auto const id = field_id(path);
        std::string const hint = hint_key != nullptr ? words_(hint_key) : std::string{};
        // kainjow renders a section for any string, even "": flags say what is there.
        boost::json::object f{{"id", id},
                              {"name", path},
                              {"label", words_(label)},
                              {"value", value},
                              {"type", type},
                              {"required", required},
                              {"has_hint", !hint.empty()},
                              {"hint", hint},
                              {"has_autocomplete", *autocomplete != '\0'},
                              {"autocomplete", autocomplete}};
        describe(f, path, id, !hint.empty());
        return f;
    }

    /// A radio group or checkbox group: the first option carries the field's id. `legend`
    /// is a catalogue key, and so is "<legend>.<code>" for each option's label.
    boost::json::object group(std::string const& path, char const* legend, char const* type,
                              std::span<std::string_view const> codes,
                              std::vector<std::string> const& chosen) {
        auto const id = field_id(path);
        boost::json::array items;
        for (std::size_t i = 0; i < codes.size(); ++i) {
            bool const checked = std::find(chosen.begin(), chosen.end(), codes[i]) != chosen.end();
            std::string label_key = legend;
            label_key.append(".").append(codes[i]);
            items.push_back(
                boost::json::object{{"id", i == 0 ? id : id + "-" + std::string{codes[i]}},
                                    {"name", path},
                                    {"value", codes[i]},
                                    {"label", words_(label_key)},
                                    {"checked", checked},
                                    {"type", type}});
        }
        boost::json::object f{
            {"id", id}, {"legend", words_(legend)}, {"options", std::move(items)}};
        describe(f, path, id, false);
        return f;
    }

    /// A problem that belongs to a section rather than one input.
    void section_error(std::string const& path, std::string const& anchor) {
        auto const it = state_.errors.find(path);
        if (it != state_.errors.end()) add_summary(anchor, it->second);
    }

    boost::json::object summary(char const* title_key) const {
        auto const& general = state_.general_error;
        boost::json::object out{{"title", words_(title_key)},
                                {"has_errors", !summary_.empty() || general.has_value()},
                                {"has_items", !summary_.empty()},
                                {"items", summary_},
                                {"has_general_error", general.has_value()},
                                {"general_error", general ? words_.say(*general) : std::string{}}};
        return out;
    }

    [[nodiscard]] core::wording const& words() const { return words_; }

private:
    void describe(boost::json::object& f, std::string const& path, std::string const& id,
                  bool has_hint) {
        std::string described = has_hint ? id + "-hint" : "";
        auto const it = state_.errors.find(path);
        f["has_error"] = it != state_.errors.end();
        if (it != state_.errors.end()) {
            f["error"] = words_.say(it->second);
            described += (described.empty() ? "" : " ") + id + "-error";
            add_summary(id, it->second);
        }
        f["has_describedby"] = !described.empty();
        f["describedby"] = described;
    }

    void add_summary(std::string const& anchor, server::message const& message) {
        summary_.push_back(
            boost::json::object{{"href", "#" + anchor}, {"message", words_.say(message)}});
    }

    form_state const& state_;
    core::wording words_;
    boost::json::array summary_;
};

boost::json::object attendee_fieldset(form_builder& form, raw_attendee const& a, std::size_t i,
                                      std::string const& legend) {
    auto const prefix = "attendees[" + std::to_string(i) + "].";
    std::vector<std::string> const affiliation{a.affiliation.empty() ? "civil_society"
                                                                     : a.affiliation};
    return boost::json::object{
        {"index", static_cast<long long>(i)},
        {"legend", legend},
        {"id_field", prefix + "id"},
        {"has_attendee_id", !a.id.empty()},
        {"attendee_id", a.id},
        {"name", form.text(prefix + "name", "form.name", a.name, "text", "", nullptr, true)},
        {"email", form.text(prefix + "email", "form.attendee_email", a.email, "email", "",
                            "form.attendee_email_hint")},
        {"affiliation", form.group(prefix + "affiliation", "form.affiliation", "radio",
                                   affiliation_codes, affiliation)},
        {"dietary", form.group(prefix + "dietary", "form.dietary", "checkbox", dietary_codes_shown,
                               a.dietary)},
        {"dietary_other",
         form.text(prefix + "dietary_other", "form.dietary_other", a.dietary_other)},
        {"accessibility", form.text(prefix + "accessibility", "form.accessibility", a.accessibility,
                                    "text", "", "form.accessibility_hint")}};
}

boost::json::object contact_fields(form_builder& form, raw_registration const& t) {
    return boost::json::object{
        {"name",
         form.text("contact.name", "form.name", t.contact_name, "text", "name", nullptr, true)},
        {"email", form.text("contact.email", "form.email", t.contact_email, "email", "email",
                            "form.contact_email_hint", true)},
        {"phone", form.text("contact.phone", "form.phone", t.contact_phone, "tel", "tel")}};
}

}  // namespace

std::string field_id(std::string_view path) {
    std::string id = "f-";
    for (char c : path) {
        if (c == '[' || c == '.')
            id += '-';
        else if (c != ']')
            id += c;
    }
    return id;
}

boost::json::object registration_form_view(form_state const& state, core::wording const& words) {
    form_builder form{state, words};
    auto const& t = state.typed;
    auto organisation = boost::json::object{
        {"name", form.text("organisation.name", "form.organisation_name", t.organisation_name,
                           "text", "organization")},
        {"org_number", form.text("organisation.org_number", "form.org_number", t.org_number, "text",
                                 "", "form.org_number_hint")}};
    auto contact = contact_fields(form, t);
    form.section_error("attendees", "f-attendees");
    boost::json::array attendees;
    for (std::size_t i = 0; i < state.attendee_count; ++i) {
        raw_attendee const empty;
        auto const& a = i < t.attendees.size() ? t.attendees[i] : empty;
        attendees.push_back(attendee_fieldset(
            form, a, i, words("form.attendee_legend", {{"n", std::to_string(i + 1)}})));
    }
    boost::json::object consent{{"id", "f-consent"}, {"checked", t.consent}};
    auto const consent_error = state.errors.find("consent");
    consent["has_error"] = consent_error != state.errors.end();
    if (consent_error != state.errors.end()) {
        consent["error"] = words.say(consent_error->second);
        form.section_error("consent", "f-consent");
    }
    return boost::json::object{{"summary", form.summary("form.not_sent")},
                               {"organisation", std::move(organisation)},
                               {"contact", std::move(contact)},
                               {"attendees", std::move(attendees)},
                               {"attendee_count", static_cast<long long>(state.attendee_count)},
                               {"can_add", state.attendee_count < max_attendees},
                               {"can_remove", state.attendee_count > 1},
                               {"consent", std::move(consent)},
                               {"form_token", state.form_token},
                               {"has_invitation", !t.invitation.empty()},
                               {"invitation", t.invitation}};
}

boost::json::object manage_form_view(form_state const& state, core::wording const& words) {
    form_builder form{state, words};
    auto const& t = state.typed;
    auto contact = contact_fields(form, t);
    form.section_error("attendees", "f-attendees");
    boost::json::array attendees;
    for (std::size_t i = 0; i < t.attendees.size(); ++i) {
        auto const& a = t.attendees[i];
        auto const legend = a.id.empty()
                                ? words("form.new_attendee_legend")
                                : words("form.existing_attendee_legend", {{"name", a.name}});
        attendees.push_back(attendee_fieldset(form, a, i, legend));
    }
    return boost::json::object{{"summary", form.summary("form.not_saved")},
                               {"contact", std::move(contact)},
                               {"attendees", std::move(attendees)},
                               {"attendee_count", static_cast<long long>(t.attendees.size())}};
}

raw_registration typed_from(registration const& r) {
    raw_registration t;
    t.form = true;
    t.contact_given = true;
    t.contact_name = r.contact_name;
    t.contact_email = r.contact_email;
    t.contact_phone = r.contact_phone;
    for (auto const& a : r.attendees) {
        if (a.status == "cancelled") continue;
        t.attendees.push_back(raw_attendee{std::to_string(a.id), a.name, a.email, a.affiliation,
                                           a.dietary, a.dietary_other, a.accessibility});
    }
    return t;
}

}  // namespace samverkan::registrations

#include "modules/registrations/registration_form.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <span>

namespace samverkan::registrations {

namespace {

struct choice_label {
    std::string_view code;
    char const* label;
};

constexpr choice_label affiliation_labels[] = {
    {"civil_society", "Idéburen organisation (förening, byalag, studieförbund …)"},
    {"municipal_staff", "Tjänsteperson i kommunen"},
    {"elected_official", "Förtroendevald"},
    {"other", "Annat"}};

constexpr choice_label dietary_labels[] = {{"vegetarian", "Vegetarisk"},
                                           {"vegan", "Vegansk"},
                                           {"gluten_free", "Glutenfri"},
                                           {"lactose_free", "Laktosfri"},
                                           {"nut_allergy", "Nötallergi"}};

/// Builds fields in form order and collects the error summary in the same order.
class form_builder {
public:
    explicit form_builder(form_state const& state) : state_(state) {}

    boost::json::object text(std::string const& path, std::string label, std::string value,
                             char const* type = "text", char const* autocomplete = "",
                             std::string hint = {}, bool required = false) {
        auto const id = field_id(path);
        // kainjow renders a section for any string, even "": flags say what is there.
        boost::json::object f{{"id", id},
                              {"name", path},
                              {"label", label},
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

    /// A radio group or checkbox group: the first option carries the field's id.
    boost::json::object group(std::string const& path, std::string legend, char const* type,
                              std::span<choice_label const> options,
                              std::vector<std::string> const& chosen) {
        auto const id = field_id(path);
        boost::json::array items;
        for (std::size_t i = 0; i < options.size(); ++i) {
            bool const checked =
                std::find(chosen.begin(), chosen.end(), options[i].code) != chosen.end();
            items.push_back(
                boost::json::object{{"id", i == 0 ? id : id + "-" + std::string{options[i].code}},
                                    {"name", path},
                                    {"value", options[i].code},
                                    {"label", options[i].label},
                                    {"checked", checked},
                                    {"type", type}});
        }
        boost::json::object f{{"id", id}, {"legend", legend}, {"options", std::move(items)}};
        describe(f, path, id, false);
        return f;
    }

    /// A problem that belongs to a section rather than one input.
    void section_error(std::string const& path, std::string const& anchor) {
        auto const it = state_.errors.find(path);
        if (it != state_.errors.end()) add_summary(anchor, it->second);
    }

    boost::json::object summary(char const* title) const {
        boost::json::object out{{"title", title},
                                {"has_errors", !summary_.empty() || !state_.general_error.empty()},
                                {"has_items", !summary_.empty()},
                                {"items", summary_},
                                {"has_general_error", !state_.general_error.empty()},
                                {"general_error", state_.general_error}};
        return out;
    }

private:
    void describe(boost::json::object& f, std::string const& path, std::string const& id,
                  bool has_hint) {
        std::string described = has_hint ? id + "-hint" : "";
        auto const it = state_.errors.find(path);
        f["has_error"] = it != state_.errors.end();
        if (it != state_.errors.end()) {
            f["error"] = it->second;
            described += (described.empty() ? "" : " ") + id + "-error";
            add_summary(id, it->second);
        }
        f["has_describedby"] = !described.empty();
        f["describedby"] = described;
    }

    void add_summary(std::string const& anchor, std::string const& message) {
        summary_.push_back(boost::json::object{{"href", "#" + anchor}, {"message", message}});
    }

    form_state const& state_;
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
        {"name", form.text(prefix + "name", "Namn", a.name, "text", "", {}, true)},
        {"email", form.text(prefix + "email", "E-post till deltagaren", a.email, "email", "",
                            "Om deltagaren själv ska få information om träffen.")},
        {"affiliation", form.group(prefix + "affiliation", "Deltar som", "radio",
                                   affiliation_labels, affiliation)},
        {"dietary",
         form.group(prefix + "dietary", "Specialkost", "checkbox", dietary_labels, a.dietary)},
        {"dietary_other",
         form.text(prefix + "dietary_other", "Annan specialkost eller allergi", a.dietary_other)},
        {"accessibility",
         form.text(prefix + "accessibility", "Behov för att kunna delta", a.accessibility, "text",
                   "", "Till exempel hörslinga, rullstolsplats eller teckentolk.")}};
}

boost::json::object contact_fields(form_builder& form, raw_registration const& t) {
    return boost::json::object{
        {"name", form.text("contact.name", "Namn", t.contact_name, "text", "name", {}, true)},
        {"email",
         form.text("contact.email", "E-post", t.contact_email, "email", "email",
                   "Hit skickar vi bekräftelsen och länken där du kan ändra anmälan.", true)},
        {"phone", form.text("contact.phone", "Telefon", t.contact_phone, "tel", "tel")}};
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

boost::json::object registration_form_view(form_state const& state) {
    form_builder form{state};
    auto const& t = state.typed;
    auto organisation = boost::json::object{
        {"name", form.text("organisation.name", "Organisation eller förening", t.organisation_name,
                           "text", "organization")},
        {"org_number", form.text("organisation.org_number", "Organisationsnummer", t.org_number,
                                 "text", "", "Tio siffror, till exempel 802400-1235.")}};
    auto contact = contact_fields(form, t);
    form.section_error("attendees", "f-attendees");
    boost::json::array attendees;
    for (std::size_t i = 0; i < state.attendee_count; ++i) {
        raw_attendee const empty;
        auto const& a = i < t.attendees.size() ? t.attendees[i] : empty;
        attendees.push_back(attendee_fieldset(form, a, i, "Deltagare " + std::to_string(i + 1)));
    }
    boost::json::object consent{{"id", "f-consent"}, {"checked", t.consent}};
    auto const consent_error = state.errors.find("consent");
    consent["has_error"] = consent_error != state.errors.end();
    if (consent_error != state.errors.end()) {
        consent["error"] = consent_error->second;
        form.section_error("consent", "f-consent");
    }
    return boost::json::object{{"summary", form.summary("Anmälan är inte skickad än")},
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

boost::json::object manage_form_view(form_state const& state) {
    form_builder form{state};
    auto const& t = state.typed;
    auto contact = contact_fields(form, t);
    form.section_error("attendees", "f-attendees");
    boost::json::array attendees;
    for (std::size_t i = 0; i < t.attendees.size(); ++i) {
        auto const& a = t.attendees[i];
        auto const legend = a.id.empty() ? std::string{"Lägg till en deltagare (frivilligt)"}
                                         : "Deltagare: " + a.name;
        attendees.push_back(attendee_fieldset(form, a, i, legend));
    }
    return boost::json::object{{"summary", form.summary("Ändringarna är inte sparade än")},
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

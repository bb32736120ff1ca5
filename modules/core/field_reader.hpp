#pragma once

// The one way request bodies are read: a JSON object or an HTML form, field by field, every
// problem collected (as a catalogue message under its path, "attendees[1].name") for one
// 422 answer. The same reading code serves the API and the pages:
//
//     server::field_errors errors;
//     core::field_reader in{body_or_form, errors};
//     auto title = in.text("title", {.required = true, .max = 200});
//     auto seats = in.integer("capacity", {.required = true, .min = 1, .max = 100000});
//     core::throw_if_invalid(errors);
//
// JSON: a value of the wrong JSON type is a 400 at once (API.md); absent and null are the
// same. Forms: every value is text; a checkbox is true when present; numbers are digits.
#include "server/api_error.hpp"

#include <boost/json/fwd.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace samverkan::core {

class form_input;

struct text_rule {
    bool required = false;
    std::size_t max = 200;                            ///< characters (UTF-8 code points)
    std::size_t min = 1;                              ///< characters, when given
    bool multiline = false;                           ///< CR, LF and tab allowed
    char const* required_message = "input.required";  ///< catalogue key when missing
};

struct integer_rule {
    bool required = false;
    long long min = 0;
    long long max = 1'000'000'000;
};

/// What is wrong with an already trimmed text under `rule` (nullopt: nothing; an empty
/// text is the caller's to judge). The one text rule field_reader::text applies, for code
/// that checks values it read earlier.
[[nodiscard]] std::optional<server::message> text_problem(std::string_view trimmed,
                                                          text_rule const& rule);

class field_reader {
public:
    /// A JSON object; paths under `prefix` ("contact." for a nested object).
    field_reader(boost::json::object const& object, server::field_errors& errors,
                 std::string prefix = {});
    /// A form; its field names are the paths ("contact.name", "attendees[0].dietary").
    field_reader(form_input const& form, server::field_errors& errors, std::string prefix = {});

    [[nodiscard]] bool is_form() const { return form_ != nullptr; }

    /// Whether the field holds something (JSON: present and not null; form: present).
    [[nodiscard]] bool has(std::string_view key) const;

    /// What was sent, as text, unchecked ("" when absent): to show a form again as typed.
    [[nodiscard]] std::string raw(std::string_view key) const;
    /// The same, but a JSON value that is not a string is a 400.
    [[nodiscard]] std::string raw_text(std::string_view key) const;
    /// Texts as sent: a JSON array of strings (else 400) or every value of a repeated field.
    [[nodiscard]] std::vector<std::string> raw_list(std::string_view key) const;

    /// A trimmed, clean text; nullopt when absent or empty (a problem when required) or when
    /// it breaks the rule.
    std::optional<std::string> text(std::string_view key, text_rule const& rule = {});
    /// A plausible e-mail address (core::valid_email), trimmed.
    std::optional<std::string> email(std::string_view key, bool required,
                                     char const* required_message = "input.required");
    std::optional<long long> integer(std::string_view key, integer_rule const& rule = {});
    /// JSON true/false; a form checkbox (true when present, false when not).
    std::optional<bool> boolean(std::string_view key, bool required = false);
    /// One value from `allowed`.
    std::optional<std::string> choice(std::string_view key, bool required,
                                      std::vector<std::string_view> const& allowed);
    /// Values each from `allowed`, each once: a JSON array of strings or a repeated form field.
    std::optional<std::vector<std::string>> choices(std::string_view key,
                                                    std::vector<std::string_view> const& allowed);

    /// A reader of a nested object (JSON) or of the fields named "<key>." (form); nullopt
    /// when a JSON body has no such object.
    [[nodiscard]] std::optional<field_reader> nested(std::string_view key);
    /// The number of entries of an array field (JSON: its length; form: one more than the
    /// highest "<key>[i]." index sent), and a reader of entry `i`.
    [[nodiscard]] std::size_t count(std::string_view key) const;
    [[nodiscard]] field_reader entry(std::string_view key, std::size_t i);

    void fail(std::string_view key, server::message m);
    [[nodiscard]] std::string path(std::string_view key) const;

    [[nodiscard]] server::field_errors& errors() { return errors_; }

    /// A JSON array field as it is (nullptr when absent, and always for forms).
    [[nodiscard]] boost::json::array const* array(std::string_view key) const;

    /// For code that still needs the JSON object itself (nullptr for forms).
    [[nodiscard]] boost::json::object const* json() const { return object_; }

private:
    boost::json::value const* find(std::string_view key) const;
    std::optional<std::string> string_of(std::string_view key, bool required,
                                         char const* required_message);

    boost::json::object const* object_ = nullptr;
    form_input const* form_ = nullptr;
    server::field_errors& errors_;
    std::string prefix_;
};

}  // namespace samverkan::core

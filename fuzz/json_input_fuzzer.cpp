// The JSON input readers: core::parse_json_object and core::field_reader, and the
// registration body on top of them (raw_from_json, validate_registration). Any input is
// answered 400, 415 or 422 (an api_error), never anything else (which would be a 500).
#include "fuzz/fuzz_check.hpp"
#include "modules/core/field_reader.hpp"
#include "modules/core/json_input.hpp"
#include "modules/registrations/registration_input.hpp"
#include "server/api_error.hpp"
#include "server/request.hpp"

#include <boost/json/object.hpp>

#include <algorithm>

namespace {

using namespace samverkan;

bool client_error(server::api_error const& e) {
    auto const status = server::to_status(e.kind());
    return status == 400 || status == 415 || status == 422;
}

// Every reader of field_reader on the keys a fuzzer soon finds, nested and indexed too.
void read_fields(core::field_reader& r, int depth) {
    (void)r.text("name", {.required = true, .max = 200});
    (void)r.text("phone", {.max = 40, .min = 0});
    (void)r.email("email", false);
    (void)r.integer("capacity", {.min = 1, .max = 100000});
    (void)r.boolean("consent");
    (void)r.choices("dietary", {"vegetarian", "vegan", "gluten_free"});
    (void)r.choice("kind", false, {"theme_meeting", "other"});
    (void)r.raw_list("tags");
    if (depth > 0) {
        if (auto contact = r.nested("contact")) read_fields(*contact, depth - 1);
        for (std::size_t i = 0, n = std::min<std::size_t>(r.count("attendees"), 4); i < n; ++i) {
            auto entry = r.entry("attendees", i);
            read_fields(entry, depth - 1);
        }
    }
}

void read_fields(boost::json::object const& body) {
    server::field_errors errors;
    core::field_reader r{body, errors, "x."};
    read_fields(r, 2);
    for (auto const& [field, message] : errors)
        fuzz::expect(field.rfind("x.", 0) == 0 && message.keyed(),
                     "errors name their field and a catalogue key");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
    server::request req;
    req.message.set(http::field::content_type, "application/json");
    req.message.body() = std::string{fuzz::text_of(data, size)};
    try {
        auto const body = core::parse_json_object(req);
        try {
            read_fields(body);
        } catch (server::api_error const& e) {
            fuzz::expect(client_error(e), "field_reader answers 4xx");
        }
        auto const raw = registrations::raw_from_json(body);
        server::field_errors errors;
        (void)registrations::validate_registration(raw, errors);
        for (auto const& [field, problem] : errors)
            fuzz::expect(!field.empty() && problem.keyed(), "each problem a catalogue key");
    } catch (server::api_error const& e) {
        fuzz::expect(client_error(e), "a bad body is a 400, 415 or 422");
    }
    return 0;
}

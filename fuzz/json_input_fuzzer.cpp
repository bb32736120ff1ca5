// The JSON input readers: core::parse_json_object and core::json_reader, and the
// registration body on top of them (raw_from_json, validate_registration). Any input is
// answered 400, 415 or 422 (an api_error), never anything else (which would be a 500).
#include "fuzz/fuzz_check.hpp"
#include "modules/core/json_input.hpp"
#include "modules/registrations/registration_input.hpp"
#include "server/api_error.hpp"
#include "server/request.hpp"

#include <boost/json/object.hpp>

namespace {

using namespace samverkan;

bool client_error(server::api_error const& e) {
    auto const status = server::to_status(e.kind());
    return status == 400 || status == 415 || status == 422;
}

// Every reader of json_reader on the keys a fuzzer soon finds.
void read_fields(boost::json::object const& body) {
    server::field_errors errors;
    core::json_reader r{body, errors, "x."};
    (void)r.text("name", true, 200);
    (void)r.text("phone", false, 40, 0);
    (void)r.integer("capacity", false, 1, 100000);
    (void)r.boolean("consent", false);
    (void)r.choices("dietary", {"vegetarian", "vegan", "gluten_free"});
    (void)r.choice("kind", false, {"theme_meeting", "other"});
    (void)r.object("contact", false);
    (void)r.array("attendees", false);
    for (auto const& [field, message] : errors)
        fuzz::expect(field.rfind("x.", 0) == 0 && !message.empty(), "errors name their field");
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
            fuzz::expect(client_error(e), "json_reader answers 4xx");
        }
        auto const raw = registrations::raw_from_json(body);
        for (auto const* language : {"en", "sv"}) {
            server::field_errors errors;
            (void)registrations::validate_registration(raw, language, errors);
        }
    } catch (server::api_error const& e) {
        fuzz::expect(client_error(e), "a bad body is a 400, 415 or 422");
    }
    return 0;
}

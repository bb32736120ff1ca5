#include "modules/core/json_input.hpp"

#include "modules/core/form_input.hpp"
#include "server/request.hpp"

#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>

using namespace samverkan;

namespace {

server::request json_request(std::string body, std::string type = "application/json") {
    server::request req;
    req.message.set(http::field::content_type, type);
    req.message.body() = std::move(body);
    return req;
}

server::error_kind kind_of(std::function<void()> const& f) {
    try {
        f();
    } catch (server::api_error const& e) {
        return e.kind();
    }
    BOOST_FAIL("no api_error thrown");
    return server::error_kind::internal;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(json_input)

BOOST_AUTO_TEST_CASE(body_must_be_a_json_object_sent_as_json) {
    using server::error_kind;
    BOOST_TEST((kind_of([] { (void)core::parse_json_object(json_request("{}", "text/plain")); }) ==
                error_kind::unsupported_media_type));
    BOOST_TEST((kind_of([] { (void)core::parse_json_object(json_request("{\"a\":")); }) ==
                error_kind::bad_request));
    BOOST_TEST((kind_of([] { (void)core::parse_json_object(json_request("[1]")); }) ==
                error_kind::bad_request));
    BOOST_TEST(core::parse_json_object(json_request("{\"a\":1}", "application/json; charset=utf-8"))
                   .size() == 1u);
}

BOOST_AUTO_TEST_CASE(every_field_error_is_collected_before_answering) {
    auto const obj =
        boost::json::parse(R"({"name":"  ","age":200,"kind":"x","ok":true})").as_object();
    server::field_errors errors;
    core::field_reader r{obj, errors, "contact."};
    BOOST_TEST(!r.text("name", {.required = true, .max = 10}));
    BOOST_TEST(!r.integer("age", {.required = true, .min = 0, .max = 120}));
    BOOST_TEST(!r.choice("kind", true, {"a", "b"}));
    BOOST_TEST(!r.text("missing", {.required = true, .max = 10}));
    BOOST_TEST(*r.boolean("ok", true));
    BOOST_TEST(errors.size() == 4u);
    BOOST_TEST(errors.count("contact.name") == 1u);
    BOOST_TEST(errors.count("contact.missing") == 1u);
    BOOST_TEST((kind_of([&] { core::throw_if_invalid(errors); }) ==
                server::error_kind::validation_failed));
}

BOOST_AUTO_TEST_CASE(a_wrong_json_type_is_a_bad_request) {
    auto const obj = boost::json::parse(R"({"name":5})").as_object();
    server::field_errors errors;
    core::field_reader r{obj, errors};
    BOOST_TEST((kind_of([&] { (void)r.text("name", {.required = true, .max = 10}); }) ==
                server::error_kind::bad_request));
}

BOOST_AUTO_TEST_CASE(text_length_counts_characters_not_bytes_and_refuses_control_characters) {
    auto const obj =
        boost::json::parse(R"({"a":"åäö","b":"x\u0000y","c":"a\r\nBcc: x"})").as_object();
    server::field_errors errors;
    core::field_reader r{obj, errors};
    BOOST_TEST(r.text("a", {.required = true, .max = 3}).value_or("") == "åäö");
    BOOST_TEST(!r.text("b", {.required = true, .max = 10}));
    BOOST_TEST(!r.text("c", {.required = true, .max = 100}));
    BOOST_TEST(errors.size() == 2u);
    BOOST_TEST(!core::clean_text("\xC3", false));
}

BOOST_AUTO_TEST_CASE(a_form_is_read_through_the_same_reader_with_the_same_rules) {
    // The same reading code for the page's form and the API's JSON: paths, trimming, length,
    // checkboxes, repeated fields, nested names and indexed entries.
    core::form_input const form{
        "contact.name=+%C3%85sa+&contact.email=nope&age=x&ok=on&areas=democracy&areas=participation"
        "&attendees%5B0%5D.name=A&attendees%5B2%5D.name=C"};
    server::field_errors errors;
    core::field_reader r{form, errors};
    BOOST_TEST(r.is_form());
    auto contact = r.nested("contact");
    BOOST_REQUIRE(contact.has_value());
    BOOST_TEST(contact->text("name", {.required = true, .max = 10}).value_or("") == "Åsa");
    BOOST_TEST(!contact->email("email", true));
    BOOST_TEST(!r.integer("age", {.required = true}));
    BOOST_TEST(*r.boolean("ok"));
    BOOST_TEST(!*r.boolean("absent"));
    auto const areas = r.choices("areas", {"democracy", "participation"});
    BOOST_TEST(areas.value().size() == 2u);
    BOOST_TEST(r.count("attendees") == 3u);
    BOOST_TEST(r.entry("attendees", 2).text("name").value_or("") == "C");
    BOOST_TEST(errors.count("contact.email") == 1u);
    BOOST_TEST(errors.count("age") == 1u);
    BOOST_TEST(errors.size() == 2u);
}

BOOST_AUTO_TEST_CASE(the_json_reader_walks_nested_objects_and_arrays_with_full_paths) {
    auto const obj =
        boost::json::parse(R"({"contact":{"name":"Åsa"},"attendees":[{"name":"A"},{"name":""}]})")
            .as_object();
    server::field_errors errors;
    core::field_reader r{obj, errors};
    BOOST_TEST(r.nested("contact")->text("name").value_or("") == "Åsa");
    BOOST_TEST(!r.nested("missing").has_value());
    BOOST_TEST(r.count("attendees") == 2u);
    BOOST_TEST(!r.entry("attendees", 1).text("name", {.required = true}));
    BOOST_TEST(errors.count("attendees[1].name") == 1u);
    BOOST_TEST((kind_of([&] { (void)r.nested("attendees"); }) == server::error_kind::bad_request));
}

BOOST_AUTO_TEST_CASE(email_addresses_are_checked_for_shape_and_header_safety) {
    BOOST_TEST(core::valid_email("anna.ferrington@sensus.se"));
    BOOST_TEST(core::valid_email("å@föreningen.se"));
    BOOST_TEST(!core::valid_email("no-at.se"));
    BOOST_TEST(!core::valid_email("a@b"));
    BOOST_TEST(!core::valid_email("a@b.se\r\nBcc: x@y.se"));
    BOOST_TEST(!core::valid_email("a b@c.se"));
    BOOST_TEST(!core::valid_email("a@@c.se"));
}

BOOST_AUTO_TEST_SUITE_END()

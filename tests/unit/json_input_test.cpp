#include "modules/core/json_input.hpp"

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
    core::json_reader r{obj, errors, "contact."};
    BOOST_TEST(!r.text("name", true, 10));
    BOOST_TEST(!r.integer("age", true, 0, 120));
    BOOST_TEST(!r.choice("kind", true, {"a", "b"}));
    BOOST_TEST(!r.text("missing", true, 10));
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
    core::json_reader r{obj, errors};
    BOOST_TEST(
        (kind_of([&] { (void)r.text("name", true, 10); }) == server::error_kind::bad_request));
}

BOOST_AUTO_TEST_CASE(text_length_counts_characters_not_bytes_and_refuses_control_characters) {
    auto const obj =
        boost::json::parse(R"({"a":"åäö","b":"x\u0000y","c":"a\r\nBcc: x"})").as_object();
    server::field_errors errors;
    core::json_reader r{obj, errors};
    BOOST_TEST(r.text("a", true, 3).value_or("") == "åäö");
    BOOST_TEST(!r.text("b", true, 10));
    BOOST_TEST(!r.text("c", true, 100));
    BOOST_TEST(errors.size() == 2u);
    BOOST_TEST(!core::clean_text("\xC3", false));
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

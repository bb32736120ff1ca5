#include "server/response.hpp"

#include "server/api_error.hpp"

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

namespace samverkan::server {

response text_response(unsigned status, std::string body, std::string_view content_type) {
    response res{static_cast<http::status>(status), 11};
    res.set(http::field::content_type,
            boost::beast::string_view{content_type.data(), content_type.size()});
    res.body() = std::move(body);
    res.prepare_payload();
    return res;
}

response json_response(unsigned status, boost::json::value const& body) {
    return text_response(status, boost::json::serialize(body), "application/json");
}

response html_response(unsigned status, std::string body) {
    return text_response(status, std::move(body), "text/html; charset=utf-8");
}

response redirect_response(std::string_view location, unsigned status) {
    response res = empty_response(status);
    res.set(http::field::location, boost::beast::string_view{location.data(), location.size()});
    return res;
}

response empty_response(unsigned status) {
    response res{static_cast<http::status>(status), 11};
    res.prepare_payload();
    return res;
}

response error_response(api_error const& error, std::string_view request_id,
                        translator const& translate, std::string_view language) {
    auto const say = [&](message const& m) {
        return translate ? translate(m, language) : m.text();
    };
    boost::json::object body;
    body["error"] = error.code();
    body["message"] = say(error.text());
    if (!error.fields().empty()) {
        boost::json::object fields;
        for (auto const& [path, text] : error.fields()) fields[path] = say(text);
        body["fields"] = std::move(fields);
    }
    body["request_id"] = request_id;
    response res = json_response(to_status(error.kind()), body);
    for (auto const& [name, value] : error.headers()) res.set(name, value);
    return res;
}

}  // namespace samverkan::server

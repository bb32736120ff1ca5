// server::router's path matching over a route table shaped like the real one: any method and
// path is answered 200, 404 or 405, parameters never hold a '/', and a rest parameter is
// exactly the rest of the path.
#include "fuzz/fuzz_check.hpp"
#include "server/api_error.hpp"
#include "server/logger.hpp"
#include "server/response.hpp"
#include "server/router.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>

#include <cstdio>

namespace {

using namespace samverkan;
using fuzz::expect;

constexpr char const* patterns[] = {
    "/",
    "/events/{id}",
    "/events/{id}.ics",
    "/events.ics",
    "/r/{token}",
    "/r/{token}/avboka",
    "/r/{token}/attendees/{attendee_id}/avboka",
    "/api/v1/events/{id}/registrations",
    "/api/v1/registrations/{token}/attendees/{attendee_id}",
    "/static/{path...}",
};

server::response check_params(server::request& req) {
    for (auto const& [name, value] : req.path_params) {
        expect(!value.empty(), "a parameter is never empty");
        if (name == "path") {
            if (req.path.starts_with("/static/"))
                expect(value == req.path.substr(8), "the rest parameter is the rest of the path");
        } else {
            expect(value.find('/') == std::string::npos, "a parameter is one segment");
        }
    }
    return server::text_response(200, req.route_pattern, "text/plain");
}

struct table {
    std::FILE* sink = std::fopen("/dev/null", "w");
    server::logger log{sink};
    server::router routes{log};

    table() {
        for (auto const* p : patterns)
            for (auto method : {http::verb::get, http::verb::post})
                routes.add(method, p,
                           [](server::request& req) -> asio::awaitable<server::response> {
                               co_return check_params(req);
                           });
    }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
    static table t;  // built once: the router is read-only after start, as in the server
    if (size < 1) return 0;
    constexpr http::verb methods[] = {http::verb::get, http::verb::head, http::verb::post,
                                      http::verb::delete_, http::verb::patch};
    server::request req;
    req.message.method(methods[data[0] % 5]);
    req.path = std::string{fuzz::text_of(data + 1, size - 1)};
    req.request_id = "fuzz";
    asio::io_context ioc;
    auto answer = asio::co_spawn(ioc, t.routes.dispatch(req), asio::use_future);
    ioc.run();
    auto const status = answer.get().result_int();
    expect(status == 200 || status == 404 || status == 405, "200, 404 or 405");
    return 0;
}

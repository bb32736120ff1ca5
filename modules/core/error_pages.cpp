#include "modules/core/error_pages.hpp"

#include "modules/core/pages.hpp"
#include "server/api_error.hpp"
#include "server/response.hpp"

#include <boost/json/object.hpp>
#include <boost/url/encode.hpp>
#include <boost/url/rfc/unreserved_chars.hpp>

namespace samverkan::core {

namespace {

char const* heading_of(server::error_kind kind) {
    switch (kind) {
        case server::error_kind::not_found:
            return "Sidan finns inte";
        case server::error_kind::forbidden:
            return "Du har inte behörighet till den här sidan";
        case server::error_kind::rate_limited:
            return "För många försök";
        case server::error_kind::unavailable:
            return "Tjänsten är tillfälligt otillgänglig";
        case server::error_kind::internal:
            return "Något gick fel hos oss";
        default:
            return "Det gick inte att visa sidan";
    }
}

// The API's messages are English; a page speaks Swedish, so it explains by kind.
char const* explanation_of(server::error_kind kind) {
    switch (kind) {
        case server::error_kind::not_found:
            return "Kontrollera adressen, eller börja om från startsidan.";
        case server::error_kind::forbidden:
            return "Logga in med ett konto som har rätt behörighet.";
        case server::error_kind::rate_limited:
            return "Vänta en stund och försök sedan igen.";
        case server::error_kind::unavailable:
            return "Försök igen om en liten stund.";
        case server::error_kind::internal:
            return "Felet är loggat. Försök igen, eller kontakta oss och ange referensen nedan.";
        default:
            return "Gå tillbaka och försök igen.";
    }
}

}  // namespace

server::page_error_renderer html_error_pages(page_renderer const& pages) {
    return [&pages](server::request const& req,
                    server::api_error const& error) -> std::optional<server::response> {
        auto const status = server::to_status(error.kind());
        if (error.kind() == server::error_kind::unauthenticated &&
            req.message.method() == http::verb::get) {
            auto const next = urls::encode(req.message.target(), urls::unreserved_chars);
            return server::redirect_response("/login?next=" + next);
        }
        boost::json::object data{{"title", heading_of(error.kind())},
                                 {"heading", heading_of(error.kind())},
                                 {"message", explanation_of(error.kind())},
                                 {"status", status},
                                 {"request_id", req.request_id}};
        auto res = server::html_response(status, pages.render_page("error", data));
        for (auto const& [name, value] : error.headers()) res.set(name, value);
        return res;
    };
}

}  // namespace samverkan::core

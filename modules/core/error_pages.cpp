#include "modules/core/error_pages.hpp"

#include "modules/core/pages.hpp"
#include "server/api_error.hpp"
#include "server/response.hpp"

#include <boost/json/object.hpp>
#include <boost/url/encode.hpp>
#include <boost/url/rfc/unreserved_chars.hpp>

#include <optional>

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

// Refusals whose kind alone would mislead: a cross-site form is no question of rights.
struct refusal_text {
    char const* heading;
    char const* explanation;
};

std::optional<refusal_text> text_of_reason(std::string const& reason) {
    if (reason == "cross_site")
        return refusal_text{
            "Formuläret kom från en annan webbplats",
            "Vi tar bara emot formulär som skickas från våra egna sidor, så att ingen annan "
            "webbplats kan skicka något i ditt namn. Öppna sidan på nytt från vår webbadress "
            "och skicka formuläret därifrån."};
    return std::nullopt;
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
        auto const special = text_of_reason(error.reason());
        auto const* heading = special ? special->heading : heading_of(error.kind());
        boost::json::object data{
            {"title", heading},
            {"heading", heading},
            {"message", special ? special->explanation : explanation_of(error.kind())},
            {"status", status},
            {"request_id", req.request_id}};
        auto res = server::html_response(status, pages.render_page("error", data));
        for (auto const& [name, value] : error.headers()) res.set(name, value);
        return res;
    };
}

}  // namespace samverkan::core

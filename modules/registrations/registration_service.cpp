#include "modules/registrations/registration_service.hpp"

#include "modules/core/database.hpp"
#include "modules/core/time.hpp"
#include "modules/events/event_listing.hpp"
#include "modules/registrations/manage_token.hpp"
#include "modules/registrations/registration_repository.hpp"

#include <boost/json.hpp>

namespace samverkan::registrations {

using server::api_error;
using server::error_kind;

namespace {

std::string say(std::string_view language, std::string en, std::string sv) {
    return language == "sv" ? std::move(sv) : std::move(en);
}

boost::json::value text_or_null(std::string const& s) {
    return s.empty() ? boost::json::value(nullptr) : boost::json::value(s);
}

// The validated input in the shape samverkan_register (sql/0003) reads.
std::string input_json(registration_input const& in) {
    boost::json::array attendees;
    for (auto const& a : in.attendees) {
        boost::json::array dietary;
        for (auto const& d : a.dietary) dietary.push_back(boost::json::string(d));
        attendees.push_back(boost::json::object{{"name", a.name},
                                                {"email", text_or_null(a.email)},
                                                {"affiliation", a.affiliation},
                                                {"dietary", std::move(dietary)},
                                                {"dietary_other", text_or_null(a.dietary_other)},
                                                {"accessibility", text_or_null(a.accessibility)}});
    }
    return boost::json::serialize(boost::json::object{
        {"organisation", boost::json::object{{"name", text_or_null(in.organisation_name)},
                                             {"org_number", text_or_null(in.org_number)}}},
        {"contact", boost::json::object{{"name", in.contact.name},
                                        {"email", in.contact.email},
                                        {"phone", text_or_null(in.contact.phone)}}},
        {"attendees", std::move(attendees)},
        {"language", in.language},
        {"invitation", text_or_null(in.invitation)}});
}

api_error closed_error(int reason, std::string_view language) {
    std::string message;
    switch (reason) {
        case 1:
            message = say(language, "The event is cancelled.", "Träffen är inställd.");
            break;
        case 2:
            message = say(language, "The event has started or is over.",
                          "Träffen har redan börjat eller är över.");
            break;
        case 3:
            message =
                say(language, "Registration has not opened yet.", "Anmälan har inte öppnat än.");
            break;
        default:
            message = say(language, "The registration deadline has passed.",
                          "Sista anmälningsdag har passerat.");
    }
    return api_error(error_kind::conflict, message, "registration_closed");
}

[[noreturn]] void throw_outcome(register_outcome const& o, std::string_view language) {
    auto const& what = o.outcome;
    if (what == "rate_limited")
        throw api_error(error_kind::rate_limited,
                        say(language,
                            "Too many registrations from your address. Please wait a "
                            "minute and try again.",
                            "För många anmälningar från din adress. Vänta en minut och försök "
                            "igen."))
            .with_header("Retry-After", std::to_string(o.detail));
    if (what == "not_found") throw api_error(error_kind::not_found, "No such event.");
    if (what == "registration_closed") throw closed_error(o.detail, language);
    if (what == "event_full")
        throw api_error(error_kind::conflict,
                        say(language,
                            "The event is full and has no waiting list (seats left: " +
                                std::to_string(o.detail) + ").",
                            "Träffen är fullbokad och har ingen väntelista (platser kvar: " +
                                std::to_string(o.detail) + ")."),
                        "event_full");
    if (what == "duplicate_registration")
        throw api_error(error_kind::conflict,
                        say(language,
                            "This e-mail address is already registered for the event. We have "
                            "sent the link to change the registration to it again.",
                            "E-postadressen är redan anmäld till träffen. Vi har skickat länken "
                            "för att ändra anmälan till den igen."),
                        "duplicate_registration");
    if (what == "organisation_limit")
        throw api_error(error_kind::validation_failed,
                        say(language, "Some fields are missing or invalid.",
                            "Några uppgifter saknas eller är fel."))
            .with_fields({{"attendees", say(language,
                                            "Too many attendees from this organisation: " +
                                                std::to_string(o.detail) + " more can register.",
                                            "För många deltagare från organisationen: " +
                                                std::to_string(o.detail) + " till kan anmälas.")}});
    throw api_error(error_kind::internal, "Something went wrong on our side.")
        .with_log_detail("samverkan_register answered " + what);
}

api_error token_not_found() {
    return api_error(error_kind::not_found, "No such registration.");
}

}  // namespace

std::string overall_status(registration const& r) {
    int confirmed = 0, waiting = 0;
    for (auto const& a : r.attendees) {
        if (a.status == "confirmed") ++confirmed;
        if (a.status == "waitlisted") ++waiting;
    }
    if (confirmed == 0 && waiting == 0) return "cancelled";
    if (waiting == 0) return "confirmed";
    return confirmed == 0 ? "waitlisted" : "partially_waitlisted";
}

registration_service::registration_service(db::database& db, events::event_service& events,
                                           events::event_listing& listing,
                                           registration_settings settings)
    : db_(db), events_(events), listing_(listing), settings_(std::move(settings)) {}

asio::awaitable<register_result> registration_service::register_attendees(
    long long event_id, registration_input input, std::optional<std::string> idempotency_key,
    std::string client_address, std::string language) {
    repository::register_call call;
    call.event_id = event_id;
    call.input_json = input_json(input);
    call.token = new_manage_token();
    call.base_url = settings_.base_url;
    call.idempotency_key = std::move(idempotency_key);
    if (settings_.rate_limit > 0) call.rate_key = "registration:" + client_address;
    call.rate_limit = settings_.rate_limit;
    call.lock = settings_.lock_seats;
    auto outcome = co_await db_.run(
        [&call](soci::session& sql) { return repository::register_attendees(sql, call); });
    if (outcome.outcome == "created") {
        listing_.invalidate();
        co_return register_result{std::move(outcome.body), false};
    }
    if (outcome.outcome == "replayed") co_return register_result{std::move(outcome.body), true};
    throw_outcome(outcome, language);
}

asio::awaitable<std::optional<invitation_prefill>> registration_service::invitation(
    long long event_id, std::string token) {
    if (token.empty() || token.size() > 200) co_return std::nullopt;
    co_return co_await db_.run([event_id, &token](soci::session& sql) {
        return repository::invitation(sql, event_id, token);
    });
}

asio::awaitable<registration> registration_service::find(std::string token) {
    if (!looks_like_manage_token(token)) throw token_not_found();
    auto found = co_await db_.run(
        [&token](soci::session& sql) { return repository::find_by_token(sql, token); });
    if (!found) throw token_not_found();
    co_return std::move(*found);
}

}  // namespace samverkan::registrations

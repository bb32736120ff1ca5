#include "modules/registrations/registration_outcome.hpp"

#include "modules/core/named_enum.hpp"

#include <string>

namespace samverkan::registrations {

using server::api_error;
using server::error_kind;

namespace {

std::string say(std::string_view language, std::string en, std::string sv) {
    return language == "sv" ? std::move(sv) : std::move(en);
}

api_error invalid(std::string_view language, std::string field, std::string message) {
    return api_error(error_kind::validation_failed,
                     say(language, "Some fields are missing or invalid.",
                         "Några uppgifter saknas eller är fel."))
        .with_fields({{std::move(field), std::move(message)}});
}

}  // namespace

std::array<std::string_view, 15> const& outcome_names() {
    static constexpr std::array<std::string_view, 15> names{"created",
                                                            "replayed",
                                                            "changed",
                                                            "unchanged",
                                                            "cancelled",
                                                            "rate_limited",
                                                            "not_found",
                                                            "registration_closed",
                                                            "event_full",
                                                            "duplicate_registration",
                                                            "organisation_limit",
                                                            "idempotency_conflict",
                                                            "registration_cancelled",
                                                            "unknown_attendee",
                                                            "too_many_attendees"};
    return names;
}

registration_outcome outcome_from_sql(std::string_view text) {
    return core::enum_from_name<registration_outcome>(outcome_names(), text,
                                                      "registration outcome");
}

bool succeeded(registration_outcome o) {
    using enum registration_outcome;
    return o == created || o == replayed || o == changed || o == unchanged || o == cancelled;
}

std::string closed_reason(events::registration_window window, std::string_view language) {
    using enum events::registration_window;
    switch (window) {
        case cancelled:
            return say(language, "The event is cancelled.", "Träffen är inställd.");
        case started:
            return say(language, "The event has started or is over.",
                       "Träffen har redan börjat eller är över.");
        case not_open_yet:
            return say(language, "Registration has not opened yet.", "Anmälan har inte öppnat än.");
        case deadline_passed:
            return say(language, "The registration deadline has passed.",
                       "Sista anmälningsdag har passerat.");
        case draft:
        case open:
            break;
    }
    return say(language, "Registration is closed for this event.",
               "Anmälan till träffen är stängd.");
}

api_error refusal(rule_answer const& a, std::string_view language) {
    using enum registration_outcome;
    auto const n = std::to_string(a.detail);
    switch (a.outcome) {
        case rate_limited:
            return api_error(error_kind::rate_limited,
                             say(language,
                                 "Too many registrations from your address. Please wait a minute "
                                 "and try again.",
                                 "För många anmälningar från din adress. Vänta en minut och "
                                 "försök igen."))
                .with_header("Retry-After", n);
        case not_found:
            return api_error(error_kind::not_found, "No such event or registration.");
        case registration_closed:
            return api_error(error_kind::conflict, closed_reason(a.reason, language),
                             "registration_closed");
        case event_full:
            return api_error(
                error_kind::conflict,
                say(language, "The event is full and has no waiting list (seats left: " + n + ").",
                    "Träffen är fullbokad och har ingen väntelista (platser kvar: " + n + ")."),
                "event_full");
        case duplicate_registration:
            return api_error(error_kind::conflict,
                             say(language,
                                 "This e-mail address is already registered for the event. We "
                                 "have sent the link to change the registration to it again.",
                                 "E-postadressen är redan anmäld till träffen. Vi har skickat "
                                 "länken för att ändra anmälan till den igen."),
                             "duplicate_registration");
        case organisation_limit:
            return invalid(
                language, "attendees",
                say(language,
                    "Too many attendees from this organisation: " + n + " more can register.",
                    "För många deltagare från organisationen: " + n + " till kan anmälas."));
        case idempotency_conflict:
            return api_error(error_kind::conflict,
                             "This Idempotency-Key was used for another request.", "conflict");
        case registration_cancelled:
            return api_error(error_kind::conflict, say(language, "The registration is cancelled.",
                                                       "Anmälan är avbokad."));
        case unknown_attendee:
            return invalid(language, "attendees",
                           say(language, "Unknown attendee " + n + ".", "Okänd deltagare."));
        case too_many_attendees:
            return invalid(language, "attendees",
                           say(language, "At most 10 attendees per registration.",
                               "Högst 10 deltagare per anmälan."));
        case created:
        case replayed:
        case changed:
        case unchanged:
        case cancelled:
            break;
    }
    return api_error(error_kind::internal, "Something went wrong on our side.")
        .with_log_detail("a successful registration outcome was refused");
}

}  // namespace samverkan::registrations

#include "modules/registrations/registration_outcome.hpp"

#include "modules/core/named_enum.hpp"

#include <string>

namespace samverkan::registrations {

using server::api_error;
using server::error_kind;

namespace {

using server::message;

api_error invalid(std::string field, message m) {
    return api_error(error_kind::validation_failed, message::of("input.invalid"))
        .with_fields({{std::move(field), std::move(m)}});
}

}  // namespace

std::array<std::string_view, 16> const& outcome_names() {
    static constexpr std::array<std::string_view, 16> names{"created",
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
                                                            "too_many_attendees",
                                                            "unknown_organisation"};
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

message closed_reason(events::registration_window window) {
    using enum events::registration_window;
    switch (window) {
        case cancelled:
            return message::of("registration.closed.cancelled");
        case started:
            return message::of("registration.closed.started");
        case not_open_yet:
            return message::of("registration.closed.not_open_yet");
        case deadline_passed:
            return message::of("registration.closed.deadline_passed");
        case draft:
        case open:
            break;
    }
    return message::of("registration.closed");
}

api_error refusal(rule_answer const& a) {
    using enum registration_outcome;
    message::arguments const n{{"n", std::to_string(a.detail)}};
    switch (a.outcome) {
        case rate_limited:
            return api_error(error_kind::rate_limited, message::of("registration.rate_limited"))
                .with_header("Retry-After", std::to_string(a.detail));
        case not_found:
            return api_error(error_kind::not_found, message::of("registration.no_such_event"));
        case registration_closed:
            return api_error(error_kind::conflict, closed_reason(a.reason), "registration_closed");
        case event_full:
            return api_error(error_kind::conflict, message::of("registration.event_full", n),
                             "event_full");
        case duplicate_registration:
            return api_error(error_kind::conflict, message::of("registration.duplicate"),
                             "duplicate_registration");
        case organisation_limit:
            return invalid("attendees", message::of("registration.organisation_limit", n));
        case idempotency_conflict:
            return api_error(error_kind::conflict, message::of("registration.idempotency_conflict"),
                             "conflict");
        case registration_cancelled:
            return api_error(error_kind::conflict, message::of("registration.is_cancelled"));
        case unknown_attendee:
            return invalid("attendees", message::of("registration.unknown_attendee",
                                                    {{"id", std::to_string(a.detail)}}));
        case too_many_attendees:
            return invalid("attendees", message::of("registration.too_many_attendees"));
        case unknown_organisation:
            return invalid("organisation.id", message::of("registration.unknown_organisation"));
        case created:
        case replayed:
        case changed:
        case unchanged:
        case cancelled:
            break;
    }
    return api_error(error_kind::internal, message::of("error.internal.heading"))
        .with_log_detail("a successful registration outcome was refused");
}

}  // namespace samverkan::registrations

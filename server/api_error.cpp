#include "server/api_error.hpp"

namespace samverkan::server {

api_error::api_error(error_kind kind, message text, std::string code)
    : std::runtime_error(text.text()),
      kind_(kind),
      text_(std::move(text)),
      code_(code.empty() ? default_code(kind) : std::move(code)) {}

api_error&& api_error::with_fields(field_errors fields) && {
    fields_ = std::move(fields);
    return std::move(*this);
}

api_error&& api_error::with_header(std::string name, std::string value) && {
    headers_.emplace_back(std::move(name), std::move(value));
    return std::move(*this);
}

api_error&& api_error::with_log_detail(std::string detail) && {
    log_detail_ = std::move(detail);
    return std::move(*this);
}

api_error&& api_error::with_reason(std::string reason) && {
    reason_ = std::move(reason);
    return std::move(*this);
}

unsigned to_status(error_kind kind) noexcept {
    switch (kind) {
        case error_kind::bad_request:
            return 400;
        case error_kind::unauthenticated:
            return 401;
        case error_kind::forbidden:
            return 403;
        case error_kind::not_found:
            return 404;
        case error_kind::method_not_allowed:
            return 405;
        case error_kind::conflict:
            return 409;
        case error_kind::payload_too_large:
            return 413;
        case error_kind::unsupported_media_type:
            return 415;
        case error_kind::validation_failed:
            return 422;
        case error_kind::rate_limited:
            return 429;
        case error_kind::headers_too_large:
            return 431;
        case error_kind::unavailable:
            return 503;
        case error_kind::internal:
            return 500;
    }
    return 500;
}

char const* default_code(error_kind kind) noexcept {
    switch (kind) {
        case error_kind::bad_request:
            return "bad_request";
        case error_kind::unauthenticated:
            return "unauthenticated";
        case error_kind::forbidden:
            return "forbidden";
        case error_kind::not_found:
            return "not_found";
        case error_kind::method_not_allowed:
            return "method_not_allowed";
        case error_kind::conflict:
            return "conflict";
        case error_kind::payload_too_large:
            return "payload_too_large";
        case error_kind::headers_too_large:
            return "headers_too_large";
        case error_kind::unsupported_media_type:
            return "unsupported_media_type";
        case error_kind::validation_failed:
            return "validation_failed";
        case error_kind::rate_limited:
            return "rate_limited";
        case error_kind::unavailable:
            return "unavailable";
        case error_kind::internal:
            return "internal_error";
    }
    return "internal_error";
}

}  // namespace samverkan::server

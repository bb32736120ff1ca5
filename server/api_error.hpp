#pragma once

#include "server/message.hpp"

#include <map>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace samverkan::server {

/// What went wrong, independent of HTTP; `to_status` is the only mapping to a status code.
enum class error_kind {
    bad_request,
    unauthenticated,
    forbidden,
    not_found,
    method_not_allowed,
    conflict,
    payload_too_large,
    headers_too_large,
    unsupported_media_type,
    validation_failed,
    rate_limited,
    unavailable,
    internal,
};

/// Field path ("items[1].name") → what is wrong with it, for 422 answers.
using field_errors = std::map<std::string, message>;

/// The one error type handlers throw. The message is shown to the client in its language;
/// the log detail is only logged. `code` is API.md's `error` value (defaults from the kind).
/// what() is the message's key (or literal), never personal data.
class api_error : public std::runtime_error {
public:
    api_error(error_kind kind, message text, std::string code = {});

    [[nodiscard]] server::message const& text() const noexcept { return text_; }

    [[nodiscard]] error_kind kind() const noexcept { return kind_; }

    [[nodiscard]] std::string const& code() const noexcept { return code_; }

    [[nodiscard]] field_errors const& fields() const noexcept { return fields_; }

    [[nodiscard]] std::string const& log_detail() const noexcept { return log_detail_; }

    /// A stable id of why a request was refused ("cross_site"), for pages that explain it in
    /// their own words; "" for most errors, which the kind explains.
    [[nodiscard]] std::string const& reason() const noexcept { return reason_; }

    [[nodiscard]] std::vector<std::pair<std::string, std::string>> const& headers() const noexcept {
        return headers_;
    }

    api_error&& with_fields(field_errors fields) &&;
    api_error&& with_header(std::string name, std::string value) &&;
    api_error&& with_log_detail(std::string detail) &&;
    api_error&& with_reason(std::string reason) &&;

private:
    error_kind kind_;
    server::message text_;
    std::string code_;
    field_errors fields_;
    std::string log_detail_;
    std::string reason_;
    std::vector<std::pair<std::string, std::string>> headers_;
};

/// HTTP status code of an error kind.
[[nodiscard]] unsigned to_status(error_kind kind) noexcept;

/// API.md's default `error` code of a kind ("validation_failed", "not_found", …).
[[nodiscard]] char const* default_code(error_kind kind) noexcept;

}  // namespace samverkan::server

#pragma once

// HTML form bodies (application/x-www-form-urlencoded): every page that posts a form reads
// its fields through this one parser.
#include "server/request.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace samverkan::core {

/// The decoded name/value pairs of a form body or query string, in order. `+` is a space
/// and percent escapes are decoded, as browsers send them.
class form_input {
public:
    form_input() = default;

    /// Parses `encoded`; throws api_error bad_request (400) when it is not a valid form
    /// encoding.
    explicit form_input(std::string_view encoded);

    /// The request's body: 415 unless the content type is application/x-www-form-urlencoded.
    [[nodiscard]] static form_input from_request(server::request const& req);

    /// The first value of `name`; nullopt when the field is absent.
    [[nodiscard]] std::optional<std::string_view> get(std::string_view name) const;

    /// The first value of `name`, or "" when absent.
    [[nodiscard]] std::string value(std::string_view name) const;

    /// Every value of `name` (checkbox groups, multiple selects), in order.
    [[nodiscard]] std::vector<std::string_view> get_all(std::string_view name) const;

    [[nodiscard]] server::string_pairs const& pairs() const { return pairs_; }

private:
    server::string_pairs pairs_;
};

/// True when the request carries a form body (application/x-www-form-urlencoded).
[[nodiscard]] bool is_form(server::request const& req);

}  // namespace samverkan::core

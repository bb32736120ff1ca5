#pragma once

#include "modules/core/text.hpp"
#include "server/api_error.hpp"

#include <boost/json/fwd.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace samverkan::server {
struct request;
}

namespace samverkan::core {

/// The request body as a JSON object: 415 unless the content type is application/json,
/// 400 for malformed JSON or a body that is not an object.
[[nodiscard]] boost::json::object parse_json_object(server::request const& req);

/// Reads fields of one JSON object, collecting every missing or invalid field into one
/// 422 answer (`errors`), under a path prefix such as "attendees[1].". A value of the wrong
/// JSON type is a 400 at once, as API.md says.
class json_reader {
public:
    json_reader(boost::json::object const& object, server::field_errors& errors,
                std::string prefix = {});

    /// A trimmed string of `min`–`max` characters (UTF-8 code points). Absent, null and
    /// (when min > 0) empty are a "required" error when `required`, else nullopt.
    std::optional<std::string> text(std::string_view key, bool required, std::size_t max,
                                    std::size_t min = 1);
    std::optional<long long> integer(std::string_view key, bool required, long long min,
                                     long long max);
    std::optional<bool> boolean(std::string_view key, bool required);
    /// An array of strings each from `allowed`.
    std::optional<std::vector<std::string>> choices(std::string_view key,
                                                    std::vector<std::string_view> const& allowed);
    /// One string from `allowed`.
    std::optional<std::string> choice(std::string_view key, bool required,
                                      std::vector<std::string_view> const& allowed);
    /// A nested object (nullopt when absent or null).
    [[nodiscard]] boost::json::object const* object(std::string_view key, bool required);
    /// A nested array (nullptr when absent or null).
    [[nodiscard]] boost::json::array const* array(std::string_view key, bool required);

    [[nodiscard]] bool has(std::string_view key) const;

    void fail(std::string_view key, server::message message);

    [[nodiscard]] std::string path(std::string_view key) const;

private:
    boost::json::value const* find(std::string_view key, bool required);

    boost::json::object const& object_;
    server::field_errors& errors_;
    std::string prefix_;
};

/// Throws the 422 answer when `errors` holds anything.
void throw_if_invalid(server::field_errors const& errors);

/// A plausible e-mail address: local@domain.tld, no spaces or control characters, ≤ 254.
[[nodiscard]] bool valid_email(std::string_view email);

}  // namespace samverkan::core

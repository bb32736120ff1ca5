#pragma once

#include "modules/core/field_reader.hpp"
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

/// Throws the 422 answer when `errors` holds anything.
void throw_if_invalid(server::field_errors const& errors);

/// A plausible e-mail address: local@domain.tld, no spaces or control characters, ≤ 254.
[[nodiscard]] bool valid_email(std::string_view email);

}  // namespace samverkan::core

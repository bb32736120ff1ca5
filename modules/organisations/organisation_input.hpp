#pragma once

#include "modules/organisations/organisation_types.hpp"
#include "server/api_error.hpp"

#include <boost/json/fwd.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace samverkan::organisations {

/// A new organisation from API.md's JSON; problems go into `errors` ("name", "org_number",
/// "contacts[1].email" …).
[[nodiscard]] organisation read_organisation(boost::json::object const& body,
                                             server::field_errors& errors);

/// A PATCH body: only the keys present change; null clears an optional field.
[[nodiscard]] organisation_patch read_patch(boost::json::object const& body,
                                            server::field_errors& errors);

/// One checked value each, "" for a valid empty optional; `error` (a message of the
/// catalogue) when invalid.
struct checked {
    std::string value;
    std::optional<server::message> error;
};

[[nodiscard]] checked check_name(std::string_view text);
[[nodiscard]] checked check_org_number(std::string_view text);
/// Accepts the codes and the Swedish words (förening, byalag, stiftelse …).
[[nodiscard]] checked check_kind(std::string_view text);
/// urban/rural, also stad/landsbygd.
[[nodiscard]] checked check_area(std::string_view text);
[[nodiscard]] checked check_locality(std::string_view text);
/// A contact's name; "" is allowed (the address stands for it).
[[nodiscard]] checked check_contact_name(std::string_view text);
/// A real calendar date YYYY-MM-DD.
[[nodiscard]] checked check_date(std::string_view text);
[[nodiscard]] checked check_email(std::string_view text);
[[nodiscard]] checked check_phone(std::string_view text);

}  // namespace samverkan::organisations

#pragma once

// A data subject's export (privacy_service::subject) as the admin's pages show it, in
// Swedish: lists per kind and the counts in words ("3 anmälningar, 5 deltagare och …").
#include "modules/core/messages.hpp"
#include "modules/privacy/privacy_types.hpp"

#include <boost/json/object.hpp>

#include <string>

namespace samverkan::privacy {

/// The page data of one subject: "email", per kind a list ("registrations" …) with
/// "has_<kind>", "unsubscribed", "found_anything" and "summary" (the counts in words).
[[nodiscard]] boost::json::object subject_view(boost::json::object const& subject,
                                               core::wording const& w);

/// "3 anmälningar, 5 deltagare och 4 e-postmeddelanden"; `none` when all are zero.
[[nodiscard]] std::string counts_in_words(erase_counts const& c, core::wording const& w);

/// The counts of a subject's export: what an erasure would reach.
[[nodiscard]] erase_counts counts_of(boost::json::object const& subject);

}  // namespace samverkan::privacy

#pragma once

// JSON values as Mustache data, for the page templates and the mail templates alike. Only
// .cpp files that render templates include this (it pulls in kainjow/mustache.hpp).
#include <boost/json/fwd.hpp>
#include <kainjow/mustache.hpp>

namespace samverkan::core {

/// Objects, arrays, strings and booleans map one to one; null is false (so {{#key}} hides a
/// section); numbers are their JSON text.
[[nodiscard]] kainjow::mustache::data mustache_data(boost::json::value const& value);

}  // namespace samverkan::core

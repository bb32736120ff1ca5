#pragma once

#include "server/asio_fwd.hpp"

#include <boost/asio/awaitable.hpp>

#include <string>
#include <vector>

namespace samverkan::organisations {
class organisation_service;
}

namespace samverkan::invitations {

/// An organisation of the register as a choice for an invitation round.
struct organisation_option {
    long long id = 0;
    std::string name;
    std::string locality;    ///< "" when not known
    std::string area;        ///< urban | rural | ""
    long long contacts = 0;  ///< contacts with an e-mail address (every contact has one)
};

/// Every organisation of the register, by name, through the organisations service (the
/// invitations module keeps no SQL of its own for the register).
asio::awaitable<std::vector<organisation_option>> organisation_options(
    organisations::organisation_service& organisations);

/// The ids in `chosen` that are not in `options` (in the order given, each once).
[[nodiscard]] std::vector<long long> unknown_ids(std::vector<organisation_option> const& options,
                                                 std::vector<long long> const& chosen);

}  // namespace samverkan::invitations

#include "modules/invitations/organisation_choice.hpp"

#include "modules/organisations/organisation_service.hpp"

#include <algorithm>
#include <set>

namespace samverkan::invitations {

namespace {

// Kristianstad's register has a few hundred organisations; the limit only guards the page.
constexpr int register_limit = 20000;

}  // namespace

asio::awaitable<std::vector<organisation_option>> organisation_options(
    organisations::organisation_service& organisations) {
    organisations::organisation_filter filter;
    filter.limit = register_limit;
    auto const all = co_await organisations.list(filter);
    std::vector<organisation_option> out;
    out.reserve(all.size());
    for (auto const& o : all)
        out.push_back(
            {o.id, o.name, o.locality, o.area, static_cast<long long>(o.contacts.size())});
    co_return out;
}

std::vector<long long> unknown_ids(std::vector<organisation_option> const& options,
                                   std::vector<long long> const& chosen) {
    std::set<long long> known;
    for (auto const& o : options) known.insert(o.id);
    std::vector<long long> out;
    for (auto const id : chosen)
        if (!known.contains(id) && std::find(out.begin(), out.end(), id) == out.end())
            out.push_back(id);
    return out;
}

}  // namespace samverkan::invitations

#include "modules/core/mustache_data.hpp"

#include <boost/json.hpp>

namespace samverkan::core {

namespace mustache = kainjow::mustache;

mustache::data mustache_data(boost::json::value const& value) {
    switch (value.kind()) {
        case boost::json::kind::object: {
            mustache::data out{mustache::data::type::object};
            for (auto const& [key, item] : value.get_object())
                out.set(std::string{key}, mustache_data(item));
            return out;
        }
        case boost::json::kind::array: {
            mustache::data out{mustache::data::type::list};
            for (auto const& item : value.get_array()) out.push_back(mustache_data(item));
            return out;
        }
        case boost::json::kind::string:
            return mustache::data{std::string{value.get_string()}};
        case boost::json::kind::bool_:
            return mustache::data{value.get_bool()};
        case boost::json::kind::null:
            return mustache::data{false};
        default:
            return mustache::data{boost::json::serialize(value)};
    }
}

}  // namespace samverkan::core

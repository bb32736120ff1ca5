#pragma once

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>

#include <utility>

namespace samverkan::test {

/// Runs one awaitable to completion on a private io_context; rethrows its exception.
template <class T>
T run_sync(boost::asio::awaitable<T> work) {
    boost::asio::io_context ioc;
    auto result = boost::asio::co_spawn(ioc, std::move(work), boost::asio::use_future);
    ioc.run();
    return result.get();
}

}  // namespace samverkan::test

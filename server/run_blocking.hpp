#pragma once

#include "server/asio_fwd.hpp"

#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <optional>
#include <type_traits>
#include <utility>

namespace samverkan::server {

/// Runs blocking work `f()` on `pool` and resumes the caller on its own executor (its
/// strand) with the result; exceptions thrown by `f` are rethrown at the co_await. This is
/// how database and SMTP calls stay off the I/O threads.
template <class F, class R = std::invoke_result_t<F&>>
asio::awaitable<R> run_blocking(asio::thread_pool& pool, F f) {
    if constexpr (std::is_void_v<R>) {
        co_await asio::co_spawn(
            pool,
            [f = std::move(f)]() mutable -> asio::awaitable<void> {
                f();
                co_return;
            },
            asio::use_awaitable);
    } else {
        // Asio 1.81's co_spawn needs a default-constructible result: carry it in an optional.
        auto result = co_await asio::co_spawn(
            pool,
            [f = std::move(f)]() mutable -> asio::awaitable<std::optional<R>> {
                co_return std::optional<R>{f()};
            },
            asio::use_awaitable);
        co_return std::move(*result);
    }
}

}  // namespace samverkan::server

#include "modules/mail/outbox_sender.hpp"

#include "modules/core/database.hpp"
#include "modules/core/instance_heartbeat.hpp"
#include "modules/core/time.hpp"
#include "modules/mail/mail_settings.hpp"
#include "modules/mail/message_composer.hpp"
#include "modules/mail/outbox_repository.hpp"
#include "modules/mail/transport.hpp"
#include "server/logger.hpp"
#include "server/run_blocking.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/json/object.hpp>

#include <algorithm>

namespace samverkan::mail {

struct outbox_sender::worker {
    worker(mail_settings const& settings, std::string const& base_url,
           template_library const& templates)
        : transport(make_transport(settings)), composer(settings, base_url, templates) {}

    std::unique_ptr<mail::transport> transport;
    message_composer composer;
    bool open = false;  // the transport may hold a connection
};

struct outbox_sender::batch_result {
    struct retry {
        long long id;
        int attempts;
        std::string error;
    };

    std::vector<long long> sent;
    std::vector<long long> unsent;
    std::vector<retry> retries;
    std::vector<std::pair<long long, std::string>> failed;
    bool connection_failed = false;
};

struct outbox_sender::periodic {
    std::string name;
    std::chrono::milliseconds interval;
    std::function<asio::awaitable<void>()> job;
};

namespace {

using batch_clock = std::chrono::steady_clock;

// Sends one claimed batch on a mail thread. Stops early when asked to stop or when half the
// lease is gone (the rest is released, so no other instance can take a row still being
// sent); after a connection failure the rest of the batch waits for the retry as well.
template <class Result, class Worker>
Result send_batch(Worker& w, std::vector<outbox_row> const& rows, batch_clock::time_point deadline,
                  std::atomic<bool> const& stopping) {
    Result out;
    std::string connection_error;
    for (auto const& row : rows) {
        if (!connection_error.empty()) {
            out.retries.push_back({row.id, row.attempts, connection_error});
            continue;
        }
        if (stopping.load() || batch_clock::now() >= deadline) {
            out.unsent.push_back(row.id);
            continue;
        }
        composed_message m;
        try {
            m = w.composer.compose(row, core::to_epoch(core::now_seconds()));
        } catch (std::exception const& e) {
            out.failed.emplace_back(row.id, std::string{"cannot compose: "} + e.what());
            continue;
        }
        auto const r = w.transport->send(m.envelope, m.data, row.id);
        if (r.outcome == delivery::sent) {
            out.sent.push_back(row.id);
        } else if (r.outcome == delivery::permanent_failure) {
            out.failed.emplace_back(row.id, r.error);
        } else {
            out.retries.push_back({row.id, row.attempts, r.error});
            if (r.connection_failed) connection_error = r.error;
        }
    }
    out.connection_failed = !connection_error.empty();
    return out;
}

// SMTP replies often quote the address; the log holds no personal data, the outbox row does.
std::string loggable(std::string const& error) {
    return error.find('@') == std::string::npos ? error : "(see the outbox row)";
}

}  // namespace

outbox_sender::outbox_sender(db::database& db, mail_settings const& settings, std::string base_url,
                             template_library const& templates, server::logger& log)
    : db_(db),
      settings_(settings),
      base_url_(std::move(base_url)),
      templates_(templates),
      log_(log),
      pool_(settings.connections) {}

outbox_sender::~outbox_sender() {
    pool_.join();
}

void outbox_sender::add_periodic(std::string name, std::chrono::milliseconds interval,
                                 std::function<asio::awaitable<void>()> job) {
    jobs_.push_back(
        std::make_shared<periodic>(periodic{std::move(name), interval, std::move(job)}));
}

void outbox_sender::start(asio::io_context& ioc) {
    strand_ = std::make_unique<asio::strand<asio::io_context::executor_type>>(
        asio::make_strand(ioc.get_executor()));
    running_ = static_cast<int>(settings_.connections + jobs_.size());
    for (unsigned i = 0; i < settings_.connections; ++i) {
        auto w = std::make_shared<worker>(settings_, base_url_, templates_);
        asio::co_spawn(*strand_, send_loop(std::move(w)), asio::detached);
    }
    for (auto const& job : jobs_) asio::co_spawn(*strand_, periodic_loop(job), asio::detached);
    log_.info("mail sender started", {{"transport", settings_.file_transport() ? "file" : "smtp"},
                                      {"connections", settings_.connections}});
}

void outbox_sender::stop(std::function<void()> done) {
    if (!strand_) {
        done();
        return;
    }
    asio::post(*strand_, [this, done = std::move(done)]() mutable {
        stopping_ = true;
        on_stopped_ = std::move(done);
        for (auto* t : timers_) t->cancel();
        if (running_ == 0 && on_stopped_) std::exchange(on_stopped_, nullptr)();
    });
}

void outbox_sender::loop_finished() {
    --running_;
    if (running_ == 0 && stopping_ && on_stopped_) std::exchange(on_stopped_, nullptr)();
}

asio::awaitable<void> outbox_sender::pause(asio::steady_timer& timer, std::chrono::milliseconds d) {
    if (stopping_) co_return;  // checked on the strand right before waiting: stop() cannot slip in
    timer.expires_after(d);
    boost::system::error_code ec;
    co_await timer.async_wait(asio::redirect_error(asio::use_awaitable, ec));
}

// The blocking lambdas capture only plain pointers and references: g++ 12 destroyed a
// shared_ptr captured by a lambda handed to run_blocking twice (seen under valgrind), and
// `w` here keeps the worker alive anyway.
asio::awaitable<void> outbox_sender::send_loop(std::shared_ptr<worker> w) {
    asio::steady_timer timer{co_await asio::this_coro::executor};
    timers_.push_back(&timer);
    while (!stopping_) {
        bool more = false;
        std::string failure;
        try {
            more = co_await run_batch(*w);
        } catch (std::exception const& e) {
            failure = e.what();
        }
        if (!failure.empty()) log_.error("mail batch failed", {{"cause", failure}});
        if (more) continue;
        if (w->open) {
            co_await server::run_blocking(pool_, [raw = w.get()] { raw->transport->close(); });
            w->open = false;
        }
        co_await pause(timer, std::chrono::milliseconds(settings_.poll_ms));
    }
    if (w->open) co_await server::run_blocking(pool_, [raw = w.get()] { raw->transport->close(); });
    std::erase(timers_, &timer);
    loop_finished();
}

asio::awaitable<void> outbox_sender::periodic_loop(std::shared_ptr<periodic> p) {
    asio::steady_timer timer{co_await asio::this_coro::executor};
    timers_.push_back(&timer);
    while (!stopping_) {
        std::string failure;
        try {
            co_await p->job();
        } catch (std::exception const& e) {
            failure = e.what();
        }
        if (!failure.empty())
            log_.error("periodic job failed", {{"job", p->name}, {"cause", failure}});
        co_await pause(timer, p->interval);
    }
    std::erase(timers_, &timer);
    loop_finished();
}

asio::awaitable<bool> outbox_sender::run_batch(worker& w) {
    int const limit = static_cast<int>(settings_.batch_size);
    int const lease = static_cast<int>(settings_.lease_seconds);
    repository::lease_owner owner;
    if (self_ != nullptr) owner = {self_->id(), self_->timeout_seconds()};
    auto const rows = co_await db_.transact([limit, lease, &owner](soci::session& sql) {
        return repository::claim(sql, limit, lease, owner);
    });
    if (rows.empty()) co_return false;
    auto const deadline = batch_clock::now() + std::chrono::seconds(lease) / 2;
    w.open = true;
    auto const result = co_await server::run_blocking(pool_, [this, &w, &rows, deadline] {
        return send_batch<batch_result>(w, rows, deadline, stopping_);
    });
    co_await record(result);
    co_return static_cast<int>(rows.size()) == limit && !result.connection_failed;
}

asio::awaitable<void> outbox_sender::record(batch_result const& r) {
    auto const give_up = static_cast<long long>(settings_.give_up_after.count());
    auto const min_delay = static_cast<long long>(settings_.retry_min_seconds);
    auto const max_delay = static_cast<long long>(settings_.retry_max_seconds);
    int const gave_up = co_await db_.transact([&](soci::session& sql) {
        int failed_now = 0;
        repository::mark_sent(sql, r.sent);
        for (auto const& [id, error] : r.failed) repository::mark_failed(sql, id, error);
        for (auto const& t : r.retries) {
            // Exponential back-off: min, 2·min, 4·min … up to max.
            auto const shift = std::clamp(t.attempts - 1, 0, 30);
            auto const delay = std::min(max_delay, min_delay << std::min(shift, 20));
            if (repository::mark_retry(sql, t.id, delay, give_up, t.error) == "failed")
                ++failed_now;
        }
        repository::release(sql, r.unsent);
        return failed_now;
    });
    sent_ += static_cast<long long>(r.sent.size());
    failed_ += static_cast<long long>(r.failed.size()) + gave_up;
    retried_ += static_cast<long long>(r.retries.size()) - gave_up;
    for (auto const& [id, error] : r.failed)
        log_.error("mail failed", {{"outbox_id", id}, {"cause", loggable(error)}});
    if (r.connection_failed && !r.retries.empty())
        log_.error("mail server unreachable, will retry", {{"messages", r.retries.size()}});
}

}  // namespace samverkan::mail

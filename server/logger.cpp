#include "server/logger.hpp"

#include "server/utf8.hpp"

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include <chrono>
#include <ctime>

namespace samverkan::server {

namespace {
// Lines wait at most this long before they are written (or until a batch is full).
constexpr auto flush_interval = std::chrono::milliseconds(50);
constexpr std::size_t batch_bytes = 64 * 1024;
}  // namespace

logger::logger(std::FILE* out, std::size_t max_buffered)
    : out_(out), max_buffered_(max_buffered), writer_([this] { run(); }) {}

logger::~logger() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_one();
    writer_.join();
}

void logger::log(std::string_view level, std::string_view message, boost::json::object fields) {
    boost::json::object line;
    line["time"] = log_timestamp();
    line["level"] = level;
    line["message"] = message;
    for (auto& field : fields) line[field.key()] = std::move(field.value());
    write_line(boost::json::serialize(line));
}

void logger::info(std::string_view message, boost::json::object fields) {
    log("info", message, std::move(fields));
}

void logger::error(std::string_view message, boost::json::object fields) {
    log("error", message, std::move(fields));
}

void logger::write_line(std::string line) {
    // Whatever a field held, the log stays valid UTF-8 (and so valid JSON) line by line.
    if (!valid_utf8(line)) line = repair_utf8(line);
    std::unique_lock lock(mutex_);
    // Back-pressure instead of unbounded memory when the output cannot keep up.
    drained_.wait(lock, [&] { return buffer_.size() < max_buffered_ || stopping_; });
    buffer_ += line;
    buffer_ += '\n';
    // The writer wakes by itself every flush interval; waking it for every line costs a
    // futex call per request, so only a full batch does.
    if (buffer_.size() >= batch_bytes) wake_.notify_one();
}

void logger::flush() {
    std::unique_lock lock(mutex_);
    flush_requested_ = true;
    wake_.notify_one();
    drained_.wait(lock, [&] { return (buffer_.empty() && !writing_) || stopping_; });
}

void logger::run() {
    std::string batch;
    std::unique_lock lock(mutex_);
    for (;;) {
        wake_.wait_for(lock, flush_interval, [&] {
            return buffer_.size() >= batch_bytes || flush_requested_ || stopping_;
        });
        flush_requested_ = false;
        if (buffer_.empty() && !stopping_) {
            drained_.notify_all();
            continue;
        }
        if (buffer_.empty() && stopping_) return;
        batch.swap(buffer_);
        writing_ = true;
        lock.unlock();
        std::fwrite(batch.data(), 1, batch.size(), out_);
        std::fflush(out_);
        batch.clear();
        lock.lock();
        writing_ = false;
        drained_.notify_all();
    }
}

std::string log_timestamp() {
    using namespace std::chrono;
    auto const now = system_clock::now();
    auto const seconds = system_clock::to_time_t(now);
    auto const millis = duration_cast<milliseconds>(now.time_since_epoch()).count() % 1000;
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    char text[40];
    auto const n = std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%S", &utc);
    std::snprintf(text + n, sizeof text - n, ".%03dZ", static_cast<int>(millis));
    return text;
}

}  // namespace samverkan::server

#pragma once

#include <array>
#include <atomic>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace samverkan::server {

/// Request counters and latency histograms by route pattern, plus gauges read on demand,
/// rendered in the Prometheus text format.
class metrics {
public:
    void observe_request(std::string_view route, unsigned status, double seconds);

    /// Requests read and not yet answered (the in-flight gauge; a scrape of /metrics counts
    /// itself, so a drained server shows 1, which benchmarks wait for before a reset).
    void request_started() { in_flight_.fetch_add(1, std::memory_order_relaxed); }

    void request_finished() { in_flight_.fetch_sub(1, std::memory_order_relaxed); }

    /// A value read each time /metrics is scraped (e.g. DB connections in use).
    void add_gauge(std::string name, std::string help, std::function<double()> read);

    /// The same for a value that only grows (a count since start; the name ends in _total).
    void add_counter(std::string name, std::string help, std::function<double()> read);

    [[nodiscard]] std::string render() const;

    static constexpr std::array<double, 11> bucket_bounds{0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                          0.05,   0.1,   0.25,   0.5,   1.0};

private:
    struct histogram {
        std::array<unsigned long long, bucket_bounds.size()> buckets{};
        unsigned long long count = 0;
        double sum = 0;
    };

    struct gauge {
        std::string name;
        std::string help;
        std::function<double()> read;
        char const* type = "gauge";
    };

    std::atomic<long long> in_flight_{0};
    mutable std::mutex mutex_;
    std::map<std::pair<std::string, unsigned>, unsigned long long> requests_;
    std::map<std::string, histogram> latency_;
    std::vector<gauge> gauges_;
};

}  // namespace samverkan::server

#include "server/metrics.hpp"

#include <cstdio>

namespace samverkan::server {

namespace {

// Label values are route patterns, but escape anyway: a pattern may hold '"' or '\'.
std::string label(std::string_view value) {
    std::string out;
    for (char c : value) {
        if (c == '"' || c == '\\') out += '\\';
        if (c == '\n') {
            out += "\\n";
            continue;
        }
        out += c;
    }
    return out;
}

std::string number(double value) {
    char text[32];
    std::snprintf(text, sizeof text, "%.6g", value);
    return text;
}

}  // namespace

void metrics::observe_request(std::string_view route, unsigned status, double seconds) {
    std::lock_guard lock(mutex_);
    ++requests_[{std::string{route}, status}];
    auto& h = latency_[std::string{route}];
    for (std::size_t i = 0; i < bucket_bounds.size(); ++i)
        if (seconds <= bucket_bounds[i]) ++h.buckets[i];
    ++h.count;
    h.sum += seconds;
}

void metrics::add_gauge(std::string name, std::string help, std::function<double()> read) {
    std::lock_guard lock(mutex_);
    gauges_.push_back({std::move(name), std::move(help), std::move(read)});
}

void metrics::add_counter(std::string name, std::string help, std::function<double()> read) {
    std::lock_guard lock(mutex_);
    gauges_.push_back({std::move(name), std::move(help), std::move(read), "counter"});
}

std::string metrics::render() const {
    std::lock_guard lock(mutex_);
    std::string out;
    out += "# HELP samverkan_http_requests_total HTTP requests by route pattern and status.\n";
    out += "# TYPE samverkan_http_requests_total counter\n";
    for (auto const& [key, count] : requests_)
        out += "samverkan_http_requests_total{route=\"" + label(key.first) + "\",status=\"" +
               std::to_string(key.second) + "\"} " + std::to_string(count) + "\n";
    out += "# HELP samverkan_http_request_duration_seconds Time from request read to response.\n";
    out += "# TYPE samverkan_http_request_duration_seconds histogram\n";
    for (auto const& [route, h] : latency_) {
        auto const prefix =
            "samverkan_http_request_duration_seconds_bucket{route=\"" + label(route);
        for (std::size_t i = 0; i < bucket_bounds.size(); ++i)
            out += prefix + "\",le=\"" + number(bucket_bounds[i]) + "\"} " +
                   std::to_string(h.buckets[i]) + "\n";
        out += prefix + "\",le=\"+Inf\"} " + std::to_string(h.count) + "\n";
        out += "samverkan_http_request_duration_seconds_sum{route=\"" + label(route) + "\"} " +
               number(h.sum) + "\n";
        out += "samverkan_http_request_duration_seconds_count{route=\"" + label(route) + "\"} " +
               std::to_string(h.count) + "\n";
    }
    out +=
        "# HELP samverkan_http_requests_in_flight Requests read and not yet answered"
        " (this scrape included: 1 when drained).\n";
    out += "# TYPE samverkan_http_requests_in_flight gauge\n";
    out += "samverkan_http_requests_in_flight " + std::to_string(in_flight_.load()) + "\n";
    for (auto const& g : gauges_) {
        out += "# HELP " + g.name + " " + g.help + "\n# TYPE " + g.name + " " + g.type + "\n";
        out += g.name + " " + number(g.read()) + "\n";
    }
    return out;
}

}  // namespace samverkan::server

#pragma once

// Shared by the recovery suites (database restart, crashed instances, nginx in front):
// bursts of real registrations over HTTP, and the statuses they got.
#include "tests/support/http_client.hpp"
#include "tests/support/test_database.hpp"

#include <boost/json.hpp>

#include <atomic>
#include <map>
#include <mutex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace samverkan::test {

/// A published event 30 days ahead with `capacity` seats and a waiting list.
inline long long add_recovery_event(test_database& database, int capacity = 1000) {
    database.execute(
        "insert into events (kind, title, starts_at, ends_at, capacity, status, venue, food)"
        " values ('theme_meeting', 'Tematräff: beredskap', now() + interval '30 days',"
        " now() + interval '30 days 2 hours', " +
        std::to_string(capacity) + ", 'published', 'Rådhuset', true)");
    return database.scalar("select max(id) from events");
}

/// "tag-n@kristianstad.example" (built by appending: g++ 12 warns falsely about
/// `"literal" + std::to_string(n)`).
inline std::string test_email(std::string tag, long long n) {
    tag += '-';
    tag += std::to_string(n);
    tag += "@kristianstad.example";
    return tag;
}

/// One registration's body: one attendee, contact `email`.
inline boost::json::object recovery_registration(std::string const& email) {
    return boost::json::object{
        {"contact", {{"name", "Kontakt"}, {"email", email}}},
        {"attendees", boost::json::array{boost::json::object{{"name", "Deltagare"},
                                                             {"affiliation", "civil_society"}}}},
        {"consent", true}};
}

/// Statuses of a burst: `total` registrations for `event`, `parallel` connections at once,
/// to 127.0.0.1:`port` (a transport failure counts as status 0).
class registration_burst {
public:
    registration_burst(unsigned short port, long long event, int total, int parallel,
                       std::string const& tag) {
        std::atomic<int> next{0};
        std::vector<std::thread> clients;
        for (int c = 0; c < parallel; ++c) {
            clients.emplace_back([&] {
                http_client client{port};
                for (int i = next++; i < total; i = next++) {
                    unsigned status = 0;
                    try {
                        status =
                            client
                                .post_json(
                                    "/api/v1/events/" + std::to_string(event) + "/registrations",
                                    recovery_registration(tag + "-" + std::to_string(i) +
                                                          "@kristianstad.example"))
                                .status;
                    } catch (std::exception const&) {
                        status = 0;
                    }
                    std::lock_guard lock(mutex_);
                    ++statuses_[status];
                }
            });
        }
        for (auto& t : clients) t.join();
    }

    [[nodiscard]] int count(unsigned status) const {
        auto const it = statuses_.find(status);
        return it == statuses_.end() ? 0 : it->second;
    }

    /// "201×48 503×2", for messages.
    [[nodiscard]] std::string summary() const {
        std::ostringstream out;
        for (auto const& [status, n] : statuses_) out << status << "×" << n << " ";
        return out.str();
    }

private:
    std::mutex mutex_;
    std::map<unsigned, int> statuses_;
};

}  // namespace samverkan::test

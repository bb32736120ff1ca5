// The baseline of bench/mail/run: a bare libcurl SMTP client that sends the given .eml
// files (as the SMTP sink stored them: X-Envelope-From/To lines first) over ONE reused
// connection, as fast as it can, and prints {"messages", "seconds", "per_second",
// "connections"} as JSON. No outbox, no database, no rendering: the ceiling for the sender.
#include <curl/curl.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

namespace {

struct message {
    std::string from;
    std::string to;
    std::string data;
};

struct upload {
    std::string const* data;
    std::size_t offset;
};

std::size_t read_chunk(char* buffer, std::size_t size, std::size_t count, void* user) {
    auto* up = static_cast<upload*>(user);
    auto const n = std::min(up->data->size() - up->offset, size * count);
    std::memcpy(buffer, up->data->data() + up->offset, n);
    up->offset += n;
    return n;
}

// Drops the sink's X-Envelope-* lines and keeps their addresses for the envelope.
message load(std::filesystem::path const& path) {
    std::ifstream in(path, std::ios::binary);
    std::string text{std::istreambuf_iterator<char>(in), {}};
    message m;
    while (text.starts_with("X-Envelope-")) {
        auto const end = text.find("\r\n");
        auto const line = text.substr(0, end);
        auto const value = line.substr(line.find(": ") + 2);
        (line.starts_with("X-Envelope-From") ? m.from : m.to) = value;
        text.erase(0, end + 2);
    }
    m.data = std::move(text);
    return m;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 3) {
        std::fprintf(stderr, "usage: bench_bare_smtp smtp://HOST:PORT DIR_OF_EML_FILES\n");
        return 2;
    }
    std::vector<message> messages;
    for (auto const& e : std::filesystem::directory_iterator(argv[2]))
        if (e.path().extension() == ".eml") messages.push_back(load(e.path()));
    curl_global_init(CURL_GLOBAL_DEFAULT);
    CURL* c = curl_easy_init();
    curl_easy_setopt(c, CURLOPT_URL, argv[1]);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(c, CURLOPT_READFUNCTION, read_chunk);
    long connections = 0;
    int failed = 0;
    auto const start = std::chrono::steady_clock::now();
    for (auto const& m : messages) {
        std::string const from = "<" + m.from + ">";
        curl_slist* rcpt = curl_slist_append(nullptr, ("<" + m.to + ">").c_str());
        upload up{&m.data, 0};
        curl_easy_setopt(c, CURLOPT_MAIL_FROM, from.c_str());
        curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt);
        curl_easy_setopt(c, CURLOPT_READDATA, &up);
        curl_easy_setopt(c, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(m.data.size()));
        if (curl_easy_perform(c) != CURLE_OK) ++failed;
        long n = 0;
        curl_easy_getinfo(c, CURLINFO_NUM_CONNECTS, &n);
        connections += n;
        curl_slist_free_all(rcpt);
    }
    double const seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    curl_easy_cleanup(c);
    std::printf(
        "{\"messages\": %zu, \"failed\": %d, \"seconds\": %.3f, \"per_second\": %.0f, "
        "\"connections\": %ld}\n",
        messages.size(), failed, seconds, static_cast<double>(messages.size()) / seconds,
        connections);
    return failed == 0 ? 0 : 1;
}

#include "modules/mail/smtp_transport.hpp"

#include "modules/core/json_input.hpp"
#include "modules/mail/mime.hpp"

#include <curl/curl.h>

#include <cstring>
#include <mutex>
#include <stdexcept>

namespace samverkan::mail {

namespace {

struct upload {
    std::string const* data;
    std::size_t offset = 0;
};

std::size_t read_chunk(char* buffer, std::size_t size, std::size_t count, void* user) {
    auto* up = static_cast<upload*>(user);
    auto const left = up->data->size() - up->offset;
    auto const n = std::min(left, size * count);
    std::memcpy(buffer, up->data->data() + up->offset, n);
    up->offset += n;
    return n;
}

CURL* handle(void* p) {
    return static_cast<CURL*>(p);
}

// An envelope address goes into an SMTP command line: it must be a plain address, or it
// could smuggle a second command (CR/LF) or DSN parameters (after '>').
bool envelope_safe(std::string const& address) {
    return header_safe(address) && core::valid_email(address);
}

// Failures that say nothing about this message but about the connection or the set-up:
// the rest of the batch would fail the same way, so it is put back at once.
bool connection_failure(CURLcode rc, long code) {
    switch (rc) {
        case CURLE_COULDNT_CONNECT:
        case CURLE_COULDNT_RESOLVE_HOST:
        case CURLE_COULDNT_RESOLVE_PROXY:
        case CURLE_OPERATION_TIMEDOUT:
        case CURLE_SSL_CONNECT_ERROR:
        case CURLE_PEER_FAILED_VERIFICATION:
        case CURLE_USE_SSL_FAILED:
        case CURLE_LOGIN_DENIED:
        case CURLE_GOT_NOTHING:
        case CURLE_SSL_CACERT_BADFILE:
            return true;
        default:
            return code == 0;
    }
}

delivery_result classify(CURLcode rc, long code, char const* detail) {
    delivery_result r;
    r.smtp_code = code;
    r.error = detail[0] != '\0' ? detail : curl_easy_strerror(rc);
    if (code > 0) r.error = std::to_string(code) + " " + r.error;
    bool const auth = code == 530 || code == 534 || code == 535 || code == 538;
    if (connection_failure(rc, code) || auth) {
        r.outcome = delivery::temporary_failure;
        r.connection_failed = true;
    } else if (code >= 500 && code < 600) {
        r.outcome = delivery::permanent_failure;
    } else {
        r.outcome = delivery::temporary_failure;
    }
    return r;
}

}  // namespace

void curl_global() {
    static std::once_flag once;
    std::call_once(once, [] {
        if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
            throw std::runtime_error("libcurl initialisation failed");
    });
}

smtp_transport::smtp_transport(mail_settings const& settings) : settings_(settings) {
    curl_global();
}

smtp_transport::~smtp_transport() {
    close();
}

void smtp_transport::close() {
    // Cleanup sends QUIT on the open connection and closes it.
    if (curl_ != nullptr) curl_easy_cleanup(handle(curl_));
    curl_ = nullptr;
}

void smtp_transport::open() {
    if (curl_ != nullptr) return;
    CURL* c = curl_easy_init();
    if (c == nullptr) throw std::runtime_error("curl_easy_init failed");
    curl_ = c;
    curl_easy_setopt(c, CURLOPT_URL, settings_.smtp_url.c_str());
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS,
                     static_cast<long>(settings_.smtp_connect_timeout_ms));
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, static_cast<long>(settings_.smtp_timeout_ms));
    bool const implicit_tls = settings_.smtp_url.starts_with("smtps://");
    curl_easy_setopt(c, CURLOPT_USE_SSL,
                     implicit_tls || settings_.tls_mode == starttls::required
                         ? static_cast<long>(CURLUSESSL_ALL)
                         : static_cast<long>(CURLUSESSL_TRY));
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, settings_.smtp_tls_verify ? 1L : 0L);
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, settings_.smtp_tls_verify ? 2L : 0L);
    if (!settings_.smtp_ca_file.empty())
        curl_easy_setopt(c, CURLOPT_CAINFO, settings_.smtp_ca_file.c_str());
    if (!settings_.smtp_user.empty()) {
        curl_easy_setopt(c, CURLOPT_USERNAME, settings_.smtp_user.c_str());
        curl_easy_setopt(c, CURLOPT_PASSWORD, settings_.smtp_password.c_str());
    }
    curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(c, CURLOPT_READFUNCTION, read_chunk);
}

delivery_result smtp_transport::send(envelope const& to, std::string const& message, long long) {
    if (!envelope_safe(to.from) || to.recipients.empty())
        return {delivery::permanent_failure, 0, "invalid envelope sender", false};
    for (auto const& r : to.recipients)
        if (!envelope_safe(r))
            return {delivery::permanent_failure, 0, "invalid recipient address", false};
    open();
    CURL* c = handle(curl_);
    std::string const from = "<" + to.from + ">";
    curl_slist* rcpt = nullptr;
    for (auto const& r : to.recipients) rcpt = curl_slist_append(rcpt, ("<" + r + ">").c_str());
    upload up{&message};
    char detail[CURL_ERROR_SIZE] = {};
    curl_easy_setopt(c, CURLOPT_MAIL_FROM, from.c_str());
    curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt);
    curl_easy_setopt(c, CURLOPT_READDATA, &up);
    curl_easy_setopt(c, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(message.size()));
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, detail);
    CURLcode const rc = curl_easy_perform(c);
    long code = 0;
    long connects = 0;
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code);
    curl_easy_getinfo(c, CURLINFO_NUM_CONNECTS, &connects);
    connects_ += connects;
    // The options must not point at these locals after return.
    curl_easy_setopt(c, CURLOPT_MAIL_RCPT, nullptr);
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, nullptr);
    curl_slist_free_all(rcpt);
    if (rc == CURLE_OK) return {delivery::sent, code, {}, false};
    auto result = classify(rc, code, detail);
    // After a failed exchange the connection's state is unknown: start afresh next time.
    if (result.connection_failed) close();
    return result;
}

}  // namespace samverkan::mail

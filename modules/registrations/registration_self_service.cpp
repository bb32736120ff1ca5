// Self-service through the manage link: change, add, remove, cancel. Each change runs in
// one transaction that first takes the event row lock, so freed seats go to the waiting
// list first come, first served, and the mails are queued with the change.
#include "modules/core/database.hpp"
#include "modules/core/time.hpp"
#include "modules/events/event_listing.hpp"
#include "modules/registrations/manage_token.hpp"
#include "modules/registrations/registration_repository.hpp"
#include "modules/registrations/registration_service.hpp"

#include <algorithm>

namespace samverkan::registrations {

using server::api_error;
using server::error_kind;

namespace {

std::string say(std::string_view language, std::string en, std::string sv) {
    return language == "sv" ? std::move(sv) : std::move(en);
}

long long now() {
    return core::to_epoch(core::now_seconds());
}

api_error closed(std::string_view language, bool started) {
    return api_error(error_kind::conflict,
                     started ? say(language, "The event has started or is over.",
                                   "Träffen har redan börjat eller är över.")
                             : say(language, "Registration is closed for this event.",
                                   "Anmälan till träffen är stängd."),
                     "registration_closed");
}

api_error invalid(std::string_view language, std::string field, std::string message) {
    return api_error(error_kind::validation_failed,
                     say(language, "Some fields are missing or invalid.",
                         "Några uppgifter saknas eller är fel."))
        .with_fields({{std::move(field), std::move(message)}});
}

void require_changeable(registration const& reg, repository::event_seats const& seats,
                        std::string_view language) {
    if (reg.cancelled_at)
        throw api_error(error_kind::conflict,
                        say(language, "The registration is cancelled.", "Anmälan är avbokad."));
    if (seats.status == "cancelled")
        throw api_error(error_kind::conflict,
                        say(language, "The event is cancelled.", "Träffen är inställd."),
                        "registration_closed");
    if (seats.starts_at <= now()) throw closed(language, true);
}

bool same_email(std::string a, std::string b) {
    auto lower = [](std::string& s) {
        std::transform(s.begin(), s.end(), s.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    };
    lower(a);
    lower(b);
    return a == b;
}

/// New attendees queue for seats like a new registration: seats while there are any (the
/// waiting list is then empty), the waiting list after.
void add_attendees(soci::session& sql, registration const& reg,
                   repository::event_seats const& seats,
                   std::vector<attendee_input const*> const& added, std::string_view language) {
    auto const t = now();
    if ((seats.opens_at && *seats.opens_at > t) || (seats.closes_at && *seats.closes_at < t))
        throw closed(language, false);
    auto const active = std::count_if(reg.attendees.begin(), reg.attendees.end(),
                                      [](attendee const& a) { return a.status != "cancelled"; });
    auto const count = static_cast<int>(added.size());
    if (static_cast<std::size_t>(active) + added.size() > max_attendees)
        throw invalid(language, "attendees",
                      say(language, "At most 10 attendees per registration.",
                          "Högst 10 deltagare per anmälan."));
    if (seats.max_per_organisation && (reg.organisation_id || !reg.organisation_name.empty())) {
        auto const taken = repository::organisation_attendees(sql, reg.id);
        if (taken + count > *seats.max_per_organisation)
            throw invalid(language, "attendees",
                          say(language,
                              "Too many attendees from this organisation: " +
                                  std::to_string(std::max(*seats.max_per_organisation - taken, 0)) +
                                  " more can register.",
                              "För många deltagare från organisationen: " +
                                  std::to_string(std::max(*seats.max_per_organisation - taken, 0)) +
                                  " till kan anmälas."));
    }
    int free = std::max(seats.capacity - seats.confirmed, 0);
    if (!seats.waitlist && count > free)
        throw api_error(error_kind::conflict,
                        say(language, "The event is full and has no waiting list.",
                            "Träffen är fullbokad och har ingen väntelista."),
                        "event_full");
    int confirmed = 0;
    for (auto const* a : added) {
        bool const seat = free > 0;
        if (seat) --free, ++confirmed;
        (void)repository::add_attendee(sql, reg.id, reg.event_id, *a,
                                       seat ? "confirmed" : "waitlisted");
    }
    repository::adjust_counters(sql, reg.event_id, confirmed, count - confirmed);
}

}  // namespace

template <class F>
asio::awaitable<registration> registration_service::change_locked(std::string token,
                                                                  std::string language, F f) {
    if (!looks_like_manage_token(token))
        throw api_error(error_kind::not_found, "No such registration.");
    auto const manage_url = settings_.base_url + "/r/" + token;
    auto result = co_await db_.transact([&](soci::session& sql) {
        auto found = repository::find_by_token(sql, token);
        if (!found) throw api_error(error_kind::not_found, "No such registration.");
        repository::lock_event(sql, found->event_id);
        auto current = repository::find(sql, found->id);  // as it is now that we hold the lock
        auto const seats = repository::seats(sql, current->event_id);
        f(sql, *current, seats, manage_url, language);
        return *repository::find(sql, current->id);
    });
    listing_.invalidate();
    co_return result;
}

asio::awaitable<registration> registration_service::change(std::string token,
                                                           registration_changes changes,
                                                           std::string language) {
    auto const& base_url = settings_.base_url;
    return change_locked(
        std::move(token), std::move(language),
        [changes = std::move(changes), &base_url](
            soci::session& sql, registration const& reg, repository::event_seats const& seats,
            std::string const& manage_url, std::string const& lang) {
            require_changeable(reg, seats, lang);
            if (changes.contact) {
                if (!same_email(changes.contact->email, reg.contact_email) &&
                    repository::contact_email_taken(sql, reg.event_id, reg.id,
                                                    changes.contact->email))
                    throw api_error(
                        error_kind::conflict,
                        say(lang, "Another registration for the event uses this e-mail.",
                            "En annan anmälan till träffen har den e-postadressen."),
                        "duplicate_registration");
                repository::update_contact(sql, reg.id, *changes.contact);
            }
            std::vector<attendee_input const*> added;
            for (auto const& a : changes.attendees) {
                if (!a.id) {
                    added.push_back(&a);
                } else if (!repository::update_attendee(sql, reg.id, a)) {
                    throw invalid(lang, "attendees",
                                  say(lang, "Unknown attendee " + std::to_string(*a.id) + ".",
                                      "Okänd deltagare."));
                }
            }
            if (!added.empty()) add_attendees(sql, reg, seats, added, lang);
            repository::queue_registration_mail(
                sql, reg.id, "changed:registration:" + std::to_string(reg.id) + ":{tx}", "changed",
                base_url, manage_url);
        });
}

asio::awaitable<registration> registration_service::cancel(std::string token,
                                                           std::string language) {
    auto const& base_url = settings_.base_url;
    return change_locked(std::move(token), std::move(language),
                         [&base_url](soci::session& sql, registration const& reg,
                                     repository::event_seats const& seats, std::string const&,
                                     std::string const& lang) {
                             if (reg.cancelled_at) return;  // cancelling twice changes nothing
                             if (seats.starts_at <= now()) throw closed(lang, true);
                             auto const freed =
                                 repository::cancel_registration(sql, reg.id, reg.event_id);
                             if (freed > 0 && seats.status == "published")
                                 repository::promote_waiting(sql, reg.event_id, base_url);
                             repository::queue_registration_mail(
                                 sql, reg.id, "cancelled:registration:" + std::to_string(reg.id),
                                 "cancelled", base_url, "");
                         });
}

asio::awaitable<registration> registration_service::remove_attendee(std::string token,
                                                                    long long attendee_id,
                                                                    std::string language) {
    auto const& base_url = settings_.base_url;
    return change_locked(
        std::move(token), std::move(language),
        [attendee_id, &base_url](soci::session& sql, registration const& reg,
                                 repository::event_seats const& seats,
                                 std::string const& manage_url, std::string const& lang) {
            if (reg.cancelled_at || seats.starts_at <= now()) require_changeable(reg, seats, lang);
            auto const was = repository::cancel_attendee(sql, reg.id, attendee_id, reg.event_id);
            if (was.empty()) throw api_error(error_kind::not_found, "No such attendee.");
            if (was == "confirmed" && seats.status == "published")
                repository::promote_waiting(sql, reg.event_id, base_url);
            auto const left = std::count_if(
                reg.attendees.begin(), reg.attendees.end(), [attendee_id](attendee const& a) {
                    return a.status != "cancelled" && a.id != attendee_id;
                });
            if (left == 0)
                repository::queue_registration_mail(
                    sql, reg.id, "cancelled:registration:" + std::to_string(reg.id), "cancelled",
                    base_url, "");
            else
                repository::queue_registration_mail(
                    sql, reg.id, "changed:registration:" + std::to_string(reg.id) + ":{tx}",
                    "changed", base_url, manage_url);
        });
}

void registration_service::capacity_raised(soci::session& sql, long long event_id) {
    repository::promote_waiting(sql, event_id, settings_.base_url);
}

void registration_service::event_cancelled(soci::session& sql, long long event_id) {
    repository::queue_event_cancelled(sql, event_id, settings_.base_url);
}

}  // namespace samverkan::registrations

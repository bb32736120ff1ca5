#pragma once

// Shared by the registration repository's two files: the column lists and row readers of
// registrations and attendees.
#include "modules/registrations/registration_types.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace soci {
class row;
class session;
}  // namespace soci

namespace samverkan::registrations::repository::detail {

/// 12 columns of `registrations r`, the last its overall status by the rules' own function.
#define SAMVERKAN_REGISTRATION_COLUMNS                                                          \
    "r.id, r.event_id, r.organisation_id, coalesce(r.organisation_name, ''),"                   \
    " coalesce(r.org_number, ''), coalesce(r.contact_name, ''), coalesce(r.contact_email, '')," \
    " coalesce(r.contact_phone, ''), r.language, extract(epoch from r.created_at)::bigint,"     \
    " extract(epoch from r.cancelled_at)::bigint, samverkan_registration_status(r.id)"

/// Columns of SAMVERKAN_REGISTRATION_COLUMNS.
inline constexpr std::size_t registration_column_count = 12;

/// 11 columns of `attendees a`, the last its place on the waiting list (0 when not waiting).
#define SAMVERKAN_ATTENDEE_COLUMNS                                                         \
    "a.id, a.name, coalesce(a.email, ''), a.affiliation, array_to_string(a.dietary, ',')," \
    " coalesce(a.dietary_other, ''), coalesce(a.accessibility, ''), a.status,"             \
    " extract(epoch from a.queued_at)::bigint,"                                            \
    " case when a.attended is null then -1 when a.attended then 1 else 0 end,"             \
    " case when a.status = 'waitlisted' then (select count(*) from attendees w"            \
    "   where w.event_id = a.event_id and w.status = 'waitlisted'"                         \
    "   and (w.queued_at, w.id) <= (a.queued_at, a.id)) else 0 end"

[[nodiscard]] registration registration_from_row(soci::row const& r, std::size_t first);

[[nodiscard]] attendee attendee_from_row(soci::row const& r, std::size_t first);

/// The registration `id` with its attendees; nullopt when unknown.
[[nodiscard]] std::optional<registration> load_registration(soci::session& sql, long long id);

[[nodiscard]] std::string join(std::vector<std::string> const& items);

[[nodiscard]] std::vector<std::string> split(std::string const& text);

}  // namespace samverkan::registrations::repository::detail

// The door link's look-up: which event and attendee a door code leads to.
#include "modules/registrations/registration_repository.hpp"

#include <soci/soci.h>

namespace samverkan::registrations::repository {

namespace {

// The first attendee with a seat, else the first at all (the door list then says that
// nobody of that name has a seat).
constexpr char const* door_target_sql =
    "select r.event_id, a.id, a.name from registrations r"
    " join attendees a on a.registration_id = r.id"
    " where r.door_code = :code order by a.status <> 'confirmed', a.id limit 1";

}  // namespace

std::optional<door_target> find_door_target(soci::session& sql, std::string const& door_code) {
    door_target out;
    sql << door_target_sql, soci::use(door_code, "code"), soci::into(out.event_id),
        soci::into(out.attendee_id), soci::into(out.attendee_name);
    if (!sql.got_data()) return std::nullopt;
    return out;
}

}  // namespace samverkan::registrations::repository

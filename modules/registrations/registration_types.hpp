#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace samverkan::registrations {

inline constexpr std::array<std::string_view, 4> affiliations{"civil_society", "municipal_staff",
                                                              "elected_official", "other"};
inline constexpr std::array<std::string_view, 5> dietary_codes{"vegetarian", "vegan", "gluten_free",
                                                               "lactose_free", "nut_allergy"};
inline constexpr std::size_t max_attendees = 10;

/// One attendee as validated input; `id` is set when a change names an existing attendee.
struct attendee_input {
    std::optional<long long> id;
    std::string name;
    std::string email;
    std::string affiliation = "civil_society";
    std::vector<std::string> dietary;
    std::string dietary_other;
    std::string accessibility;
};

struct contact_input {
    std::string name;
    std::string email;
    std::string phone;
};

/// A validated registration (API.md "Registrations (public)"); empty strings are absent.
struct registration_input {
    std::string organisation_name;
    std::string org_number;  ///< normalised to NNNNNN-NNNN
    contact_input contact;
    std::vector<attendee_input> attendees;
    std::string language = "sv";
    std::string invitation;
};

/// A validated self-service change: a new contact and/or attendees to update (with id) or
/// add (without).
struct registration_changes {
    std::optional<contact_input> contact;
    std::vector<attendee_input> attendees;
};

struct attendee {
    long long id = 0;
    std::string name;
    std::string email;
    std::string affiliation;
    std::vector<std::string> dietary;
    std::string dietary_other;
    std::string accessibility;
    std::string status;
    long long queued_at = 0;
    int waitlist_position = 0;  ///< 1-based place on the event's waiting list; 0 when not waiting
    std::optional<bool> attended;
};

struct registration {
    long long id = 0;
    long long event_id = 0;
    std::optional<long long> organisation_id;
    std::string organisation_name;
    std::string org_number;
    std::string contact_name;
    std::string contact_email;
    std::string contact_phone;
    std::string language;
    std::string status;  ///< overall: confirmed, waitlisted, partially_waitlisted or cancelled
    long long created_at = 0;
    std::optional<long long> cancelled_at;
    std::vector<attendee> attendees;
};

/// One attendee as a receipt lists them.
struct attendee_brief {
    long long id = 0;
    std::string name;
    std::string status;
};

/// What a registration created (or a replayed Idempotency-Key answers): API.md's 201 body,
/// typed. `token` is the manage link's secret, known to the caller only.
struct registration_receipt {
    long long id = 0;
    long long event_id = 0;
    std::string status;  ///< confirmed, waitlisted or partially_waitlisted
    std::vector<attendee_brief> attendees;
    std::string token;
    bool replayed = false;
};

/// People who came without registering, as an organiser records them at the door.
struct walk_in_input {
    std::optional<long long> organisation_id;  ///< picked from the register
    std::string organisation_name;             ///< or typed (matched, else added)
    std::string org_number;
    std::vector<attendee_input> attendees;
};

/// What a walk-in created: API.md's 201 body, typed.
struct walk_in_receipt {
    struct entry {
        long long id = 0;
        std::string name;
        bool over_capacity = false;
    };

    long long id = 0;
    long long event_id = 0;
    std::vector<entry> attendees;
};

/// What an invitation link fills into the form: the invitee and their organisation.
struct invitation_prefill {
    std::string name;
    std::string email;
    std::string organisation;
};

/// Per-choice counts for the caterer: confirmed attendees only.
struct catering_summary {
    int attendees = 0;
    std::vector<std::pair<std::string, int>> dietary;  ///< code → count, every code listed
    int with_other_needs = 0;                          ///< attendees with a dietary_other text
    std::vector<std::string> other_needs;              ///< the dietary_other texts
};

/// One confirmed attendee on the door's check-in list.
struct check_in_entry {
    long long attendee_id = 0;
    std::string name;
    std::string organisation;  ///< the register's name, else the typed one; "" for none
    std::optional<long long> checked_in_at;  ///< epoch seconds; set only while checked in
};

/// The door's list: counts over all confirmed attendees, the entries matching the search.
struct check_in_list {
    int confirmed = 0;
    int arrived = 0;
    std::vector<check_in_entry> attendees;
};

/// What a check-in (or its undo) found and did.
struct check_in_change {
    long long event_id = 0;
    std::string name;
    std::string status;                      ///< the attendee's status (only "confirmed" changes)
    bool changed = false;                    ///< false: it was that way already
    std::optional<bool> attended;            ///< after the call
    std::optional<long long> checked_in_at;  ///< epoch seconds, after the call
};

struct attendance_summary {
    int confirmed = 0;
    int waitlisted = 0;
    int cancelled = 0;
    int attended = 0;
    int no_show = 0;  ///< confirmed, not checked in, the event over (samverkan_no_show)
    int walk_ins = 0;
    std::vector<std::pair<std::string, int>> by_affiliation;  ///< attended, per affiliation
    std::vector<std::pair<std::string, int>> organisations;   ///< name → attended
};

}  // namespace samverkan::registrations

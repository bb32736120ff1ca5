-- Walk-ins (API.md "Registrations (staff)"): people who came without registering, recorded
-- at the door. Each walk-in group is a registration of its own without a contact, marked as
-- such; its attendees are confirmed and checked in at once, and may be beyond the capacity.

alter table registrations
    alter column contact_name drop not null,
    alter column contact_email drop not null,
    add column walk_in boolean not null default false,
    add constraint registrations_contact_or_walk_in
        check (walk_in or (contact_name is not null and contact_email is not null));

-- The door's own code for a registration, in the QR code of the confirmation: it names the
-- registration to an organiser who scans it and gives nobody else anything (the door page
-- needs a staff login), so unlike the manage link it is not a secret.
alter table registrations add column door_code text unique;
update registrations set door_code = replace(gen_random_uuid()::text, '-', '') where door_code is null;
alter table registrations alter column door_code set default replace(gen_random_uuid()::text, '-', '');

-- A walk-in naming an organisation id that is not in the register.
alter type registration_outcome add value 'unknown_organisation';

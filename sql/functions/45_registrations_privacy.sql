-- The registrations module's privacy doors: anonymising attendees and registration contacts,
-- removing needs, and what is held about an address. modules/privacy calls them inside its
-- own transactions (retention, subject rights); the module itself when a contact erases the
-- registration through the manage link. Repeatable: applied again when this text changes.
--
-- What anonymising keeps is what the follow-up counts (DESIGN.md "Follow-up and the
-- organisation ledger"): the event, the organisation (the registration's organisation id,
-- name and number; the attendee's ledger organisation_id, organisation_name,
-- organisation_area), affiliation, status, attendance and check-in time, walk_in,
-- over_capacity, and when things happened. What goes: names, e-mail addresses, phones,
-- dietary and accessibility needs, and every manage link.

-- Attendees without the person; anonymised_at says when. Returns how many changed now.
create or replace function samverkan_anonymise_attendees(p_ids bigint[]) returns integer
language sql as $$
    with done as (
        update attendees
           set name = '', email = null, dietary = '{}', dietary_other = null,
               accessibility = null, anonymised_at = now(), updated_at = now()
         where id = any(p_ids) and anonymised_at is null
        returning 1)
    select count(*)::integer from done
$$;

-- Registrations without their contact. contact_email must stay unique among an event's
-- active registrations, so it becomes a placeholder that mail's door never sends to; every
-- manage link stops working, and stored Idempotency-Key answers (which hold the link and
-- the names) go. A walk-in registration has no contact (0011) and is left as it is.
-- Returns how many changed now.
create or replace function samverkan_anonymise_registrations(p_ids bigint[]) returns integer
language sql as $$
    with links as (
        delete from registration_tokens where registration_id = any(p_ids)),
    answers as (
        delete from idempotency_keys k using registrations r
         where r.id = any(p_ids) and k.event_id = r.event_id
           and (k.response_body::jsonb ->> 'id')::bigint = r.id),
    done as (
        update registrations
           set contact_name = '', contact_email = samverkan_anonymised_address('registration', id),
               contact_phone = null,
               manage_token_hash = sha256(convert_to(gen_random_uuid()::text, 'UTF8')),
               updated_at = now()
         where id = any(p_ids) and contact_email is not null
           and not samverkan_is_anonymised_address(contact_email)
        returning 1)
    select count(*)::integer from done
$$;

-- Retention: needs of events that ended before p_needs_before are removed; the attendees
-- and contacts of events that ended before p_identities_before are anonymised.
create or replace function samverkan_registrations_retention(
    p_identities_before timestamptz, p_needs_before timestamptz,
    out registrations integer, out attendees integer, out needs integer)
language plpgsql as $$
begin
    with cleared as (
        update attendees a
           set dietary = '{}', dietary_other = null, accessibility = null, updated_at = now()
          from events e
         where e.id = a.event_id and e.ends_at < p_needs_before
           and (a.dietary <> '{}' or a.dietary_other is not null or a.accessibility is not null)
        returning 1)
    select count(*) into needs from cleared;
    attendees := samverkan_anonymise_attendees(array(
        select a.id from attendees a join events e on e.id = a.event_id
         where e.ends_at < p_identities_before and a.anonymised_at is null));
    registrations := samverkan_anonymise_registrations(array(
        select r.id from registrations r join events e on e.id = r.event_id
         where e.ends_at < p_identities_before and r.contact_email is not null
           and not samverkan_is_anonymised_address(r.contact_email)));
end
$$;

-- The attendee rows that are an address's holder: those with the address, and in the
-- registrations it is the contact of, those without an address of their own who bear the
-- contact's name (the contact registering themselves). Other attendees a contact registered
-- are other people.
create or replace function samverkan_subject_attendees(p_email text) returns bigint[]
language sql stable as $$
    select coalesce(array_agg(a.id order by a.id), '{}')
      from attendees a join registrations r on r.id = a.registration_id
     where lower(a.email) = lower(p_email)
        or (lower(r.contact_email) = lower(p_email) and a.email is null
            and lower(btrim(a.name)) = lower(btrim(r.contact_name)))
$$;

-- Everything the registrations hold about an address, needs included (it is the subject's
-- own data); no manage link (only its hash is stored).
create or replace function samverkan_registrations_subject(p_email text) returns jsonb
language sql stable as $$
    select jsonb_build_object(
        'registrations', (
            select coalesce(jsonb_agg(jsonb_build_object(
                       'id', r.id,
                       'event', jsonb_build_object('id', e.id, 'title', e.title,
                                                   'starts_at', samverkan_rfc3339(e.starts_at)),
                       'organisation', jsonb_build_object('id', r.organisation_id,
                                                          'name', r.organisation_name,
                                                          'org_number', r.org_number),
                       'contact', jsonb_build_object('name', r.contact_name,
                                                     'email', r.contact_email,
                                                     'phone', r.contact_phone),
                       'language', r.language, 'status', samverkan_registration_status(r.id),
                       'created_at', samverkan_rfc3339(r.created_at),
                       'consent_at', samverkan_rfc3339(r.consent_at),
                       'cancelled_at', samverkan_rfc3339(r.cancelled_at)) order by r.id), '[]'::jsonb)
              from registrations r join events e on e.id = r.event_id
             where lower(r.contact_email) = lower(p_email)),
        'attendees', (
            select coalesce(jsonb_agg(jsonb_build_object(
                       'id', a.id, 'registration_id', a.registration_id,
                       'event', jsonb_build_object('id', e.id, 'title', e.title,
                                                   'starts_at', samverkan_rfc3339(e.starts_at)),
                       'name', a.name, 'email', a.email, 'affiliation', a.affiliation,
                       'organisation_name', a.organisation_name,
                       'dietary', to_jsonb(a.dietary), 'dietary_other', a.dietary_other,
                       'accessibility', a.accessibility, 'status', a.status,
                       'attended', a.attended,
                       'checked_in_at', samverkan_rfc3339(a.checked_in_at)) order by a.id), '[]'::jsonb)
              from attendees a join events e on e.id = a.event_id
             where a.id = any(samverkan_subject_attendees(p_email))))
$$;

-- Erasure of an address (an admin, for the subject): the registrations it is the contact of
-- lose their contact (and stay, with their other attendees, status and attendance), and its
-- attendee rows are anonymised. contact_of and attendee_in name the registrations touched,
-- for mail's erasure of the copies it keeps.
create or replace function samverkan_registrations_erase_subject(
    p_email text, out registrations integer, out attendees integer,
    out contact_of bigint[], out attendee_in bigint[])
language plpgsql as $$
declare
    v_attendees bigint[] := samverkan_subject_attendees(p_email);
begin
    select coalesce(array_agg(r.id order by r.id), '{}') into contact_of
      from registrations r where lower(r.contact_email) = lower(p_email);
    select coalesce(array_agg(distinct a.registration_id), '{}') into attendee_in
      from attendees a where a.id = any(v_attendees);
    attendees := samverkan_anonymise_attendees(v_attendees);
    registrations := samverkan_anonymise_registrations(contact_of);
end
$$;

-- A contact erases their own registration through the manage link (after cancelling it
-- with samverkan_cancel_registration where the rules allow): the contact and every attendee
-- anonymised, and no mail about it kept or still sent (mail about the contact's other
-- registrations is theirs). Returns the attendees anonymised.
create or replace function samverkan_registration_erase(p_registration bigint) returns integer
language plpgsql as $$
declare
    v_attendees integer;
begin
    v_attendees := samverkan_anonymise_attendees(array(
        select a.id from attendees a where a.registration_id = p_registration));
    perform samverkan_anonymise_registrations(array[p_registration]);
    perform samverkan_mail_erase(null, array[p_registration], '{}');
    return v_attendees;
end
$$;

-- A contact erases their own registration through the manage link: it is cancelled first
-- where the rules allow (the seats go to the waiting list, in this transaction), then
-- erased as above. An event already under way keeps its attendance: only the people go.
create or replace function samverkan_registration_self_erase(p_registration bigint, p_base_url text)
returns integer language plpgsql as $$
begin
    if exists (select 1 from registrations where id = p_registration and cancelled_at is null) then
        perform samverkan_cancel_registration(p_registration, false, p_base_url);
    end if;
    return samverkan_registration_erase(p_registration);
end
$$;

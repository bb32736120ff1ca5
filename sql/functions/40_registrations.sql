-- The registration rules: the one home of the seats, the organisation cap, the waiting list
-- and every self-service change (modules/registrations/README.md); the window is the events
-- module's (35_events.sql). Each public operation is one function called in one round trip,
-- which takes the event row lock first and holds it only for the function's own work and
-- the commit. Outcomes are the named enum registration_outcome (sql/0006), mapped to
-- answers in registration_outcome.cpp. Failures are decided before anything is written, so
-- a refused call leaves nothing behind.
-- Repeatable: applied again by the migrator whenever this text changes.

-- How many of `p_wanted` new attendees get a seat now, in order; the rest wait. NULL when
-- they do not all fit and the event has no waiting list (then it is all or nothing).
create or replace function samverkan_seats_for(e events, p_wanted integer) returns integer
language sql stable as $$
    select case when not e.waitlist and p_wanted > greatest(e.capacity - e.confirmed_count, 0)
                then null
                else least(p_wanted, greatest(e.capacity - e.confirmed_count, 0)) end
$$;

-- How many more attendees the organisation may register for the event (confirmed and
-- waiting count; walk-ins do not); NULL when there is no cap or no organisation.
create or replace function samverkan_organisation_room(e events, p_organisation bigint)
returns integer language sql stable as $$
    select case when e.max_per_organisation is null or p_organisation is null then null
                else greatest(e.max_per_organisation - (
                    select count(*) from attendees a
                     where a.event_id = e.id and a.organisation_id = p_organisation
                       and a.status in ('confirmed', 'waitlisted') and not a.walk_in)::integer, 0)
           end
$$;

-- The overall status of a registration's attendees: confirmed, waitlisted,
-- partially_waitlisted, or cancelled when nobody is left.
create or replace function samverkan_registration_status(p_registration bigint) returns text
language sql stable as $$
    select case when count(*) filter (where status <> 'cancelled') = 0 then 'cancelled'
                when count(*) filter (where status = 'waitlisted') = 0 then 'confirmed'
                when count(*) filter (where status = 'confirmed') = 0 then 'waitlisted'
                else 'partially_waitlisted' end
      from attendees where registration_id = p_registration
$$;

-- The attendees as mails and receipts list them: [{"id", "name", "status"}], in order.
create or replace function samverkan_registration_attendees(p_registration bigint)
returns jsonb language sql stable as $$
    select coalesce(jsonb_agg(jsonb_build_object('id', a.id, 'name', a.name, 'status', a.status)
                              order by a.id), '[]'::jsonb)
      from attendees a where a.registration_id = p_registration
$$;

-- Queues one of a registration's own mails to its contact, showing the registration as it
-- is now. Mail that a change can repeat is coalesced (at most three an hour).
-- p_email and p_name send it to someone else than the contact (the old contact, told of a
-- new one).
create or replace function samverkan_queue_registration_mail(
    p_registration bigint, p_template text, p_key text, p_base_url text, p_manage_url text,
    p_extra jsonb default '{}', p_coalesce boolean default false, p_email text default null,
    p_name text default null)
returns bigint language sql as $$
    select samverkan_mail_enqueue(
        p_key, p_template, r.language, coalesce(p_email, r.contact_email),
        coalesce(p_name, r.contact_name),
        jsonb_build_object('event', samverkan_event_payload(e, p_base_url),
                           'registration_id', r.id, 'contact_name', r.contact_name,
                           'organisation_name', r.organisation_name,
                           'status', samverkan_registration_status(r.id),
                           'attendees', samverkan_registration_attendees(r.id))
            || jsonb_strip_nulls(jsonb_build_object('manage_url', p_manage_url)) || p_extra,
        null,
        case when p_coalesce then p_template || ':registration:' || r.id || ':'
                                  || lower(coalesce(p_email, r.contact_email)) end,
        case when p_coalesce then 3 end)
      from registrations r join events e on e.id = r.event_id
     where r.id = p_registration and coalesce(p_email, r.contact_email) is not null  -- walk-ins have no contact
$$;

-- Gives the free seats of the (locked) event to the waiting list in (queued_at, id) order
-- and queues a "promoted" mail for each; returns how many moved up.
create or replace function samverkan_promote_waiting(p_event bigint, p_base_url text)
returns integer language plpgsql as $$
declare
    ev events%rowtype;
    v_count integer;
begin
    select * into ev from events where id = p_event;
    if ev.status <> 'published' then
        return 0;
    end if;
    with next as (
        select a.id from attendees a
         where a.event_id = p_event and a.status = 'waitlisted'
         order by a.queued_at, a.id
         limit greatest(ev.capacity - ev.confirmed_count, 0) for update),
    promoted as (
        update attendees a set status = 'confirmed', updated_at = now() from next
         where a.id = next.id returning a.id, a.registration_id, a.name),
    mailed as materialized (
        select samverkan_mail_enqueue(
                   'promoted:attendee:' || p.id, 'promoted', r.language, r.contact_email,
                   r.contact_name,
                   jsonb_build_object('event', samverkan_event_payload(ev, p_base_url),
                                      'registration_id', r.id, 'contact_name', r.contact_name,
                                      'attendee_id', p.id, 'attendee_name', p.name))
          from promoted p join registrations r on r.id = p.registration_id)
    select count(*) into v_count from mailed;
    update events set confirmed_count = confirmed_count + v_count,
                      waitlisted_count = waitlisted_count - v_count
     where id = p_event;
    return v_count;
end
$$;

-- Adds attendees (a JSON array of validated attendees) to a registration of the locked
-- event: the first `p_seats` get a seat, the rest wait. Each row carries the organisation
-- ledger. Returns how many were added.
create or replace function samverkan_add_attendees(
    p_registration bigint, p_event bigint, p_attendees jsonb, p_seats integer,
    p_organisation bigint, p_organisation_name text, p_organisation_area text)
returns integer language plpgsql as $$
declare
    v_count integer := jsonb_array_length(p_attendees);
begin
    -- queued_at is taken after the lock, so (queued_at, id) is the order of arrival.
    insert into attendees (registration_id, event_id, name, email, affiliation, dietary,
                           dietary_other, accessibility, status, queued_at,
                           organisation_id, organisation_name, organisation_area)
    select p_registration, p_event, a ->> 'name', a ->> 'email',
           coalesce(a ->> 'affiliation', 'civil_society'),
           array(select jsonb_array_elements_text(coalesce(a -> 'dietary', '[]'))),
           a ->> 'dietary_other', a ->> 'accessibility',
           case when t.ord <= p_seats then 'confirmed' else 'waitlisted' end,
           clock_timestamp(), p_organisation, p_organisation_name, p_organisation_area
      from jsonb_array_elements(p_attendees) with ordinality as t(a, ord)
     order by t.ord;
    update events set confirmed_count = confirmed_count + p_seats,
                      waitlisted_count = waitlisted_count + (v_count - p_seats)
     where id = p_event;
    return v_count;
end
$$;

-- The answer a repeated Idempotency-Key gets, or the conflict when its body differs.
create or replace function samverkan_replay(
    p_event bigint, p_key text, p_request bytea, out outcome registration_outcome, out receipt jsonb)
language sql stable as $$
    select case when k.request_hash is distinct from p_request
                then 'idempotency_conflict'::registration_outcome
                else 'replayed'::registration_outcome end,
           case when k.request_hash is not distinct from p_request then k.response_body::jsonb end
      from idempotency_keys k
     where k.event_id = p_event and k.key = p_key and k.created_at > now() - interval '24 hours'
$$;

-- A duplicate contact e-mail: that contact is sent a new, additional manage link (at most
-- one such mail per registration and hour, so the form cannot flood a mailbox).
create or replace function samverkan_send_manage_link_again(
    p_registration bigint, p_token text, p_base_url text)
returns void language plpgsql as $$
begin
    if samverkan_queue_registration_mail(
           p_registration, 'manage_link',
           'manage_link:registration:' || p_registration || ':'
               || floor(extract(epoch from now()) / 3600)::bigint,
           p_base_url, p_base_url || '/r/' || p_token) is not null then
        insert into registration_tokens (token_hash, registration_id)
        values (sha256(convert_to(p_token, 'UTF8')), p_registration);
    end if;
end
$$;

-- One registration (API.md "Registrations (public)"). p_input is the validated request:
-- {"organisation": {"name", "org_number"}, "contact": {"name", "email", "phone"},
--  "attendees": [{"name", "email", "affiliation", "dietary": [..], "dietary_other",
--  "accessibility"}], "language", "invitation"}; empty texts arrive as null.
-- p_rate_budget seats a minute per p_rate_key (the client address); a registration of four
-- takes four. p_lock false replaces the row lock with a plain read: only the concurrency
-- tests' negative control does that, to show the race the lock prevents.
-- detail: seconds to wait (rate_limited), seats left (event_full), room left
-- (organisation_limit); reason: why registration is closed.
create or replace function samverkan_register(
    p_event_id bigint, p_input jsonb, p_token text, p_base_url text, p_idempotency_key text,
    p_rate_key text, p_rate_budget integer, p_lock boolean,
    out outcome registration_outcome, out registration_id bigint, out detail integer,
    out reason registration_window, out receipt jsonb)
language plpgsql as $$
#variable_conflict use_variable
declare
    ev events%rowtype;
    v_count integer := jsonb_array_length(p_input -> 'attendees');
    v_request bytea := sha256(convert_to(p_input::text, 'UTF8'));
    v_org_name text := p_input #>> '{organisation,name}';
    v_org_number text := p_input #>> '{organisation,org_number}';
    v_org record;
    v_seats integer;
    v_existing bigint;
begin
    detail := 0;
    if p_rate_key is not null then
        detail := samverkan_rate_take(p_rate_key, v_count, p_rate_budget);
        if detail > 0 then
            outcome := 'rate_limited';
            return;
        end if;
    end if;

    if p_lock then
        select * into ev from events where id = p_event_id for update;
    else
        select * into ev from events where id = p_event_id;
    end if;
    if not found or ev.status = 'draft' then
        outcome := 'not_found';
        return;
    end if;

    if p_idempotency_key is not null then
        select r.outcome, r.receipt into outcome, receipt
          from samverkan_replay(p_event_id, p_idempotency_key, v_request) r;
        if outcome is not null then
            registration_id := (receipt ->> 'id')::bigint;
            return;
        end if;
    end if;

    reason := samverkan_registration_window(ev);
    if reason <> 'open' then
        outcome := 'registration_closed';
        return;
    end if;

    select r.id into v_existing from registrations r
     where r.event_id = p_event_id and lower(r.contact_email) = lower(p_input #>> '{contact,email}')
       and r.cancelled_at is null;
    if found then
        perform samverkan_send_manage_link_again(v_existing, p_token, p_base_url);
        outcome := 'duplicate_registration';
        return;
    end if;

    select * into v_org from samverkan_organisation_find(null, v_org_name, v_org_number);
    detail := samverkan_organisation_room(ev, v_org.id);
    if detail is not null and v_count > detail then
        outcome := 'organisation_limit';
        return;
    end if;
    v_seats := samverkan_seats_for(ev, v_count);
    if v_seats is null then
        outcome := 'event_full';
        detail := greatest(ev.capacity - ev.confirmed_count, 0);
        return;
    end if;
    detail := 0;

    -- Every check passed: from here on everything is written.
    if v_org.id is null and v_org_name is not null then
        select * into v_org from samverkan_organisation_match(null, v_org_name, v_org_number, 'registration');
    end if;
    insert into registrations (event_id, organisation_id, organisation_name, org_number,
                               contact_name, contact_email, contact_phone, language,
                               manage_token_hash, invitation_id, consent_at)
    values (p_event_id, v_org.id, v_org_name, v_org_number,
            p_input #>> '{contact,name}', p_input #>> '{contact,email}',
            p_input #>> '{contact,phone}', coalesce(p_input ->> 'language', 'sv'),
            sha256(convert_to(p_token, 'UTF8')),
            (select i.id from invitations i
              where i.token_hash = sha256(convert_to(p_input ->> 'invitation', 'UTF8'))
                and i.event_id = p_event_id),
            now())
    returning id into registration_id;
    perform samverkan_add_attendees(registration_id, p_event_id, p_input -> 'attendees', v_seats,
                                    v_org.id, coalesce(v_org.name, v_org_name), v_org.area);

    receipt := jsonb_build_object('id', registration_id, 'event_id', p_event_id,
                                  'status', samverkan_registration_status(registration_id),
                                  'attendees', samverkan_registration_attendees(registration_id),
                                  'token', p_token);
    perform samverkan_queue_registration_mail(
        registration_id, case when v_seats = 0 then 'waitlisted' else 'confirmation' end,
        (case when v_seats = 0 then 'waitlisted' else 'confirmation' end)
            || ':registration:' || registration_id,
        p_base_url, p_base_url || '/r/' || p_token);

    if p_idempotency_key is not null then
        insert into idempotency_keys (event_id, key, response_status, response_body, request_hash)
        values (p_event_id, p_idempotency_key, 201, receipt::text, v_request)
        on conflict (event_id, key) do update
            set response_status = excluded.response_status, response_body = excluded.response_body,
                request_hash = excluded.request_hash, created_at = now();
    end if;
    outcome := 'created';
end
$$;

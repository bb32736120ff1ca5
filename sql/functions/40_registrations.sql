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
      from registrations r join events e on e.id = r.event_id where r.id = p_registration
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

-- The registration behind a manage token, and the manage routes' limits: p_budget requests
-- a minute per registration (all its links), five times that per client address (which
-- also bounds guessing). retry_after > 0 when a limit is reached.
create or replace function samverkan_manage_access(
    p_token text, p_address text, p_budget integer,
    out registration_id bigint, out retry_after integer)
language plpgsql as $$
#variable_conflict use_variable
begin
    retry_after := samverkan_rate_take('manage:' || p_address, 1, p_budget * 5);
    if retry_after > 0 then
        return;
    end if;
    select t.id into registration_id from (
        select r.id from registrations r where r.manage_token_hash = sha256(convert_to(p_token, 'UTF8'))
        union all
        select x.registration_id from registration_tokens x
         where x.token_hash = sha256(convert_to(p_token, 'UTF8'))) t
     limit 1;
    if registration_id is not null then
        retry_after := samverkan_rate_take('manage:registration:' || registration_id, 1, p_budget);
    end if;
end
$$;

-- What a change would do, decided before anything is written: the first problem found,
-- or NULL when the change may go ahead. p_added attendees are the ones without an id.
create or replace function samverkan_check_change(
    r registrations, ev events, p_changes jsonb, p_added integer,
    out outcome registration_outcome, out detail integer, out reason registration_window)
language plpgsql stable as $$
declare
    v_new_email text := p_changes #>> '{contact,email}';
    v_unknown bigint;
begin
    detail := 0;
    reason := samverkan_registration_window(ev);
    if r.cancelled_at is not null then
        outcome := 'registration_cancelled';
    elsif reason in ('cancelled', 'started', 'draft') then
        outcome := 'registration_closed';
    elsif v_new_email is not null and lower(v_new_email) <> lower(r.contact_email)
          and exists (select 1 from registrations x
                       where x.event_id = r.event_id and x.id <> r.id and x.cancelled_at is null
                         and lower(x.contact_email) = lower(v_new_email)) then
        outcome := 'duplicate_registration';
    end if;
    if outcome is not null then
        return;
    end if;
    select (x ->> 'id')::bigint into v_unknown
      from jsonb_array_elements(coalesce(p_changes -> 'attendees', '[]')) x
     where x ->> 'id' is not null
       and not exists (select 1 from attendees a where a.id = (x ->> 'id')::bigint
                          and a.registration_id = r.id and a.status <> 'cancelled')
     limit 1;
    if v_unknown is not null then
        outcome := 'unknown_attendee';
        detail := v_unknown;
    elsif p_added > 0 and reason <> 'open' then
        outcome := 'registration_closed';
    elsif p_added > 0 and p_added + (select count(*) from attendees a
                                      where a.registration_id = r.id and a.status <> 'cancelled') > 10 then
        outcome := 'too_many_attendees';
    elsif p_added > 0 and samverkan_organisation_room(ev, r.organisation_id) < p_added then
        outcome := 'organisation_limit';
        detail := samverkan_organisation_room(ev, r.organisation_id);
    elsif p_added > 0 and samverkan_seats_for(ev, p_added) is null then
        outcome := 'event_full';
        detail := greatest(ev.capacity - ev.confirmed_count, 0);
    end if;
end
$$;

-- Writes the contact and the named attendees where they differ; returns how many rows
-- changed (0: the change changes nothing).
create or replace function samverkan_apply_edits(r registrations, p_changes jsonb)
returns integer language plpgsql as $$
declare
    v_rows integer := 0;
    v_n integer;
begin
    if jsonb_typeof(p_changes -> 'contact') = 'object' then
        update registrations
           set contact_name = p_changes #>> '{contact,name}',
               contact_email = p_changes #>> '{contact,email}',
               contact_phone = p_changes #>> '{contact,phone}', updated_at = now()
         where id = r.id
           and (contact_name, contact_email, contact_phone) is distinct from
               (p_changes #>> '{contact,name}', p_changes #>> '{contact,email}',
                p_changes #>> '{contact,phone}');
        get diagnostics v_n = row_count;
        v_rows := v_rows + v_n;
    end if;
    update attendees a
       set name = x.a ->> 'name', email = x.a ->> 'email',
           affiliation = coalesce(x.a ->> 'affiliation', 'civil_society'),
           dietary = array(select jsonb_array_elements_text(coalesce(x.a -> 'dietary', '[]'))),
           dietary_other = x.a ->> 'dietary_other', accessibility = x.a ->> 'accessibility',
           updated_at = now()
      from jsonb_array_elements(coalesce(p_changes -> 'attendees', '[]')) as x(a)
     where x.a ->> 'id' is not null and a.id = (x.a ->> 'id')::bigint and a.registration_id = r.id
       and (a.name, a.email, a.affiliation, a.dietary, a.dietary_other, a.accessibility)
           is distinct from
           (x.a ->> 'name', x.a ->> 'email', coalesce(x.a ->> 'affiliation', 'civil_society'),
            array(select jsonb_array_elements_text(coalesce(x.a -> 'dietary', '[]'))),
            x.a ->> 'dietary_other', x.a ->> 'accessibility');
    get diagnostics v_n = row_count;
    return v_rows + v_n;
end
$$;

-- Takes the event row lock for a change of a registration, then reads the registration as
-- it is under the lock. r is NULL when there is no such registration.
create or replace function samverkan_lock_registration(
    p_registration bigint, out ev events, out r registrations, out reason registration_window)
language plpgsql as $$
begin
    select * into ev from events
     where id = (select event_id from registrations where id = p_registration) for update;
    select * into r from registrations where id = p_registration;
    reason := samverkan_registration_window(ev);
end
$$;

-- Self-service change through the manage link (PATCH): a new contact, changed attendees
-- (with id) and added ones (without, queued for seats like new registrations). A change
-- that changes nothing sends nothing; the contact's mail about changes is coalesced, and a
-- new contact address means the old address is told too.
create or replace function samverkan_change_registration(
    p_registration bigint, p_changes jsonb, p_token text, p_base_url text,
    out outcome registration_outcome, out detail integer, out reason registration_window)
language plpgsql as $$
declare
    l record;
    ev events%rowtype;
    r registrations%rowtype;
    v_added jsonb;
    v_changed integer;
begin
    select * into l from samverkan_lock_registration(p_registration);
    ev := l.ev;  -- a record first: composite values cannot share one INTO list
    r := l.r;
    if r.id is null then
        outcome := 'not_found';
        return;
    end if;
    select coalesce(jsonb_agg(x), '[]'::jsonb) into v_added
      from jsonb_array_elements(coalesce(p_changes -> 'attendees', '[]')) x
     where x ->> 'id' is null;
    select c.outcome, c.detail, c.reason into outcome, detail, reason
      from samverkan_check_change(r, ev, p_changes, jsonb_array_length(v_added)) c;
    if outcome is not null then
        return;
    end if;
    v_changed := samverkan_apply_edits(r, p_changes);
    if jsonb_array_length(v_added) > 0 then
        v_changed := v_changed + samverkan_add_attendees(
            r.id, r.event_id, v_added, samverkan_seats_for(ev, jsonb_array_length(v_added)),
            (select a.organisation_id from attendees a where a.registration_id = r.id limit 1),
            (select a.organisation_name from attendees a where a.registration_id = r.id limit 1),
            (select a.organisation_area from attendees a where a.registration_id = r.id limit 1));
    end if;
    if v_changed = 0 then
        outcome := 'unchanged';
        return;
    end if;
    perform samverkan_queue_registration_mail(
        r.id, 'changed', 'changed:registration:' || r.id || ':' || txid_current(), p_base_url,
        p_base_url || '/r/' || p_token, '{}', true);
    if lower(coalesce(p_changes #>> '{contact,email}', r.contact_email)) <> lower(r.contact_email) then
        perform samverkan_queue_registration_mail(
            r.id, 'contact_changed', 'contact_changed:registration:' || r.id || ':' || txid_current(),
            p_base_url, null, '{}', true, r.contact_email, r.contact_name);
    end if;
    outcome := 'changed';
end
$$;

-- Cancels a whole registration, by its contact (through the manage link, until the event
-- starts) or by an organiser (until the event ends); freed seats go to the waiting list and
-- the contact is told. Cancelling twice changes nothing.
create or replace function samverkan_cancel_registration(
    p_registration bigint, p_by_organiser boolean, p_base_url text,
    out outcome registration_outcome, out reason registration_window, out freed integer)
language plpgsql as $$
declare
    l record;
    ev events%rowtype;
    r registrations%rowtype;
    v_waiting integer;
begin
    freed := 0;
    select * into l from samverkan_lock_registration(p_registration);
    ev := l.ev;  -- a record first: composite values cannot share one INTO list
    r := l.r;
    reason := l.reason;
    if r.id is null then
        outcome := 'not_found';
        return;
    end if;
    if r.cancelled_at is not null then
        outcome := 'unchanged';
        return;
    end if;
    if (not p_by_organiser and ev.starts_at <= now()) or (p_by_organiser and ev.ends_at <= now()) then
        outcome := 'registration_closed';
        reason := 'started';
        return;
    end if;
    with old as (
        select id, status from attendees
         where registration_id = r.id and status <> 'cancelled' for update),
    changed as (
        update attendees a set status = 'cancelled', updated_at = now() from old
         where a.id = old.id returning old.status as was)
    select count(*) filter (where was = 'confirmed'), count(*) filter (where was = 'waitlisted')
      into freed, v_waiting from changed;
    update events set confirmed_count = confirmed_count - freed,
                      waitlisted_count = waitlisted_count - v_waiting
     where id = ev.id;
    update registrations set cancelled_at = now(), updated_at = now() where id = r.id;
    if freed > 0 then
        perform samverkan_promote_waiting(ev.id, p_base_url);
    end if;
    perform samverkan_queue_registration_mail(
        r.id, 'cancelled', 'cancelled:registration:' || r.id, p_base_url, null,
        jsonb_build_object('by_organiser', p_by_organiser));
    outcome := 'cancelled';
end
$$;

-- Cancels one attendee of a registration through the manage link; a freed seat goes to the
-- waiting list. The last attendee cancels the registration.
create or replace function samverkan_cancel_attendee(
    p_registration bigint, p_attendee bigint, p_token text, p_base_url text,
    out outcome registration_outcome, out reason registration_window)
language plpgsql as $$
declare
    l record;
    ev events%rowtype;
    r registrations%rowtype;
    v_was text;
begin
    select * into l from samverkan_lock_registration(p_registration);
    ev := l.ev;  -- a record first: composite values cannot share one INTO list
    r := l.r;
    reason := l.reason;
    if r.id is null then
        outcome := 'not_found';
        return;
    end if;
    if r.cancelled_at is not null then
        outcome := 'registration_cancelled';
        return;
    end if;
    if reason in ('cancelled', 'started', 'draft') then
        outcome := 'registration_closed';
        return;
    end if;
    select status into v_was from attendees
     where id = p_attendee and registration_id = r.id and status <> 'cancelled' for update;
    if not found then
        outcome := 'unknown_attendee';
        return;
    end if;
    update attendees set status = 'cancelled', updated_at = now() where id = p_attendee;
    update events
       set confirmed_count = confirmed_count - (case when v_was = 'confirmed' then 1 else 0 end),
           waitlisted_count = waitlisted_count - (case when v_was = 'waitlisted' then 1 else 0 end)
     where id = ev.id;
    if v_was = 'confirmed' then
        perform samverkan_promote_waiting(ev.id, p_base_url);
    end if;
    if samverkan_registration_status(r.id) = 'cancelled' then
        update registrations set cancelled_at = now(), updated_at = now() where id = r.id;
        perform samverkan_queue_registration_mail(
            r.id, 'cancelled', 'cancelled:registration:' || r.id, p_base_url, null);
        outcome := 'cancelled';
    else
        perform samverkan_queue_registration_mail(
            r.id, 'changed', 'changed:registration:' || r.id || ':' || txid_current(), p_base_url,
            p_base_url || '/r/' || p_token, '{}', true);
        outcome := 'changed';
    end if;
end
$$;

-- Who the cancellation of an event tells: the contact of every active registration, and
-- every active attendee with an own address that is not the contact's. One text for the
-- count the organiser confirms first and for the queueing, so the two cannot disagree.
create or replace function samverkan_event_cancelled_recipients(p_event bigint)
returns table (registration_id bigint, attendee_id bigint) language sql stable as $$
    select r.id, null::bigint from registrations r
     where r.event_id = p_event and r.cancelled_at is null
    union all
    select a.registration_id, a.id from attendees a join registrations r on r.id = a.registration_id
     where a.event_id = p_event and a.status <> 'cancelled' and a.email is not null
       and lower(a.email) <> lower(r.contact_email)
$$;

-- The organiser cancelled the event (events calls this in its transaction, holding the
-- row lock): everyone samverkan_event_cancelled_recipients names is told.
create or replace function samverkan_queue_event_cancelled(p_event bigint, p_base_url text)
returns integer language sql as $$
    with told as materialized (
        select t.registration_id, t.attendee_id from samverkan_event_cancelled_recipients(p_event) t),
    contacts as materialized (
        select samverkan_mail_enqueue(
                   'event_cancelled:registration:' || r.id, 'event_cancelled', r.language,
                   r.contact_email, r.contact_name,
                   jsonb_build_object('event', samverkan_event_payload(e, p_base_url),
                                      'reason', e.cancel_reason, 'registration_id', r.id,
                                      'contact_name', r.contact_name,
                                      'attendees', (select jsonb_agg(jsonb_build_object(
                                                        'id', a.id, 'name', a.name, 'status', a.status)
                                                        order by a.id)
                                                      from attendees a
                                                     where a.registration_id = r.id
                                                       and a.status <> 'cancelled')))
          from told t join registrations r on r.id = t.registration_id
          join events e on e.id = r.event_id
         where t.attendee_id is null),
    attendees_told as materialized (
        select samverkan_mail_enqueue(
                   'event_cancelled:attendee:' || a.id, 'event_cancelled', r.language, a.email,
                   a.name,
                   jsonb_build_object('event', samverkan_event_payload(e, p_base_url),
                                      'reason', e.cancel_reason, 'registration_id', r.id,
                                      'attendee_id', a.id, 'attendee_name', a.name))
          from told t join attendees a on a.id = t.attendee_id
          join registrations r on r.id = a.registration_id
          join events e on e.id = a.event_id)
    select ((select count(*) from contacts) + (select count(*) from attendees_told))::integer
$$;

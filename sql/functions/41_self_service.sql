-- Self-service through the manage link, and the cancellations: the rules for changing a
-- registration after it was made (modules/registrations/README.md). Each change is one
-- call that takes the event row lock first. Repeatable: applied again whenever this text
-- changes.

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
-- it is under the lock. refusal is 'not_found' when there is no such registration, and
-- p_if_cancelled when it is cancelled (NULL: the caller judges that itself).
drop function if exists samverkan_lock_registration(bigint);
create or replace function samverkan_lock_registration(
    p_registration bigint, p_if_cancelled registration_outcome,
    out ev events, out r registrations, out reason registration_window,
    out refusal registration_outcome)
language plpgsql as $$
begin
    select * into ev from events
     where id = (select event_id from registrations where id = p_registration) for update;
    select * into r from registrations where id = p_registration;
    reason := samverkan_registration_window(ev);
    if r.id is null then
        refusal := 'not_found';
    elsif r.cancelled_at is not null then
        refusal := p_if_cancelled;
    end if;
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
    select * into l from samverkan_lock_registration(p_registration, null);
    ev := l.ev; r := l.r;  -- a record first: composite values cannot share one INTO list
    if l.refusal is not null then outcome := l.refusal; return; end if;
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
    select * into l from samverkan_lock_registration(p_registration, 'unchanged');
    ev := l.ev; r := l.r; reason := l.reason;  -- a record first: see samverkan_change_registration
    if l.refusal is not null then outcome := l.refusal; return; end if;
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
    select * into l from samverkan_lock_registration(p_registration, 'registration_cancelled');
    ev := l.ev; r := l.r; reason := l.reason;  -- a record first: see samverkan_change_registration
    if l.refusal is not null then outcome := l.refusal; return; end if;
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

-- Who the cancellation of an event tells: the contact of every active registration (a
-- walk-in has none), and every active attendee with an own address that is not the
-- contact's. One text for the count the organiser confirms first and for the queueing, so
-- the two cannot disagree.
create or replace function samverkan_event_cancelled_recipients(p_event bigint)
returns table (registration_id bigint, attendee_id bigint) language sql stable as $$
    select r.id, null::bigint from registrations r
     where r.event_id = p_event and r.cancelled_at is null and not r.walk_in
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

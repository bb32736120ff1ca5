-- Registrations: extra manage links, indexes for the staff views and the organisation cap,
-- and the registration itself as one server-side function.
--
-- Why a function: a registration must lock the event row, then check duplicates and the
-- organisation cap with a snapshot taken after the lock, decide the seats, insert and count.
-- As one call this is one round trip in autocommit, so the event row lock is held only for
-- the function's own work and the commit, never across network round trips (DESIGN.md,
-- "keep the locked section short"). Each statement of a PL/pgSQL function takes a fresh
-- snapshot under READ COMMITTED, so everything read after the lock sees every registration
-- committed before it.

-- Manage links besides the first (registrations.manage_token_hash): a registration attempt
-- with the contact e-mail of an active registration mails that contact a new, additional
-- link, since only hashes are stored and the first link cannot be sent again.
create table registration_tokens (
    token_hash      bytea primary key,
    registration_id bigint not null references registrations(id) on delete cascade,
    created_at      timestamptz not null default now()
);
create index registration_tokens_registration on registration_tokens (registration_id);

create index registrations_event on registrations (event_id, id);
create index registrations_event_organisation on registrations (event_id, organisation_id);
create index registrations_event_organisation_name on registrations (event_id, lower(organisation_name));

-- RFC 3339 with the Europe/Stockholm offset, as the API and the mail payloads show times.
create function samverkan_rfc3339(t timestamptz) returns text
    language sql stable set timezone = 'Europe/Stockholm'
    as $$ select to_char(t, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM') $$;

-- What every mail about an event needs to show it (modules/registrations/OUTBOX.md).
create function samverkan_event_payload(e events, base_url text) returns jsonb
    language sql stable
    as $$
    select jsonb_build_object(
        'id', e.id, 'kind', e.kind, 'title', e.title, 'theme', e.theme,
        'starts_at', samverkan_rfc3339(e.starts_at), 'ends_at', samverkan_rfc3339(e.ends_at),
        'venue', e.venue, 'address', e.address, 'food', e.food,
        'url', base_url || '/events/' || e.id)
    $$;

-- One registration. p_input is the validated request (modules/registrations validates it):
-- {"organisation": {"name", "org_number"} | null, "contact": {"name", "email", "phone"},
--  "attendees": [{"name", "email", "affiliation", "dietary": [..], "dietary_other",
--  "accessibility"}], "language", "invitation"}; empty texts arrive as null.
-- p_lock false replaces the row lock with a plain read: only the concurrency tests' negative
-- control does that, to show the race the lock prevents.
-- outcome: created | replayed | rate_limited | not_found | registration_closed | event_full
--          | duplicate_registration | organisation_limit; `detail` says more for the errors.
create function samverkan_register(
    p_event_id bigint, p_input jsonb, p_token text, p_base_url text, p_idempotency_key text,
    p_rate_key text, p_rate_limit integer, p_lock boolean,
    out outcome text, out body text, out detail integer)
language plpgsql as $$
declare
    ev events%rowtype;
    v_window timestamptz;
    v_hits integer;
    v_registration bigint;
    v_organisation bigint;
    v_org_name text := p_input #>> '{organisation,name}';
    v_org_number text := p_input #>> '{organisation,org_number}';
    v_email text := p_input #>> '{contact,email}';
    v_count integer := jsonb_array_length(p_input -> 'attendees');
    v_taken integer;
    v_seats integer;
    v_attendees jsonb;
    v_status text;
    v_manage_url text := p_base_url || '/r/' || p_token;
begin
    detail := 0;
    if p_rate_key is not null and p_rate_limit > 0 then
        v_window := date_trunc('minute', now());
        insert into rate_limits as r (key, window_start, hits) values (p_rate_key, v_window, 1)
            on conflict (key, window_start) do update set hits = r.hits + 1
            returning hits into v_hits;
        if v_hits = 1 then
            delete from rate_limits where key = p_rate_key and window_start < v_window;
        elsif v_hits > p_rate_limit then
            outcome := 'rate_limited';
            detail := greatest(1, ceil(extract(epoch from v_window + interval '1 minute' - now())))::integer;
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
        select k.response_body into body from idempotency_keys k
         where k.event_id = p_event_id and k.key = p_idempotency_key
           and k.created_at > now() - interval '24 hours';
        if found then
            outcome := 'replayed';
            return;
        end if;
    end if;

    -- detail: 1 cancelled, 2 started or past, 3 not open yet, 4 deadline passed
    detail := case when ev.status = 'cancelled' then 1
                   when ev.starts_at <= now() then 2
                   when ev.registration_opens_at > now() then 3
                   when ev.registration_closes_at < now() then 4
                   else 0 end;
    if detail <> 0 then
        outcome := 'registration_closed';
        return;
    end if;

    select r.id into v_registration from registrations r
     where r.event_id = p_event_id and lower(r.contact_email) = lower(v_email)
       and r.cancelled_at is null;
    if found then
        -- At most one such mail per registration and hour, so the form cannot flood a mailbox.
        insert into outbox (idempotency_key, template, language, recipient_email, recipient_name, payload)
        select 'manage_link:registration:' || r.id || ':' || floor(extract(epoch from now()) / 3600)::bigint,
               'manage_link', r.language, r.contact_email, r.contact_name,
               jsonb_build_object('event', samverkan_event_payload(ev, p_base_url),
                                  'registration_id', r.id, 'contact_name', r.contact_name,
                                  'manage_url', v_manage_url)
          from registrations r where r.id = v_registration
        on conflict (idempotency_key) do nothing;
        if found then
            insert into registration_tokens (token_hash, registration_id)
            values (sha256(convert_to(p_token, 'UTF8')), v_registration);
        end if;
        outcome := 'duplicate_registration';
        return;
    end if;

    if v_org_number is not null then
        select o.id into v_organisation from organisations o where o.org_number = v_org_number;
    end if;
    if v_organisation is null and v_org_name is not null then
        select o.id into v_organisation from organisations o where lower(o.name) = lower(v_org_name);
    end if;

    if ev.max_per_organisation is not null and (v_organisation is not null or v_org_name is not null) then
        select count(*) into v_taken
          from registrations r join attendees a on a.registration_id = r.id
         where r.event_id = p_event_id and a.status in ('confirmed', 'waitlisted')
           and (case when v_organisation is not null then r.organisation_id = v_organisation
                     else r.organisation_id is null and lower(r.organisation_name) = lower(v_org_name) end);
        if v_taken + v_count > ev.max_per_organisation then
            outcome := 'organisation_limit';
            detail := greatest(ev.max_per_organisation - v_taken, 0);
            return;
        end if;
    end if;

    -- Seats go to the attendees in order; the rest wait (no waiting list: all or nothing).
    v_seats := least(v_count, greatest(ev.capacity - ev.confirmed_count, 0));
    if v_seats < v_count and not ev.waitlist then
        outcome := 'event_full';
        detail := v_seats;
        return;
    end if;

    insert into registrations (event_id, organisation_id, organisation_name, org_number,
                               contact_name, contact_email, contact_phone, language,
                               manage_token_hash, invitation_id, consent_at)
    values (p_event_id, v_organisation, v_org_name, v_org_number,
            p_input #>> '{contact,name}', v_email, p_input #>> '{contact,phone}',
            coalesce(p_input ->> 'language', 'sv'), sha256(convert_to(p_token, 'UTF8')),
            (select i.id from invitations i
              where i.token_hash = sha256(convert_to(p_input ->> 'invitation', 'UTF8'))
                and i.event_id = p_event_id),
            now())
    returning id into v_registration;

    -- queued_at is taken after the lock, so (queued_at, id) is the order of arrival.
    with inserted as (
        insert into attendees (registration_id, event_id, name, email, affiliation, dietary,
                               dietary_other, accessibility, status, queued_at)
        select v_registration, p_event_id, a ->> 'name', a ->> 'email',
               coalesce(a ->> 'affiliation', 'civil_society'),
               array(select jsonb_array_elements_text(coalesce(a -> 'dietary', '[]'))),
               a ->> 'dietary_other', a ->> 'accessibility',
               case when t.ord <= v_seats then 'confirmed' else 'waitlisted' end,
               clock_timestamp()
          from jsonb_array_elements(p_input -> 'attendees') with ordinality as t(a, ord)
         order by t.ord
        returning id, name, status)
    select jsonb_agg(jsonb_build_object('id', id, 'name', name, 'status', status) order by id)
      into v_attendees from inserted;

    update events set confirmed_count = confirmed_count + v_seats,
                      waitlisted_count = waitlisted_count + (v_count - v_seats)
     where id = p_event_id;

    v_status := case when v_seats = v_count then 'confirmed'
                     when v_seats = 0 then 'waitlisted'
                     else 'partially_waitlisted' end;
    body := jsonb_build_object('id', v_registration, 'event_id', p_event_id, 'status', v_status,
                               'attendees', v_attendees, 'manage_url', v_manage_url)::text;

    insert into outbox (idempotency_key, template, language, recipient_email, recipient_name, payload)
    values ((case when v_seats = 0 then 'waitlisted' else 'confirmation' end)
                || ':registration:' || v_registration,
            case when v_seats = 0 then 'waitlisted' else 'confirmation' end,
            coalesce(p_input ->> 'language', 'sv'), v_email, p_input #>> '{contact,name}',
            jsonb_build_object('event', samverkan_event_payload(ev, p_base_url),
                               'registration_id', v_registration,
                               'contact_name', p_input #>> '{contact,name}',
                               'organisation_name', v_org_name,
                               'status', v_status, 'attendees', v_attendees,
                               'manage_url', v_manage_url));

    if p_idempotency_key is not null then
        insert into idempotency_keys (event_id, key, response_status, response_body)
        values (p_event_id, p_idempotency_key, 201, body)
        on conflict (event_id, key) do update
            set response_status = excluded.response_status,
                response_body = excluded.response_body, created_at = now();
    end if;
    outcome := 'created';
end
$$;

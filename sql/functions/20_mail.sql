-- The mail module's doors. Only these functions (and modules/mail's own repository) write
-- the outbox: every other module queues its mail by calling samverkan_mail_enqueue inside
-- its own transaction, so a change is never committed without its mail, and reads delivery
-- states through samverkan_mail_delivery. Repeatable: applied again when this text changes.

-- The payload each template needs besides the common ones: one place that says what a
-- template takes, checked at the door (modules/registrations/OUTBOX.md describes them).
-- NULL for a template that does not exist. A seat's mail (confirmation, promoted) carries the
-- registration's door_code: the mail module draws its QR code (the door link) when sending.
create or replace function samverkan_mail_payload_keys(p_template text) returns text[]
    language sql immutable as $$
    select case p_template
        when 'confirmation' then array['event', 'registration_id', 'contact_name', 'status', 'attendees', 'door_code']
        when 'waitlisted' then array['event', 'registration_id', 'contact_name', 'status', 'attendees']
        when 'promoted' then array['event', 'registration_id', 'contact_name', 'attendee_id', 'attendee_name', 'door_code']
        when 'changed' then array['event', 'registration_id', 'contact_name', 'attendees']
        when 'contact_changed' then array['event', 'registration_id', 'contact_name']
        when 'cancelled' then array['event', 'registration_id', 'contact_name', 'attendees']
        when 'event_cancelled' then array['event', 'registration_id']
        when 'manage_link' then array['event', 'registration_id', 'contact_name', 'manage_url']
        when 'invitation' then array['event', 'invitation_id', 'invitation_url', 'unsubscribe_url']
        when 'reminder' then array['event', 'registration_id', 'attendees']
        when 'message' then array['event', 'message_id', 'registration_id', 'subject', 'body']
    end
    $$;

-- Personal links are bearer secrets: kept in a payload only until the message is sent or
-- has failed (a failed message queued again goes without them).
create or replace function samverkan_mail_scrubbed(p_payload jsonb) returns jsonb
    language sql immutable as $$
    select case when p_payload ?| array['manage_url', 'invitation_url', 'unsubscribe_url']
                then (p_payload - array['manage_url', 'invitation_url', 'unsubscribe_url'])
                     || jsonb_build_object('links_removed', true,
                                           'manage_url_removed', p_payload ? 'manage_url')
                else p_payload end
    $$;

-- The one way into the outbox. Checks what could reach a mail header or the envelope (an
-- address of one local@domain.tld with nothing a header could split on, a name without
-- control characters) and the payload's shape for its template; raises check_violation
-- (SQLSTATE 23514) otherwise, so the caller's whole transaction fails rather than send
-- something unchecked. Returns the row's id, or NULL when the idempotency key exists (one
-- cause, one mail) or the address is an anonymised placeholder.
-- Coalescing (p_coalesce_key): a change that can repeat brings a pending, unclaimed message
-- of the same key up to date instead of queueing another, and at most p_per_hour leave an
-- hour; the next waits for the hour to pass, taking in every change meanwhile.
create or replace function samverkan_mail_enqueue(
    p_key text, p_template text, p_language text, p_email text, p_name text, p_payload jsonb,
    p_not_before timestamptz default null, p_coalesce_key text default null,
    p_per_hour integer default null)
returns bigint language plpgsql as $$
declare
    v_keys text[] := samverkan_mail_payload_keys(p_template);
    v_id bigint;
    v_recent integer;
    v_due timestamptz := greatest(now(), coalesce(p_not_before, now()));
begin
    if v_keys is null then
        raise exception using errcode = 'check_violation',
            message = 'mail enqueue: unknown template ' || coalesce(quote_literal(p_template), 'NULL');
    end if;
    if p_language is null or p_language not in ('sv', 'en') then
        raise exception using errcode = 'check_violation', message = 'mail enqueue: language must be sv or en';
    end if;
    if p_email is null or length(p_email) > 254
       or p_email !~ '^[^@[:space:][:cntrl:]<>,;"()\[\]\\]+@[^@[:space:][:cntrl:]<>,;"()\[\]\\.]+(\.[^@[:space:][:cntrl:]<>,;"()\[\]\\.]+)+$' then
        raise exception using errcode = 'check_violation', message = 'mail enqueue: invalid recipient address';
    end if;
    if p_name ~ '[[:cntrl:]]' or length(p_name) > 200 then
        raise exception using errcode = 'check_violation', message = 'mail enqueue: recipient name has control characters or is too long';
    end if;
    if p_key is null or p_key = '' or p_key ~ '[[:cntrl:]]' then
        raise exception using errcode = 'check_violation', message = 'mail enqueue: idempotency key missing or not clean';
    end if;
    if jsonb_typeof(p_payload) is distinct from 'object' or not (p_payload ?& v_keys) then
        raise exception using errcode = 'check_violation',
            message = 'mail enqueue: payload of ' || p_template || ' needs ' || array_to_string(v_keys, ', ');
    end if;

    -- An anonymised row's placeholder address (samverkan_anonymised_address) is nobody's:
    -- nothing is queued for it, so an erased contact gets no more mail.
    if samverkan_is_anonymised_address(p_email) then
        return null;
    end if;

    if p_coalesce_key is not null then
        -- FOR UPDATE: the sender claims with SKIP LOCKED, so it cannot take the row meanwhile.
        select id into v_id from outbox
         where coalesce_key = p_coalesce_key and status = 'pending'
           and (lease_until is null or lease_until < now())
         order by id desc limit 1 for update;
        if found then
            update outbox set payload = p_payload, recipient_email = p_email,
                              recipient_name = p_name, language = p_language
             where id = v_id;
            return v_id;
        end if;
        if p_per_hour is not null then
            select count(*), min(created_at) + interval '1 hour' into v_recent, v_due
              from (select created_at from outbox
                     where coalesce_key = p_coalesce_key and created_at > now() - interval '1 hour'
                     order by created_at desc limit p_per_hour) recent;
            v_due := case when v_recent >= p_per_hour then greatest(v_due, now())
                          else greatest(now(), coalesce(p_not_before, now())) end;
        end if;
    end if;

    insert into outbox (idempotency_key, template, language, recipient_email, recipient_name,
                        payload, next_attempt_at, coalesce_key)
    values (p_key, p_template, p_language, p_email, p_name, p_payload, v_due, p_coalesce_key)
    on conflict (idempotency_key) do nothing
    returning id into v_id;
    return v_id;
end
$$;

-- Delivery states for other modules (invitations shows its own): by idempotency key.
create or replace function samverkan_mail_delivery(p_keys text[])
returns table (idempotency_key text, status text, last_error text, sent_at timestamptz)
    language sql stable as $$
    select o.idempotency_key, o.status, o.last_error, o.sent_at
      from outbox o where o.idempotency_key = any(p_keys)
    $$;

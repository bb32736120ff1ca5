-- The mail module's privacy doors: what the outbox keeps of a message once it is old or its
-- recipient has been erased, and the messages held about an address. modules/privacy calls
-- them inside its own transactions (retention, subject rights); the registrations module's
-- erasure through the manage link too. Only mail writes the outbox. Repeatable: applied
-- again when this text changes.

-- A message's body once purged: only references stay (which event, registration,
-- invitation, attendee or organiser's message it was about), so its delivery state can still
-- be shown next to what it was about; names, addresses and links are gone.
create or replace function samverkan_mail_purged(p_payload jsonb) returns jsonb
    language sql immutable as $$
    select jsonb_strip_nulls(jsonb_build_object(
        'purged', true,
        'event_id', p_payload #> '{event,id}',
        'registration_id', p_payload -> 'registration_id',
        'invitation_id', p_payload -> 'invitation_id',
        'attendee_id', p_payload -> 'attendee_id',
        'message_id', p_payload -> 'message_id'))
    $$;

-- An SMTP error as kept after purging: servers often quote the recipient's address in it.
create or replace function samverkan_mail_error_without_addresses(p_error text) returns text
    language sql immutable as $$
    select regexp_replace(p_error, '[^[:space:]<>()"'']*@[^[:space:]<>()"'']*', '…', 'g')
    $$;

-- Retention: sent and failed messages older than p_before (by when they were sent or last
-- queued) lose body, recipient and the links in them. Pending mail is never touched.
-- Returns how many were purged now.
create or replace function samverkan_mail_retention(p_before timestamptz) returns integer
language sql as $$
    with purged as (
        update outbox
           set payload = samverkan_mail_purged(payload), recipient_email = '',
               recipient_name = null, last_error = samverkan_mail_error_without_addresses(last_error)
         where status in ('sent', 'failed') and coalesce(sent_at, queued_at) < p_before
           and not (payload ? 'purged' and recipient_email = '')
        returning 1)
    select count(*)::integer from purged
$$;

-- Every message to an address (a subject's access request), without the links (they are
-- bearer secrets even for an admin).
create or replace function samverkan_mail_subject(p_email text) returns jsonb
language sql stable as $$
    select coalesce(jsonb_agg(jsonb_build_object(
               'id', o.id, 'template', o.template, 'language', o.language,
               'recipient_email', o.recipient_email, 'recipient_name', o.recipient_name,
               'status', o.status, 'created_at', samverkan_rfc3339(o.created_at),
               'sent_at', samverkan_rfc3339(o.sent_at),
               'payload', samverkan_mail_scrubbed(o.payload)) order by o.id), '[]'::jsonb)
      from outbox o where lower(o.recipient_email) = lower(p_email)
$$;

-- Erasure. Mail to the address, and mail about the registrations of p_whole (erased as a
-- whole: every recipient's copy), is no longer sent when pending and keeps neither body nor
-- recipient when sent or failed. Sent and failed mail about the registrations of p_named
-- (it names an erased contact or attendee, but went to someone else) loses its body and
-- keeps its recipient. Pending mail to someone else is still sent. Returns the rows changed.
create or replace function samverkan_mail_erase(p_email text, p_whole bigint[], p_named bigint[])
returns integer language sql as $$
    with about as (
        select o.id, o.status,
               lower(o.recipient_email) = lower(p_email)
               or (o.payload ->> 'registration_id')::bigint = any(coalesce(p_whole, '{}')) as whole
          from outbox o
         where lower(o.recipient_email) = lower(p_email)
            or (o.payload ->> 'registration_id')::bigint
               = any(coalesce(p_whole, '{}') || coalesce(p_named, '{}'))),
    dropped as (
        delete from outbox o using about a
         where o.id = a.id and a.whole and a.status = 'pending'
        returning 1),
    purged as (
        update outbox o
           set payload = samverkan_mail_purged(o.payload),
               recipient_email = case when a.whole then '' else o.recipient_email end,
               recipient_name = case when a.whole then null else o.recipient_name end,
               last_error = samverkan_mail_error_without_addresses(o.last_error)
          from about a
         where o.id = a.id and a.status in ('sent', 'failed')
           and not (o.payload ? 'purged' and (not a.whole or o.recipient_email = ''))
        returning 1)
    select ((select count(*) from dropped) + (select count(*) from purged))::integer
$$;

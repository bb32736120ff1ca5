-- The registration rules move to repeatable definitions (sql/functions/40_registrations.sql),
-- which the migrator applies again whenever their text changes; this file makes the room for
-- them: the named outcomes both sides share, and the columns the new rules need.

-- What a registration or a self-service change came to; modules/registrations maps each to
-- its answer (registration_outcome.hpp). Add values only with `alter type … add value`.
create type registration_outcome as enum (
    'created', 'replayed', 'changed', 'unchanged', 'cancelled',
    'rate_limited', 'not_found', 'registration_closed', 'event_full',
    'duplicate_registration', 'organisation_limit', 'idempotency_conflict',
    'registration_cancelled', 'unknown_attendee', 'too_many_attendees');

-- Why an event takes registrations or not, at a moment: the one window rule.
create type registration_window as enum (
    'open', 'draft', 'cancelled', 'started', 'not_open_yet', 'deadline_passed');

-- An Idempotency-Key is bound to the request it came with: the same key with another body
-- is refused (409) and learns nothing of the first answer.
alter table idempotency_keys add column request_hash bytea;

-- Mail that may repeat for one cause (a registration changed again and again) shares a
-- coalescing key: a pending message is brought up to date instead of a new one queued, and
-- only a few an hour leave (modules/mail's door, sql/functions/20_mail.sql).
alter table outbox add column coalesce_key text;
create index outbox_coalesce on outbox (coalesce_key, created_at) where coalesce_key is not null;

-- The previous single-file form of the rules (sql/0003); the new definitions replace it.
drop function samverkan_register(bigint, jsonb, text, text, text, text, integer, boolean);

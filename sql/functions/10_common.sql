-- Shared by every module's SQL: times as the API shows them, an event as mails show it, and
-- the counters behind every per-address and per-token limit. Repeatable: applied again by
-- the migrator whenever this text changes.

-- RFC 3339 with the Europe/Stockholm offset, as the API and the mail payloads show times.
create or replace function samverkan_rfc3339(t timestamptz) returns text
    language sql stable set timezone = 'Europe/Stockholm'
    as $$ select to_char(t, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM') $$;

-- What every mail about an event needs to show it (modules/registrations/OUTBOX.md).
create or replace function samverkan_event_payload(e events, base_url text) returns jsonb
    language sql stable
    as $$
    select jsonb_build_object(
        'id', e.id, 'kind', e.kind, 'title', e.title, 'theme', e.theme,
        'starts_at', samverkan_rfc3339(e.starts_at), 'ends_at', samverkan_rfc3339(e.ends_at),
        'venue', e.venue, 'address', e.address, 'food', e.food,
        'url', base_url || '/events/' || e.id)
    $$;

-- Takes `weight` from the budget of `key` (at most `budget` per minute, shared by every
-- instance). Returns 0 when it fitted, else the seconds until the next minute begins; a
-- refused attempt takes nothing, so whoever waits gets their whole budget back.
create or replace function samverkan_rate_take(p_key text, p_weight integer, p_budget integer)
    returns integer language plpgsql as $$
declare
    v_window timestamptz := date_trunc('minute', now());
    v_hits integer;
begin
    if p_key is null or p_budget <= 0 then
        return 0;
    end if;
    if p_weight <= p_budget then
        insert into rate_limits as r (key, window_start, hits) values (p_key, v_window, p_weight)
            on conflict (key, window_start) do update set hits = r.hits + p_weight
            where r.hits + p_weight <= p_budget
            returning hits into v_hits;
        if v_hits is not null then
            if v_hits = p_weight then
                delete from rate_limits where key = p_key and window_start < v_window;
            end if;
            return 0;
        end if;
    end if;
    return greatest(1, ceil(extract(epoch from v_window + interval '1 minute' - now())))::integer;
end
$$;

-- Where an anonymised row's e-mail address points when its column may not be empty (one
-- active registration per address and event): a unique placeholder in the reserved .invalid
-- domain (RFC 2606), so it can never be a mailbox; mail's door queues nothing for it.
create or replace function samverkan_anonymised_address(p_kind text, p_id bigint) returns text
    language sql immutable as $$ select p_kind || '-' || p_id || '@anonymised.invalid' $$;

create or replace function samverkan_is_anonymised_address(p_email text) returns boolean
    language sql immutable as $$ select coalesce(lower(p_email) like '%@anonymised.invalid', false) $$;

-- Retention of the limits' counters: every budget is per minute, so an hour-old window
-- counts for nothing (the privacy module's retention calls this). Returns how many went.
create or replace function samverkan_rate_retention() returns integer
language sql as $$
    with gone as (delete from rate_limits where window_start < now() - interval '1 hour' returning 1)
    select count(*)::integer from gone
$$;

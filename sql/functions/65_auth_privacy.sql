-- The auth module's privacy door for the retention job (modules/privacy): sessions that can
-- no longer be used, and login attempts older than the throttling reads (the same rule as
-- auth's own clean-up at each login). Staff accounts themselves are kept while they exist.
-- Repeatable.
create or replace function samverkan_auth_retention(
    p_idle_seconds bigint, p_keep_attempts_seconds bigint,
    out sessions integer, out login_attempts integer)
language plpgsql as $$
begin
    with gone as (
        delete from sessions
         where expires_at < now() or last_seen_at < now() - make_interval(secs => p_idle_seconds)
        returning 1)
    select count(*) into sessions from gone;
    with gone as (
        delete from login_attempts where at < now() - make_interval(secs => p_keep_attempts_seconds)
        returning 1)
    select count(*) into login_attempts from gone;
end
$$;

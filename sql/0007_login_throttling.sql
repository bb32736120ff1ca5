-- Login throttling by (account, client address) pair (issue 9): failures from one address
-- no longer refuse the account's owner at another, so each attempt counts the failures of
-- its own pair and looks up that pair's last success. The per-account hourly ceiling and the
-- per-address limit keep using login_attempts_email and login_attempts_address.
create index login_attempts_pair on login_attempts (lower(email), client_address, at);

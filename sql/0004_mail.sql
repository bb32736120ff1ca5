-- Mail, organisations and invitations.

-- When a message was (re)queued: the sender gives up on temporary failures this long after
-- it, and an admin's re-queue starts the clock again (created_at stays the first time).
alter table outbox add column queued_at timestamptz not null default now();
create index outbox_status_id on outbox (status, id desc);

-- Messages an organiser wrote to an event's attendees; each recipient's mail is an outbox
-- row with the key "message:<id>:registration:<registration id>".
create table event_messages (
    id              bigserial primary key,
    event_id        bigint not null references events(id) on delete cascade,
    subject         text not null,
    body            text not null,
    statuses        text[] not null,
    created_by      bigint references users(id) on delete set null,
    recipients      integer not null default 0,
    created_at      timestamptz not null default now()
);
create index event_messages_event on event_messages (event_id, id);

create index invitations_event on invitations (event_id, id);
create index contacts_email on contacts (lower(email));

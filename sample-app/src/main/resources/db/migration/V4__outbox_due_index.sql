-- Due rows in claim order (status, due time, id): the worker reads the next ones from the index without
-- sorting the whole backlog, then locks each one by primary key.
drop index outbox_event_pending;
create index outbox_event_due on outbox_event (status, next_attempt_at, id);

-- pgbench: one registration as the exact statement samverkan sends for
-- POST /api/v1/events/{id}/registrations (register_sql in
-- modules/registrations/registration_repository.cpp), with the JSON the service builds from
-- a validated body and a 43-character token. Event ids :first..:last (-D first=.. -D last=..).
-- A space follows every colon inside the JSON: pgbench would read ":null" as a variable.
\set event random(:first, :last)
\set r1 random(1, 1000000000)
\set r2 random(1, 1000000000)
select outcome, coalesce(body, ''), detail from samverkan_register(:event,
  cast('{"organisation": {"name": null,"org_number": null},"contact": {"name": "Bänk Testsson","email": "p'
       || cast(:r1 as text) || 'n' || cast(:r2 as text) || '@example.test","phone": null},'
       || '"attendees": [{"name": "Bänk Testsson","email": null,"affiliation": "civil_society",'
       || '"dietary": ["vegetarian"],"dietary_other": null,"accessibility": null}],'
       || '"language": "sv","invitation": null}' as jsonb),
  md5(cast(:r1 as text)) || left(md5(cast(:r2 as text)), 11), 'http://127.0.0.1:8080',
  null, null, 0, 1 <> 0);

-- A policy on a table whose row level security is off is valid (a team switching RLS
-- off during an incident keeps its policies); it pulls into a project that builds.
create table notes (id int primary key, owner uuid);
create policy notes_read on notes for select using (true);

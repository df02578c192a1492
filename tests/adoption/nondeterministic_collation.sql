-- A case-insensitive ICU collation that columns and an index use: without it the
-- throwaway database could not create the tables at all.
create collation case_insensitive (provider = icu, locale = 'und-u-ks-level2', deterministic = false);
comment on collation case_insensitive is 'Compares without regard to case.';
create schema app;
create collation app.german (provider = libc, locale = 'C.UTF-8');
create table users (id int primary key, email text collate case_insensitive not null unique, name text collate app.german);
create index users_name_ci on users (name collate case_insensitive);

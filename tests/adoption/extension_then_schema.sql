-- An extension in `public` and a schema of the project's own: `pull` once wrote
-- `extension pg_trgm` and then `schema app`, which reads as one declaration.
create extension pg_trgm;
create schema app;
create table app.docs (id int primary key, title text);
create index docs_title_trgm on app.docs using gin (title gin_trgm_ops);

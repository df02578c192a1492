-- Foreign keys with MATCH FULL and with ON DELETE SET NULL (columns) (PostgreSQL 15:
-- only some of the key's columns are set). Before, pull dropped both clauses without
-- a word; the migrated keys then behaved differently.
-- postgres: 15
create extension if not exists pg_trgm;
create table parent (a int, b int, primary key (a, b), unique (b));
create table child (id int primary key, a int, b int, c int, note text,
  foreign key (a, b) references parent (a, b) match full,
  foreign key (c, b) references parent (a, b) on delete set null (c));
-- An operator class with parameters: the index column's options are its siglen.
create index child_note_trgm on child using gist (note gist_trgm_ops (siglen = 32));

-- A CHECK that only the parent keeps (NO INHERIT): a guard against rows landing in
-- the parent of an inheritance tree; here on a plain table.
create table measurements (id bigint primary key, at date not null,
  constraint measurements_no_rows check (false) no inherit);

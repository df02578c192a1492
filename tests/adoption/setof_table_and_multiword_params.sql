-- `returns setof <table>` uses the table's row type; unnamed parameters of types
-- spelled in several words stay one type each.
create table items (id int primary key, price double precision);
create function all_items() returns setof items language sql stable as $$ select * from items $$;
create function pick(double precision, character varying, timestamp with time zone) returns int
  language sql immutable as $$ select 1 $$;

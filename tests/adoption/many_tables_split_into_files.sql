-- A schema with many tables is pulled into files of at most 100 tables each, which a
-- person can read and build parses in parallel.
-- expect-file: schema/public/tables-001.pgs
-- expect-file: schema/public/tables-003.pgs
do $$
begin
  for i in 1..250 loop
    execute format('create table item_%s (id int primary key, parent_id int references item_%s (id), name text not null)',
                   i, greatest(i - 1, 1));
  end loop;
end $$;
create view newest_items as select id, name from item_250;

select (select array_agg(o order by o) from unnest(reloptions) o) = '{autovacuum_vacuum_scale_factor=0.01,fillfactor=70}'
  from pg_class where relname = 'counts'

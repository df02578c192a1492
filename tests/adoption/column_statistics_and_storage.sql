-- A DBA's per-column tuning: a larger statistics target for a skewed column, and
-- storage EXTERNAL for large text read by substring (no compression).
create table documents (id bigint primary key, tenant_id int not null, body text, meta jsonb);
alter table documents alter column tenant_id set statistics 1000;
alter table documents alter column body set storage external;
alter table documents alter column meta set storage main;

-- Logical replication set up by hand: a publication that lists its tables is the
-- project's (`publication audit_feed with (…)`), and each table says it is in it
-- (`in publication audit_feed`). A publication of all tables and a member with a
-- row filter have no form yet and are reported.
-- postgres: 15
-- expect-left-out: publication of all tables or of a schema everything
-- expect-left-out: table in a publication with a row filter or column list public.orders
create table customers (id bigint primary key, name text);
create table orders (id bigint primary key, customer_id bigint references customers, total numeric);
create publication audit_feed for table customers, orders with (publish = 'insert, update', publish_via_partition_root = true);
comment on publication audit_feed is 'read by the audit service';
create publication empty_for_now;
create publication big_orders for table orders where (total > 1000);
create publication everything for all tables;

-- Materialized views with indexes (a unique one makes REFRESH CONCURRENTLY possible)
-- are common in apps; the indexes are declared next to the view and kept.
create table orders (id int primary key, customer text not null, total numeric not null);
create materialized view order_totals as select customer, sum(total) as total, count(*) as n from orders group by customer;
create unique index order_totals_customer on order_totals (customer);
create index order_totals_big on order_totals (total desc) where total > 100;
comment on index order_totals_big is 'Big spenders first.';

-- Extended statistics: correlated columns, chosen kinds, expressions (one printed as a
-- function call, one as an operator, one a cast), a comment, and statistics on a
-- partition of their own.
create table addresses (id int primary key, city text not null, zip text not null, country text not null);
create statistics addresses_city_zip on city, zip from addresses;
create statistics addresses_kinds (ndistinct, mcv) on city, country from addresses;
create statistics addresses_exprs on (lower(city)), (zip || country), (id::text) from addresses;
create statistics addresses_one_expression on (upper(zip)) from addresses;
comment on statistics addresses_city_zip is 'A zip code implies its city';
create table readings (at date not null, sensor int not null, value int) partition by range (at);
create table readings_2025 partition of readings for values from ('2025-01-01') to ('2026-01-01');
create statistics readings_2025_sensor_value on sensor, value from readings_2025;

-- Documented views (the airlines demo database comments every column of its views
-- and materialized views): each is a `/// doc` + `column name` line before `as`.
create table flights (id int primary key, flight_no char(6) not null, departs timestamptz);
create view flights_v as select id, flight_no, departs, departs::date as day from flights;
comment on view flights_v is 'Flights with what is derived from them';
comment on column flights_v.id is 'Flight ID';
comment on column flights_v.day is 'Departure day
(the local date at the airport)';
create materialized view routes as select flight_no, count(*) as n from flights group by flight_no;
comment on column routes.n is 'Flights on the route';

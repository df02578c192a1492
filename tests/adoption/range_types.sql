-- Range types: PostgreSQL's own constructor functions and multirange types come with
-- them and are never pulled apart; options it would choose are left out, others kept.
create type price_range as range (subtype = integer);
create type ci_span as range (subtype = text, collation = "C", multirange_type_name = ci_spans);
create function time_diff(a time, b time) returns float8 language sql immutable as $$ select extract(epoch from a - b) $$;
create type time_span as range (subtype = time, subtype_diff = time_diff);
comment on type price_range is 'Prices in cents';
create table offers (id int primary key, price price_range, prices price_multirange, names ci_spans, open_hours time_span);

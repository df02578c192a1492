-- PostgreSQL 18: a virtual generated column (18's default kind), a NOT NULL
-- constraint with a name of its own, a NOT ENFORCED CHECK and a temporal key
-- (WITHOUT OVERLAPS). The DSL has none of them yet, so each is reported, never lost
-- silently.
-- postgres: 18
-- expect-left-out: virtual generated column public.line_items.total
-- expect-left-out: NOT NULL constraint with a name of its own public.line_items.line_items_sku_required
-- expect-left-out: NOT ENFORCED constraint public.line_items.line_items_qty_positive
-- expect-left-out: temporal constraint (WITHOUT OVERLAPS / PERIOD) public.bookings.bookings_no_overlap
create table public.line_items (
  id int primary key,
  sku text constraint line_items_sku_required not null,
  qty int not null,
  price numeric not null,
  total numeric generated always as (qty * price) virtual
);
alter table public.line_items add constraint line_items_qty_positive check (qty > 0) not enforced;
create extension if not exists btree_gist;
create table public.bookings (
  room int not null,
  during tstzrange not null,
  constraint bookings_no_overlap unique (room, during without overlaps)
);

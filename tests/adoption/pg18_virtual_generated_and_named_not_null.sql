-- PostgreSQL 18: a virtual generated column (18's default kind) and a NOT NULL
-- constraint with a name of its own. The DSL writes stored generated columns and
-- NOT NULL under PostgreSQL's own name, so both are reported, never lost silently.
-- postgres: 18
-- expect-left-out: virtual generated column public.line_items.total
-- expect-left-out: NOT NULL constraint with a name of its own public.line_items.line_items_sku_required
create table public.line_items (
  id int primary key,
  sku text constraint line_items_sku_required not null,
  qty int not null,
  price numeric not null,
  total numeric generated always as (qty * price) virtual
);

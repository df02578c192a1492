-- A hand-written database for `schemac pull`: what teams have after years of the
-- dashboard and hand-made migrations. Several schemas, partitions, overloads, quoted
-- mixed-case names, reserved words as names, a domain, an enum, a view over a view.
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'pull_reader') THEN CREATE ROLE pull_reader NOLOGIN; END IF;
END $$;
CREATE SCHEMA billing;
CREATE SCHEMA "Analytics";
COMMENT ON SCHEMA billing IS 'Invoices and payments.';

CREATE TYPE billing.invoice_state AS ENUM ('draft', 'open', 'paid', 'void');
CREATE DOMAIN billing.money_amount AS numeric(14, 2) CHECK (VALUE >= 0);
CREATE SEQUENCE billing.invoice_no START WITH 1000 INCREMENT BY 10;

CREATE TABLE public."Customer" (
    "Id" bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    "Name" text NOT NULL,
    "order" integer NOT NULL DEFAULT 0,
    "select" text,
    email text UNIQUE,
    created_at timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE public."Customer" IS 'Customers, named the way an ORM once named them.';
COMMENT ON COLUMN public."Customer"."order" IS 'A reserved word as a column.';

CREATE TABLE billing.invoices (
    id bigint PRIMARY KEY DEFAULT nextval('billing.invoice_no'),
    customer_id bigint NOT NULL REFERENCES public."Customer" ("Id") ON DELETE RESTRICT,
    state billing.invoice_state NOT NULL DEFAULT 'draft',
    total billing.money_amount NOT NULL,
    lines jsonb NOT NULL DEFAULT '[]',
    issued_on date,
    CONSTRAINT issued_when_open CHECK (state = 'draft' OR issued_on IS NOT NULL)
);
CREATE INDEX invoices_open ON billing.invoices (customer_id, issued_on DESC) WHERE state = 'open';
CREATE INDEX invoices_lines ON billing.invoices USING gin (lines jsonb_path_ops);
ALTER TABLE billing.invoices ENABLE ROW LEVEL SECURITY;
CREATE POLICY "Readers see paid invoices" ON billing.invoices FOR SELECT TO pull_reader USING (state = 'paid');
GRANT USAGE ON SCHEMA billing TO pull_reader;
GRANT SELECT ON billing.invoices TO pull_reader;
GRANT SELECT ("Id", "Name") ON public."Customer" TO pull_reader;

CREATE TABLE "Analytics".events (
    at timestamptz NOT NULL,
    kind text NOT NULL,
    "user" bigint,
    payload jsonb
) PARTITION BY RANGE (at);
CREATE TABLE "Analytics".events_2025 PARTITION OF "Analytics".events FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
CREATE TABLE "Analytics".events_rest PARTITION OF "Analytics".events DEFAULT;
CREATE INDEX events_kind ON "Analytics".events (kind, at);

CREATE FUNCTION billing.fmt(amount numeric) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT to_char(amount, 'FM999G999D00') $$;
CREATE FUNCTION billing.fmt(amount numeric, currency text) RETURNS text LANGUAGE sql IMMUTABLE
    AS $$ SELECT billing.fmt(amount) || ' ' || currency $$;
CREATE FUNCTION billing.touch() RETURNS trigger LANGUAGE plpgsql SET search_path = '' AS $$
BEGIN
  NEW.issued_on := coalesce(NEW.issued_on, current_date);
  RETURN NEW;
END
$$;
CREATE TRIGGER "Stamp issue date" BEFORE UPDATE OF state ON billing.invoices
    FOR EACH ROW WHEN (NEW.state = 'open') EXECUTE FUNCTION billing.touch();
GRANT EXECUTE ON FUNCTION billing.fmt(numeric, text) TO pull_reader;

CREATE VIEW billing.open_invoices WITH (security_invoker = true) AS
    SELECT id, customer_id, total FROM billing.invoices WHERE state = 'open';
CREATE VIEW billing.open_totals AS
    SELECT customer_id, sum(total) AS total FROM billing.open_invoices GROUP BY customer_id;
COMMENT ON VIEW billing.open_totals IS 'A view over a view.';

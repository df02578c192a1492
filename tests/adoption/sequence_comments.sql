-- Comments document sequences as well as tables (pg_dump keeps them; so does pull).
create sequence invoice_numbers start with 1000;
comment on sequence invoice_numbers is 'Invoice numbers the tax office has seen; never reuse.';
create table invoices (id int primary key default nextval('invoice_numbers'));

-- Supabase installs extensions in schema `extensions` and puts it on the database's
-- search_path; SQL functions then call extension functions unqualified. The
-- throwaway database the comparison builds must get the same search_path.
create schema extensions;
create extension citext with schema extensions;
create extension pgcrypto with schema extensions;
do $$ begin execute format('alter database %I set search_path = public, extensions', current_database()); end $$;
set search_path = public, extensions;
create function lower_ci(x text) returns extensions.citext language sql as $$ select x::citext $$;
create function token() returns text language sql as $$ select encode(gen_random_bytes(8), 'hex') $$;

-- Supabase's documented way to keep updated_at: the moddatetime extension's trigger
-- function, which the project calls without declaring it.
create schema extensions;
create extension moddatetime with schema extensions;
create table posts (id int primary key, body text, updated_at timestamptz not null default now());
create trigger posts_touch before update on posts for each row
  execute procedure extensions.moddatetime(updated_at);

-- Lessons of a classic sample database: a user-defined aggregate that views call,
-- a full-text column kept by PostgreSQL's own tsvector_update_trigger, a domain, and
-- a set-returning function with OUT parameters.
create domain birth_year as integer constraint birth_year_check check (value between 1900 and 2100);
create function _concat_comma(text, text) returns text language sql immutable as $_$
select case when $2 is null then $1 when $1 is null then $2 else $1 || ', ' || $2 end $_$;
create aggregate concat_comma(text) (sfunc = _concat_comma, stype = text);
create aggregate count_rows(*) (sfunc = int8inc, stype = bigint, initcond = '0', parallel = safe);
create table book (
  book_id serial primary key,
  title varchar(255) not null,
  blurb text,
  author_born birth_year,
  search tsvector not null
);
create trigger book_search before insert or update on book for each row
  execute procedure tsvector_update_trigger('search', 'pg_catalog.english', 'title', 'blurb');
create view book_titles as select concat_comma(title::text) as titles, count_rows(*) as n from book;
create function books_by(p_title text, out p_id integer) returns setof integer language sql as $_$
  select book_id from book where title = $1 $_$;

-- Deferrable keys: a unique position reordered in one transaction, a primary key
-- checked at commit, an exclusion constraint; and Django's deferrable foreign keys.
create extension if not exists btree_gist;
create table lists (id int primary key);
create table slots (id int primary key deferrable initially deferred);
create table items (
  id int primary key,
  list_id int not null references lists (id) deferrable initially deferred,
  position int not null,
  constraint items_position unique (list_id, position) deferrable,
  during tstzrange,
  constraint items_no_overlap exclude using gist (list_id with =, during with &&) deferrable initially deferred
);

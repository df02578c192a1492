-- A foreign key to columns that are unique through a unique index, not a constraint
-- (Rails adds `add_index … unique: true`): the index must exist before the key.
create table p (id int primary key, org int not null);
create unique index p_id_org on p (id, org);
create table c (pid int, org int, foreign key (pid, org) references p (id, org));

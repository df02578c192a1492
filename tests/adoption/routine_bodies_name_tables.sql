-- PL/pgSQL resolves a variable's row type when the function is created, and a SQL
-- body's `insert into t (…)` names the table `t`, not a function `t`.
create table t (id int primary key, v text);
create function a_first() returns int language plpgsql as $$
declare r t; n t.id%type;
begin select * into r from t limit 1; n := r.id; return n; end $$;
create function a_insert(x int) returns void language sql as $$ insert into t (id, v) values (x, 'a') $$;

select (select amount from t where id = 1) = 150.25 and (select count(*) from line) = 1

select (select count(*) from t) = 2

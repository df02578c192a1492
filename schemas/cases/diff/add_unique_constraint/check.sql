select (select count(*) from t) = 3

select (select count(*) from t where email is not null) = 2

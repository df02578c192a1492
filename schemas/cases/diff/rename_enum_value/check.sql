select s = 'in_progress' from t where id = 1

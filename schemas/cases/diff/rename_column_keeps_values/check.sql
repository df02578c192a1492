select email = 'a@example.com' from accounts where id = 1

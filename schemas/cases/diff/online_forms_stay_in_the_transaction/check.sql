select (select count(*) from invoice) = 2 and (select count(*) from events) = 1

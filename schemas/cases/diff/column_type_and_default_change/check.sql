select level = 3 from settings where id = 1

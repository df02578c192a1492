select how = 'happy'::feeling from diary where id = 1

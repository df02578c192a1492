select count(*) = 1 from todos t join notes n on n.task_id = t.id where t.title = 'keep me'

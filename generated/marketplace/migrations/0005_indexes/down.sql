-- schemac migration 0005_indexes (down)
-- Reverts 0005_indexes: returns the database to the schema before it.
-- Hazards: non-transactional

-- schemac:no-transaction
SET lock_timeout = 0;

-- schemac:no-transaction
DROP INDEX CONCURRENTLY IF EXISTS public.virtual_employees_tags_idx;

-- schemac:no-transaction
DROP INDEX CONCURRENTLY IF EXISTS public.virtual_employees_category_idx;

-- schemac:no-transaction
DROP INDEX CONCURRENTLY IF EXISTS public.ve_connections_to_ve_id_idx;

-- schemac:no-transaction
DROP INDEX CONCURRENTLY IF EXISTS public.token_usage_customer_id_created_at_idx;

-- schemac:no-transaction
DROP INDEX CONCURRENTLY IF EXISTS public.tasks_status_idx;

-- schemac:no-transaction
DROP INDEX CONCURRENTLY IF EXISTS public.tasks_customer_id_created_at_idx;

-- schemac:no-transaction
DROP INDEX CONCURRENTLY IF EXISTS public.tasks_assigned_ve_id_idx;

-- schemac:no-transaction
DROP INDEX CONCURRENTLY IF EXISTS public.messages_thread_id_idx;

-- schemac:no-transaction
DROP INDEX CONCURRENTLY IF EXISTS public.messages_customer_id_idx;

-- schemac:no-transaction
DROP INDEX CONCURRENTLY IF EXISTS public.messages_customer_id_created_at_idx;

-- schemac:no-transaction
DROP INDEX CONCURRENTLY IF EXISTS public.customer_ves_ve_id_idx;

-- schemac:no-transaction
DROP INDEX CONCURRENTLY IF EXISTS public.customer_ves_customer_id_idx;

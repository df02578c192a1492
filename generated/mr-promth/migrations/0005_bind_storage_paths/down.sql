-- schemac migration 0005_bind_storage_paths (down)
-- Reverts 0005_bind_storage_paths: returns the database to the schema before it.
-- Hazards: changes-authorization

BEGIN;

ALTER POLICY "Users replace their own avatar" ON storage.objects TO authenticated
    USING (bucket_id = 'avatars' and owner = (select auth.uid()))
    WITH CHECK (bucket_id = 'avatars' and owner = (select auth.uid()));

ALTER POLICY "Users upload their own avatar" ON storage.objects TO authenticated
    WITH CHECK (bucket_id = 'avatars' and owner = (select auth.uid()));

COMMENT ON POLICY "Users upload their own avatar" ON storage.objects IS 'Users upload, replace and delete only their own avatar (stored under their id).';

COMMIT;

-- schemac migration 0003_profile_on_signup (down)
-- Reverts 0003_profile_on_signup: returns the database to the schema before it.
-- Hazards: changes-authorization

BEGIN;

DROP POLICY "Users upload their own avatar" ON storage.objects;

DROP POLICY "Users replace their own avatar" ON storage.objects;

DROP POLICY "Users delete their own avatar" ON storage.objects;

DROP POLICY "Avatars are readable by anyone" ON storage.objects;

DROP TRIGGER on_auth_user_created ON auth.users;

DROP FUNCTION public.handle_new_user();

COMMIT;

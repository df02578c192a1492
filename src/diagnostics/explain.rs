//! What each diagnostic code means, an example that raises it and how to fix it, for
//! `schemac explain CODE`. The examples are the fixtures the test suites prove raise
//! the code (`schemas/cases/`); a security lint's fix is its `lint/ok` fixture. The
//! match is exhaustive, so a new code does not compile without its explanation.

use super::Code;

/// The explanation of one code.
#[derive(Debug, Clone, Copy)]
pub struct Explanation {
    /// What it means and why it matters.
    pub text: &'static str,
    /// Source that raises it (None where it needs a history or a file system).
    pub example: Option<&'static str>,
    /// How to fix it.
    pub fix: &'static str,
    /// Source that does the same thing without raising it, if there is one.
    pub fixed: Option<&'static str>,
}

/// The explanation of `code`.
pub fn explain(code: Code) -> Explanation {
    match code {
        Code::SyntaxItem => Explanation {
            text: "A top-level declaration (table, view, function, enum, …) could not be read. Parsing goes on with the next declaration, so several P001s can come from one file; the code frame points where the parser stopped.",
            example: Some(include_str!("../../schemas/cases/check/err/p001_bad_declaration.pgs")),
            fix: "Check the keyword and brackets at the marked place (`tabel` for `table`, an unclosed `(` or `$$`). Verbatim SQL must close every bracket, quote and comment it opens.",
            fixed: None,
        },
        Code::SyntaxMember => Explanation {
            text: "A member of a table or mixin block (column, index, policy, trigger, grant, …) could not be read. The rest of the block is still checked.",
            example: Some(include_str!("../../schemas/cases/check/err/p002_bad_member.pgs")),
            fix: "Fix the member at the marked place: a column and its options sit on one line, `not null` not `not nul`, `where` not `wher`.",
            fixed: None,
        },
        Code::ReadFile => Explanation {
            text: "A `.pgs` file (or the source directory) could not be read: missing, not readable, or not UTF-8.",
            example: None,
            fix: "Check the `source` path in schemac.toml and the file's permissions; save the file as UTF-8.",
            fixed: None,
        },
        Code::NestingTooDeep => Explanation {
            text: "Brackets, braces or block comments nest deeper than 256 levels. schemac refuses such input before parsing it, so a hostile or generated file cannot exhaust the stack.",
            example: Some(include_str!("../../schemas/cases/check/err/p004_nesting_too_deep.pgs")),
            fix: "Flatten the expression; no real schema nests this deep.",
            fixed: None,
        },
        Code::Duplicate => Explanation {
            text: "Two declarations create the same object. Unqualified names live in `public`, so `users` and `public.users` are the same table.",
            example: Some(include_str!("../../schemas/cases/check/err/c001_duplicate_table.pgs")),
            fix: "Remove one declaration, or rename one (with `renamed from` if a database already has it).",
            fixed: None,
        },
        Code::DuplicateColumn => Explanation {
            text: "A table declares a column twice, possibly through a mixin it uses.",
            example: Some(include_str!("../../schemas/cases/check/err/c002_duplicate_column.pgs")),
            fix: "Keep one declaration of the column; if a mixin brings it, drop it from the table.",
            fixed: None,
        },
        Code::UnknownTable => Explanation {
            text: "A foreign key, `extend table`, index or seed names a table that is neither declared nor `extern table`.",
            example: Some(include_str!("../../schemas/cases/check/err/c003_unknown_fk_table.pgs")),
            fix: "Declare the table, fix the name, or declare a table another tool manages with `extern table schema.name (cols)`.",
            fixed: None,
        },
        Code::UnknownColumn => Explanation {
            text: "An index, constraint, key, seed or policy names a column the table does not have.",
            example: Some(include_str!("../../schemas/cases/check/err/c004_unknown_column.pgs")),
            fix: "Fix the column name or add the column.",
            fixed: None,
        },
        Code::UnknownType => Explanation {
            text: "A column or argument type is neither a PostgreSQL built-in nor declared (enum, domain, composite type, `extern type`). A close built-in name is suggested.",
            example: Some(include_str!("../../schemas/cases/check/err/c005_unknown_type.pgs")),
            fix: "Fix the spelling (`timestamptz`), declare the type, or mark a type an extension provides with `extern type`.",
            fixed: None,
        },
        Code::UnknownFunction => Explanation {
            text: "A trigger or aggregate names a function that is not declared (and is not one of PostgreSQL's trigger functions).",
            example: Some(include_str!("../../schemas/cases/check/err/c006_unknown_trigger_function.pgs")),
            fix: "Declare the function in the project, or declare one another tool manages with `extern function`.",
            fixed: None,
        },
        Code::UnknownRole => Explanation {
            text: "A policy, grant or owner names a role the project does not know. Roles are cluster-wide and never created by a migration.",
            example: Some(include_str!("../../schemas/cases/check/err/c007_unknown_role.pgs")),
            fix: "Add `extern role name` (the supabase preset declares anon, authenticated and service_role).",
            fixed: None,
        },
        Code::UnknownSchema => Explanation {
            text: "An object is placed in a schema the project neither declares nor marks `extern schema`.",
            example: Some(include_str!("../../schemas/cases/check/err/c008_unknown_schema.pgs")),
            fix: "Add `schema billing` (schemac creates it) or `extern schema billing` (it exists already).",
            fixed: None,
        },
        Code::FkArity => Explanation {
            text: "A foreign key lists a different number of columns than the key it references.",
            example: Some(include_str!("../../schemas/cases/check/err/c009_fk_arity.pgs")),
            fix: "List as many referencing columns as referenced ones, in the same order.",
            fixed: None,
        },
        Code::FkTypeMismatch => Explanation {
            text: "A foreign key column's type differs from the referenced column's. Types PostgreSQL cannot compare are an error; comparable ones (integer to bigint) a warning, because the join needs a cast.",
            example: Some(include_str!("../../schemas/cases/check/err/c010_fk_type_mismatch.pgs")),
            fix: "Give both columns the same type.",
            fixed: None,
        },
        Code::FkTargetNotUnique => Explanation {
            text: "A foreign key references columns that are not a primary key or unique constraint (or unique index), which PostgreSQL refuses.",
            example: Some(include_str!("../../schemas/cases/check/err/c011_fk_target_not_unique.pgs")),
            fix: "Reference the primary key, or make the referenced columns `unique`.",
            fixed: None,
        },
        Code::PolicyWithoutRls => Explanation {
            text: "A policy is declared on a table without `rls enabled`: PostgreSQL keeps the policy but never applies it, so the table is open to whoever has privileges on it.",
            example: Some(include_str!("../../schemas/cases/check/warn/c012_policy_without_rls.pgs")),
            fix: "Add `rls enabled` to the table (or remove the policy).",
            fixed: None,
        },
        Code::UnknownMixin => Explanation {
            text: "`use` names a mixin that is not declared. A close name is suggested.",
            example: Some(include_str!("../../schemas/cases/check/err/c013_unknown_mixin.pgs")),
            fix: "Fix the name or declare the mixin.",
            fixed: None,
        },
        Code::MixinArgs => Explanation {
            text: "A `use` passes arguments that do not match the mixin's parameters: missing ones without a default, unknown names, too many.",
            example: Some(include_str!("../../schemas/cases/check/err/c014_mixin_arguments.pgs")),
            fix: "Pass every parameter without a default (`use owned(owner)`), by position or name.",
            fixed: None,
        },
        Code::MultiplePrimaryKeys => Explanation {
            text: "A table declares more than one primary key.",
            example: Some(include_str!("../../schemas/cases/check/err/c015_two_primary_keys.pgs")),
            fix: "Keep one primary key (a composite one is `primary key (a, b)`); make the others `unique`.",
            fixed: None,
        },
        Code::NameTooLong => Explanation {
            text: "An identifier is longer than 63 bytes. PostgreSQL would silently truncate it, and the truncated name would never match the declaration.",
            example: Some(include_str!("../../schemas/cases/check/err/c016_name_too_long.pgs")),
            fix: "Choose a shorter name (or a shorter explicit name for a constraint or index).",
            fixed: None,
        },
        Code::BadTypeModifier => Explanation {
            text: "A type modifier is not valid for the type: `text(20)`, a precision out of range.",
            example: Some(include_str!("../../schemas/cases/check/err/c017_bad_type_modifier.pgs")),
            fix: "Use a type that takes the modifier (`varchar(20)`) or drop it.",
            fixed: None,
        },
        Code::DuplicateMember => Explanation {
            text: "Two indexes, constraints, policies or triggers of a table share a name (index names are unique per schema).",
            example: Some(include_str!("../../schemas/cases/check/err/c018_duplicate_index_name.pgs")),
            fix: "Rename one, or leave the name out and let schemac choose PostgreSQL's default one.",
            fixed: None,
        },
        Code::BadSeed => Explanation {
            text: "Seed rows do not match their column list, or the key is not among the seeded columns.",
            example: Some(include_str!("../../schemas/cases/check/err/c019_bad_seed.pgs")),
            fix: "Give every row one value per listed column; key on seeded columns that are unique.",
            fixed: None,
        },
        Code::MixinCycle => Explanation {
            text: "Mixins use each other in a cycle, so their expansion would never end.",
            example: Some(include_str!("../../schemas/cases/check/err/c020_mixin_cycle.pgs")),
            fix: "Break the cycle: move what both need into a third mixin.",
            fixed: None,
        },
        Code::BadOption => Explanation {
            text: "An option or keyword is not valid where it is written: an unknown view option, `deferrable` on a CHECK, storage parameters on a partitioned table, a statement hidden in a SQL-standard body.",
            example: Some(include_str!("../../schemas/cases/check/err/c021_bad_option.pgs")),
            fix: "Use an option PostgreSQL accepts there; the note lists them.",
            fixed: None,
        },
        Code::TriggerFunction => Explanation {
            text: "A trigger executes a function that does not return `trigger`.",
            example: Some(include_str!("../../schemas/cases/check/err/c022_trigger_function_returns_int.pgs")),
            fix: "Declare the function `returns trigger`.",
            fixed: None,
        },
        Code::ConflictingColumn => Explanation {
            text: "A column combines options PostgreSQL does not allow together: identity with a default, identity on a non-integer type, generated with a default.",
            example: Some(include_str!("../../schemas/cases/check/err/c023_identity_with_default.pgs")),
            fix: "Keep one of the options.",
            fixed: None,
        },
        Code::BadPartition => Explanation {
            text: "A partition is declared on a table that has no `partition by`.",
            example: Some(include_str!("../../schemas/cases/check/err/c024_partition_without_partition_by.pgs")),
            fix: "Add `partition by range|list|hash (…)` to the table.",
            fixed: None,
        },
        Code::ExternConflict => Explanation {
            text: "An object is declared both as `extern` (managed elsewhere) and as managed here.",
            example: Some(include_str!("../../schemas/cases/check/err/c025_extern_and_managed.pgs")),
            fix: "Keep one: `extern` if another tool creates it, the declaration if schemac should.",
            fixed: None,
        },
        Code::BadPrivilege => Explanation {
            text: "A privilege is not valid for the object: `execute` on a table, `select` on a schema.",
            example: Some(include_str!("../../schemas/cases/check/err/c026_bad_privilege.pgs")),
            fix: "Use a privilege of the object's kind; the note lists them.",
            fixed: None,
        },
        Code::BadEnum => Explanation {
            text: "An enum has no values or repeats one; PostgreSQL refuses both.",
            example: Some(include_str!("../../schemas/cases/check/err/c027_duplicate_enum_value.pgs")),
            fix: "List each value once.",
            fixed: None,
        },
        Code::UnknownPlaceholder => Explanation {
            text: "A mixin body uses a `${name}` placeholder that is neither a parameter nor `${table}`.",
            example: Some(include_str!("../../schemas/cases/check/err/c028_unknown_placeholder.pgs")),
            fix: "Use a parameter's name, or add the parameter.",
            fixed: None,
        },
        Code::NothingToRevoke => Explanation {
            text: "A `revoke` takes away a privilege the object would not have (no default privilege or built-in gives it), so it would do nothing.",
            example: Some(include_str!("../../schemas/cases/check/err/c029_nothing_to_revoke.pgs")),
            fix: "Remove the revoke, or revoke what the defaults really give.",
            fixed: None,
        },
        Code::TargetLacksFeature => Explanation {
            text: "The schema uses a feature the oldest PostgreSQL major of the project's target lacks (`postgres` in schemac.toml, default 14): migrate would fail there with a syntax error.",
            example: Some(include_str!("../../schemas/cases/check/versions/pg15_nulls_not_distinct.pgs")),
            fix: "Raise the target (`postgres = \"15\"`) if every database runs that major or newer, or do without the feature.",
            fixed: None,
        },
        Code::UnknownPublication => Explanation {
            text: "A table says `in publication p`, but the project neither declares `publication p` (one it creates, with its `publish` options) nor `extern publication p` (one the platform owns, such as Supabase Realtime's). Tables join and leave publications by their own `in publication` lines.",
            example: Some(include_str!("../../schemas/cases/check/err/c031_unknown_publication.pgs")),
            fix: "Declare `publication p`, or `extern publication p` if the database already has it (the supabase preset declares `supabase_realtime`), or fix the name.",
            fixed: None,
        },
        Code::DependencyCycle => Explanation {
            text: "Objects depend on each other in a cycle (views over each other, functions and the tables whose defaults call them), so no order creates them.",
            example: Some(include_str!("../../schemas/cases/check/err/g001_view_cycle.pgs")),
            fix: "Break the cycle: one of the objects must not need the other when it is created.",
            fixed: None,
        },
        Code::DataLoss => Explanation {
            text: "The next migration would lose data (a dropped table or column, a narrowing or lossy type change) and nothing allowed it.",
            example: None,
            fix: "If the loss is intended, declare it next to the schema (`allow data loss on table t` / `on column t.c`) or pass `build --allow-data-loss`; to keep the data, rename with `renamed from` instead.",
            fixed: None,
        },
        Code::Unsupported => Explanation {
            text: "A change cannot be expressed exactly as a migration yet; schemac refuses rather than write a migration that does something else.",
            example: None,
            fix: "Split the change over two builds, or write the step by hand in a new migration; the message names what is missing.",
            fixed: None,
        },
        Code::EditedMigration => Explanation {
            text: "A committed migration file no longer matches the checksum `build` recorded in manifest.json. Migrations are immutable: `migrate` and `rollback` run none of them.",
            example: None,
            fix: "Restore the file (`git checkout -- generated/`) and make the change in the schema, so that `build` writes a new migration.",
            fixed: None,
        },
        Code::BadState => Explanation {
            text: "generated/<project>/state.json or manifest.json cannot be read.",
            example: None,
            fix: "Restore them from version control; they are written by `build` only.",
            fixed: None,
        },
        Code::DeployRisk => Explanation {
            text: "A step of the new migration fails or blocks on a table that already has rows: NOT NULL without a default, SET NOT NULL, a new unique key, an enum losing values.",
            example: None,
            fix: "Give the column a default, backfill first, or let the online forms (`online = true`) build indexes concurrently and validate apart; the warning names the step.",
            fixed: None,
        },
        Code::LintNoRls => Explanation {
            text: "A table in a schema the API serves has no row level security, so every role granted it reads all its rows.",
            example: Some(include_str!("../../schemas/cases/lint/err/s001_exposed_without_rls.pgs")),
            fix: "Change the schema as the fixed example does; if the finding is intended, say so with a `-- schemac:allow S001` comment next to the object, or set the level in schemac.toml.",
            fixed: Some(include_str!("../../schemas/cases/lint/ok/s001_exposed_without_rls.pgs")),
        },
        Code::LintRlsNoPolicy => Explanation {
            text: "Row level security is on but the table has no policy, so the API roles see nothing (and an app usually works around it unsafely).",
            example: Some(include_str!("../../schemas/cases/lint/err/s002_rls_without_policy.pgs")),
            fix: "Change the schema as the fixed example does; if the finding is intended, say so with a `-- schemac:allow S002` comment next to the object, or set the level in schemac.toml.",
            fixed: Some(include_str!("../../schemas/cases/lint/ok/s002_rls_without_policy.pgs")),
        },
        Code::LintNoWithCheck => Explanation {
            text: "An INSERT, UPDATE or ALL policy has no WITH CHECK, so a user may write rows they could not read.",
            example: Some(include_str!("../../schemas/cases/lint/err/s003_write_without_check.pgs")),
            fix: "Change the schema as the fixed example does; if the finding is intended, say so with a `-- schemac:allow S003` comment next to the object, or set the level in schemac.toml.",
            fixed: Some(include_str!("../../schemas/cases/lint/ok/s003_write_without_check.pgs")),
        },
        Code::LintUsingTrue => Explanation {
            text: "A write policy, or a policy on a tenant's table, is `true`: it lets everyone through.",
            example: Some(include_str!("../../schemas/cases/lint/err/s004_using_true.pgs")),
            fix: "Change the schema as the fixed example does; if the finding is intended, say so with a `-- schemac:allow S004` comment next to the object, or set the level in schemac.toml.",
            fixed: Some(include_str!("../../schemas/cases/lint/ok/s004_using_true.pgs")),
        },
        Code::LintPerRowCall => Explanation {
            text: "A policy calls auth.uid(), auth.jwt() or current_setting() once per row instead of once per query.",
            example: Some(include_str!("../../schemas/cases/lint/err/s005_per_row_identity.pgs")),
            fix: "Change the schema as the fixed example does; if the finding is intended, say so with a `-- schemac:allow S005` comment next to the object, or set the level in schemac.toml.",
            fixed: Some(include_str!("../../schemas/cases/lint/ok/s005_per_row_identity.pgs")),
        },
        Code::LintUnindexedPolicyColumn => Explanation {
            text: "A policy filters by a column that no index leads with, so every query scans the table.",
            example: Some(include_str!("../../schemas/cases/lint/err/s006_unindexed_policy_column.pgs")),
            fix: "Change the schema as the fixed example does; if the finding is intended, say so with a `-- schemac:allow S006` comment next to the object, or set the level in schemac.toml.",
            fixed: Some(include_str!("../../schemas/cases/lint/ok/s006_unindexed_policy_column.pgs")),
        },
        Code::LintDefinerSearchPath => Explanation {
            text: "A SECURITY DEFINER function has no fixed search_path, so a caller can shadow the objects it uses.",
            example: Some(include_str!("../../schemas/cases/lint/err/s007_definer_search_path.pgs")),
            fix: "Change the schema as the fixed example does; if the finding is intended, say so with a `-- schemac:allow S007` comment next to the object, or set the level in schemac.toml.",
            fixed: Some(include_str!("../../schemas/cases/lint/ok/s007_definer_search_path.pgs")),
        },
        Code::LintViewBypassesRls => Explanation {
            text: "A view reads a table with row level security without security_invoker, so it shows every tenant's rows.",
            example: Some(include_str!("../../schemas/cases/lint/err/s008_view_bypasses_rls.pgs")),
            fix: "Change the schema as the fixed example does; if the finding is intended, say so with a `-- schemac:allow S008` comment next to the object, or set the level in schemac.toml.",
            fixed: Some(include_str!("../../schemas/cases/lint/ok/s008_view_bypasses_rls.pgs")),
        },
        Code::LintUserMetadata => Explanation {
            text: "A policy trusts user_metadata, which users can edit themselves.",
            example: Some(include_str!("../../schemas/cases/lint/err/s009_user_metadata.pgs")),
            fix: "Change the schema as the fixed example does; if the finding is intended, say so with a `-- schemac:allow S009` comment next to the object, or set the level in schemac.toml.",
            fixed: Some(include_str!("../../schemas/cases/lint/ok/s009_user_metadata.pgs")),
        },
        Code::LintAnonTenantGrant => Explanation {
            text: "The anon role is granted a tenant's table.",
            example: Some(include_str!("../../schemas/cases/lint/err/s010_anon_tenant_grant.pgs")),
            fix: "Change the schema as the fixed example does; if the finding is intended, say so with a `-- schemac:allow S010` comment next to the object, or set the level in schemac.toml.",
            fixed: Some(include_str!("../../schemas/cases/lint/ok/s010_anon_tenant_grant.pgs")),
        },
        Code::LintPolicyRecursion => Explanation {
            text: "Policies read each other's tables, which PostgreSQL answers with infinite recursion (42P17).",
            example: Some(include_str!("../../schemas/cases/lint/err/s011_policy_recursion.pgs")),
            fix: "Change the schema as the fixed example does; if the finding is intended, say so with a `-- schemac:allow S011` comment next to the object, or set the level in schemac.toml.",
            fixed: Some(include_str!("../../schemas/cases/lint/ok/s011_policy_recursion.pgs")),
        },
        Code::LintDefinerCallable => Explanation {
            text: "A SECURITY DEFINER function in an exposed schema is executable by anon or authenticated: it runs with its owner's rights for anyone.",
            example: Some(include_str!("../../schemas/cases/lint/err/s012_definer_callable.pgs")),
            fix: "Change the schema as the fixed example does; if the finding is intended, say so with a `-- schemac:allow S012` comment next to the object, or set the level in schemac.toml.",
            fixed: Some(include_str!("../../schemas/cases/lint/ok/s012_definer_callable.pgs")),
        },
        Code::LintParentNotOwned => Explanation {
            text: "A write policy checks a row's owner but not the owner of the parent row it references, so users attach rows to other tenants' parents.",
            example: Some(include_str!("../../schemas/cases/lint/err/s013_parent_not_owned.pgs")),
            fix: "Change the schema as the fixed example does; if the finding is intended, say so with a `-- schemac:allow S013` comment next to the object, or set the level in schemac.toml.",
            fixed: Some(include_str!("../../schemas/cases/lint/ok/s013_parent_not_owned.pgs")),
        },
        Code::LintTableWideUpdate => Explanation {
            text: "An API role may UPDATE every column of its own row, including columns that decide privileges or billing.",
            example: Some(include_str!("../../schemas/cases/lint/err/s014_table_wide_update.pgs")),
            fix: "Change the schema as the fixed example does; if the finding is intended, say so with a `-- schemac:allow S014` comment next to the object, or set the level in schemac.toml.",
            fixed: Some(include_str!("../../schemas/cases/lint/ok/s014_table_wide_update.pgs")),
        },
        Code::LintViewExposesAuth => Explanation {
            text: "A view in an exposed schema reads the auth schema's tables with its owner's rights.",
            example: Some(include_str!("../../schemas/cases/lint/err/s015_view_exposes_auth.pgs")),
            fix: "Change the schema as the fixed example does; if the finding is intended, say so with a `-- schemac:allow S015` comment next to the object, or set the level in schemac.toml.",
            fixed: Some(include_str!("../../schemas/cases/lint/ok/s015_view_exposes_auth.pgs")),
        },
        Code::LintSignedInIsEnough => Explanation {
            text: "A policy on a tenant's table is true for every signed-in user, or admits requests without identity.",
            example: Some(include_str!("../../schemas/cases/lint/err/s016_signed_in_is_enough.pgs")),
            fix: "Change the schema as the fixed example does; if the finding is intended, say so with a `-- schemac:allow S016` comment next to the object, or set the level in schemac.toml.",
            fixed: Some(include_str!("../../schemas/cases/lint/ok/s016_signed_in_is_enough.pgs")),
        },
        Code::LintInsertWithoutDefault => Explanation {
            text: "A role granted a table privilege cannot use a sequence or function the table's defaults, checks, generated columns or policies call, so its writes fail.",
            example: Some(include_str!("../../schemas/cases/lint/err/s017_insert_without_default.pgs")),
            fix: "Change the schema as the fixed example does; if the finding is intended, say so with a `-- schemac:allow S017` comment next to the object, or set the level in schemac.toml.",
            fixed: Some(include_str!("../../schemas/cases/lint/ok/s017_insert_without_default.pgs")),
        },
        Code::LintExtensionExposed => Explanation {
            text: "An extension is installed in a schema the API serves, which exposes its functions.",
            example: Some(include_str!("../../schemas/cases/lint/err/s018_extension_exposed.pgs")),
            fix: "Change the schema as the fixed example does; if the finding is intended, say so with a `-- schemac:allow S018` comment next to the object, or set the level in schemac.toml.",
            fixed: Some(include_str!("../../schemas/cases/lint/ok/s018_extension_exposed.pgs")),
        },
        Code::LintStoragePathUnbound => Explanation {
            text: "A storage policy lets users write objects without tying the path to them.",
            example: Some(include_str!("../../schemas/cases/lint/err/s019_storage_path_unbound.pgs")),
            fix: "Change the schema as the fixed example does; if the finding is intended, say so with a `-- schemac:allow S019` comment next to the object, or set the level in schemac.toml.",
            fixed: Some(include_str!("../../schemas/cases/lint/ok/s019_storage_path_unbound.pgs")),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_is_explained_with_a_fix() {
        for c in Code::ALL {
            let e = explain(*c);
            assert!(e.text.len() > 40 && !e.fix.is_empty(), "{}", c.as_str());
            if let Some(example) = e.example {
                assert!(example
                    .lines()
                    .any(|l| !l.starts_with("--") && !l.trim().is_empty()));
            }
        }
    }
}

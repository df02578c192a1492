//! Live: `schemac test` on the example projects. Every seed project with RLS proves its
//! tenant isolation on a real server, and a deliberately broken copy of a policy makes
//! exactly the tests that guard it fail, so the runner is shown to be able to fail.

mod common;

use common::pg::server_url;
use common::root;
use std::path::Path;
use std::process::Command;

fn schemac_test(dir: &Path, project: &str, url: &str) -> (i32, serde_json::Value) {
    let out = Command::new(env!("CARGO_BIN_EXE_schemac"))
        .args(["-C"])
        .arg(dir)
        .args([
            "--format",
            "json",
            "test",
            "--project",
            project,
            "--dev-url",
            url,
        ])
        .output()
        .expect("run schemac test");
    let json = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "schemac test printed no JSON ({e}): {}",
            String::from_utf8_lossy(&out.stderr)
        )
    });
    (out.status.code().unwrap_or(-1), json)
}

#[test]
fn seed_projects_pass_their_policy_tests() {
    let Some(url) = server_url() else { return };
    // Every seed project, with how many tests each declares.
    for (project, count) in [
        ("agent-platform", 12),
        ("agentic-ai", 13),
        ("marketplace", 9),
        ("mr-promth", 14),
        ("aic-sos", 10),
    ] {
        let (_, p) = common::example(project);
        if !common::pg::targets_server(&url, project, p.target) {
            continue;
        }
        let (code, json) = schemac_test(&root(), project, &url);
        let report = &json["projects"][0];
        assert_eq!(report["project"], project);
        let failures: Vec<String> = report["tests"]
            .as_array()
            .expect("tests")
            .iter()
            .flat_map(|t| {
                t["steps"]
                    .as_array()
                    .expect("steps")
                    .iter()
                    .map(move |s| (t, s))
            })
            .filter(|(_, s)| s["passed"] == false)
            .map(|(t, s)| format!("{}: {} ({})", t["name"], s["label"], s["failure"]))
            .collect();
        assert!(failures.is_empty(), "{project}: {failures:#?}");
        assert_eq!(
            report["passed"], count,
            "{project}: every declared test ran"
        );
        assert_eq!(code, 0, "{project}: exit code");
        // Every isolation battery checked its eight properties (a `read only` one
        // also that tenant A is refused, then inserts A's row for it).
        for t in report["tests"].as_array().expect("tests") {
            if t["name"].as_str().is_some_and(|n| n.ends_with("_isolated")) {
                let steps = t["steps"].as_array().expect("steps");
                let read_only = steps.iter().any(|s| {
                    s["label"]
                        .as_str()
                        .is_some_and(|l| l.ends_with("(read only)"))
                });
                let expected = if read_only { 9 } else { 8 };
                assert_eq!(steps.len(), expected, "{}", t["name"]);
            }
        }
    }
}

#[test]
fn a_broken_policy_fails_the_tests_that_guard_it() {
    let Some(url) = server_url() else { return };
    let dir = std::env::temp_dir().join(format!("schemac-broken-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("src")).expect("mkdir");
    for entry in std::fs::read_dir(root().join("schemas/marketplace")).expect("read") {
        let path = entry.expect("entry").path();
        let text = std::fs::read_to_string(&path).expect("read source");
        // The insert policy's WITH CHECK is reduced to `true` (and `check parents`, which
        // would still refuse a row under another customer, goes), and the select
        // policy's USING is widened. (Deleting the WITH CHECK of an INSERT policy
        // outright is not a hole: PostgreSQL 15 then rejects every new row.)
        let broken = text
            .replace("  check parents\n", "")
            .replace(
                "policy ${table}_insert_own for insert to authenticated\n    with check (${col} = (select auth.uid()))",
                "policy ${table}_insert_own for insert to authenticated\n    with check (true)",
            )
            .replace(
                "policy ${table}_select_own for select to authenticated\n    using (${col} = (select auth.uid()))",
                "policy ${table}_select_own for select to authenticated\n    using (true)",
            );
        let name = path.file_name().expect("name");
        std::fs::write(dir.join("src").join(name), broken).expect("write");
    }
    let common = std::fs::read_to_string(dir.join("src/common.pgs")).expect("common");
    assert!(
        common.contains("using (true)") && common.contains("with check (true)"),
        "the mutation must apply to the policies"
    );
    std::fs::write(
        dir.join("schemac.toml"),
        "[[project]]\nname = \"broken\"\nsource = \"src\"\noutput = \"out\"\npreset = \"supabase\"\n",
    )
    .expect("config");
    let (code, json) = schemac_test(&dir, "broken", &url);
    assert_eq!(code, 1, "failed policy tests exit 1: {json:#}");
    let tasks = json["projects"][0]["tests"]
        .as_array()
        .expect("tests")
        .iter()
        .find(|t| t["name"] == "tasks_isolated")
        .expect("tasks_isolated ran")
        .clone();
    assert_eq!(tasks["passed"], false);
    let failed: Vec<&str> = tasks["steps"]
        .as_array()
        .expect("steps")
        .iter()
        .filter(|s| s["passed"] == false)
        .map(|s| s["label"].as_str().expect("label"))
        .collect();
    assert_eq!(
        failed,
        [
            "tenant B cannot read tenant A's rows of public.tasks",
            "tenant B cannot insert a row of public.tasks owned by tenant A",
        ],
        "exactly the two broken properties fail"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// Runs a fixture under `schemas/cases/` with extra `test` blocks as its own project;
/// exit code and report.
fn fixture_with_tests(fixture: &str, tests: &str, url: &str) -> (i32, serde_json::Value) {
    fixture_with_config(fixture, tests, "", url)
}

/// [`fixture_with_tests`], with extra `[[project]]` keys (`config`).
fn fixture_with_config(
    fixture: &str,
    tests: &str,
    config: &str,
    url: &str,
) -> (i32, serde_json::Value) {
    let tag = fixture.replace('/', "_");
    let dir = std::env::temp_dir().join(format!("schemac-lintproof-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("src")).expect("mkdir");
    let source = root().join("schemas/cases").join(fixture);
    std::fs::copy(&source, dir.join("src/schema.pgs")).expect("copy fixture");
    std::fs::write(dir.join("src/tests.pgs"), tests).expect("tests");
    std::fs::write(
        dir.join("schemac.toml"),
        format!("[[project]]\nname = \"proof\"\nsource = \"src\"\noutput = \"out\"\npreset = \"supabase\"\n{config}"),
    )
    .expect("config");
    let result = schemac_test(&dir, "proof", url);
    let _ = std::fs::remove_dir_all(&dir);
    result
}

/// What S011 and S008 warn about is what PostgreSQL does: the flagged schema fails or
/// leaks on a real server, and the fixed one does not.
#[test]
fn the_lints_describe_what_the_server_does() {
    let Some(url) = server_url() else { return };
    let user = r#"as authenticated claims '{"sub": "00000000-0000-4000-a000-00000000000a", "role": "authenticated"}'"#;
    let recursion = format!(
        "test recursion {{\n  {user}\n  expect error 42P17 $$ select * from teams $$\n}}\n"
    );
    let (code, json) = fixture_with_tests("lint/err/s011_policy_recursion.pgs", &recursion, &url);
    assert_eq!(code, 0, "S011's schema recurses: {json:#}");
    let fixed =
        format!("test no_recursion {{\n  {user}\n  expect rows 0 $$ select * from teams $$\n}}\n");
    let (code, json) = fixture_with_tests("lint/ok/s011_policy_recursion.pgs", &fixed, &url);
    assert_eq!(code, 0, "the fix does not: {json:#}");

    let rows = "setup $$ insert into orders (owner_id, total) values ('00000000-0000-4000-a000-00000000000a', 1), ('00000000-0000-4000-a000-00000000000b', 2); grant select on orders, order_totals to authenticated $$";
    let leak = format!("test leak {{\n  {rows}\n  {user}\n  expect rows 1 $$ select * from orders $$\n  expect rows 2 $$ select * from order_totals $$\n}}\n");
    let (code, json) = fixture_with_tests("lint/err/s008_view_bypasses_rls.pgs", &leak, &url);
    assert_eq!(code, 0, "S008's view shows every tenant's rows: {json:#}");
    let held = format!(
        "test held {{\n  {rows}\n  {user}\n  expect rows 1 $$ select * from order_totals $$\n}}\n"
    );
    // security_invoker is PostgreSQL 15's.
    if common::pg::server_major(&url) >= 15 {
        let (code, json) = fixture_with_config(
            "lint/ok/s008_view_bypasses_rls.pgs",
            &held,
            "postgres = \"15\"\n",
            &url,
        );
        assert_eq!(code, 0, "security_invoker keeps them apart: {json:#}");
    }

    // S012: a SECURITY DEFINER function in `public` answers `anon` with another user's
    // email; the fixed schema refuses the API roles (42501), while policies' helper in
    // `private` still runs for `authenticated`.
    let anon = r#"as anon claims '{"role": "anon"}'"#;
    let signup = "setup $$ insert into auth.users (id, email) values ('00000000-0000-4000-a000-00000000000b', 'b@example.com') $$";
    let leak = format!(
        "test callable {{\n  {signup}\n  {anon}\n  expect value 'b@example.com' $$ select public.email_of('00000000-0000-4000-a000-00000000000b') $$\n  {user}\n  expect rows 1 $$ select public.all_emails() $$\n}}\n"
    );
    let (code, json) = fixture_with_tests("lint/err/s012_definer_callable.pgs", &leak, &url);
    assert_eq!(code, 0, "S012's functions answer the API roles: {json:#}");
    let closed = format!(
        "test closed {{\n  {signup}\n  {anon}\n  expect error 42501 $$ select public.purge_user('00000000-0000-4000-a000-00000000000b') $$\n  {user}\n  expect error 42501 $$ select public.purge_user('00000000-0000-4000-a000-00000000000b') $$\n  expect value 'b@example.com' $$ select private.email_of('00000000-0000-4000-a000-00000000000b') $$\n}}\n"
    );
    let (code, json) = fixture_with_tests("lint/ok/s012_definer_callable.pgs", &closed, &url);
    assert_eq!(code, 0, "the fix refuses them: {json:#}");

    // S013: B files a task under A's project; with `check parents` it cannot, and
    // still can under its own.
    let b = r#"as authenticated claims '{"sub": "00000000-0000-4000-a000-00000000000b", "role": "authenticated"}'"#;
    let projects = "setup $$ insert into projects (id, owner_id) values ('00000000-0000-4000-e000-00000000000a', '00000000-0000-4000-a000-00000000000a'), ('00000000-0000-4000-e000-00000000000b', '00000000-0000-4000-a000-00000000000b') $$";
    let foreign = "insert into tasks (project_id, owner_id) values ('00000000-0000-4000-e000-00000000000a', '00000000-0000-4000-a000-00000000000b')";
    let own = "insert into tasks (project_id, owner_id) values ('00000000-0000-4000-e000-00000000000b', '00000000-0000-4000-a000-00000000000b')";
    let attach = format!("test attach {{\n  {projects}\n  {b}\n  expect ok $$ {foreign} $$\n}}\n");
    let (code, json) = fixture_with_tests("lint/err/s013_parent_not_owned.pgs", &attach, &url);
    assert_eq!(
        code, 0,
        "S013's schema lets B attach to A's project: {json:#}"
    );
    let refused = format!(
        "test refused {{\n  {projects}\n  {b}\n  expect error 42501 $$ {foreign} $$\n  expect ok $$ {own} $$\n}}\n"
    );
    let (code, json) = fixture_with_tests("lint/ok/s013_parent_not_owned.pgs", &refused, &url);
    assert_eq!(code, 0, "check parents refuses it: {json:#}");

    // S014: with a table-wide UPDATE grant the user makes itself an admin; with column
    // grants it cannot, and still renames itself.
    let a = r#"as authenticated claims '{"sub": "00000000-0000-4000-a000-00000000000a", "role": "authenticated"}'"#;
    let account =
        "setup $$ insert into accounts (id) values ('00000000-0000-4000-a000-00000000000a') $$";
    let raise = format!("test raise {{\n  {account}\n  {a}\n  expect rows 1 $$ update accounts set is_admin = true $$\n}}\n");
    let (code, json) = fixture_with_tests("lint/err/s014_table_wide_update.pgs", &raise, &url);
    assert_eq!(
        code, 0,
        "S014's grant lets a user make itself admin: {json:#}"
    );
    let held = format!(
        "test held {{\n  {account}\n  {a}\n  expect error 42501 $$ update accounts set is_admin = true $$\n  expect rows 1 $$ update accounts set name = 'a' $$\n}}\n"
    );
    let (code, json) = fixture_with_tests("lint/ok/s014_table_wide_update.pgs", &held, &url);
    assert_eq!(code, 0, "column grants hold: {json:#}");
}

/// `isolation of` inserts tenant A's row as tenant A: a role that cannot insert at all
/// (here: no USAGE on the sequence of its key's default) fails that property by name.
#[test]
fn isolation_reports_a_role_that_cannot_insert() {
    let Some(url) = server_url() else { return };
    // Without Supabase's old default privileges, which would grant the sequence.
    let (code, json) = fixture_with_config(
        "policy/isolation_without_insert.pgs",
        "",
        "api-default-grants = false\n",
        &url,
    );
    assert_eq!(code, 1, "{json:#}");
    let steps = json["projects"][0]["tests"][0]["steps"]
        .as_array()
        .expect("steps")
        .clone();
    let failed: Vec<&str> = steps
        .iter()
        .filter(|s| s["passed"] == false)
        .map(|s| s["label"].as_str().expect("label"))
        .collect();
    assert_eq!(
        failed[0], "tenant A can insert its own row of public.notes",
        "{json:#}"
    );
    assert!(
        steps.iter().any(|s| s["failure"]
            .as_str()
            .is_some_and(|f| f.contains("notes_id_seq"))),
        "the failure names the sequence: {json:#}"
    );
}

/// `append only` refuses every change, the owner's too, and `hash chain` links each row
/// to its predecessor and finds a row changed behind the triggers' back.
#[test]
fn append_only_and_hash_chain_blocks_hold() {
    let Some(url) = server_url() else { return };
    let (code, json) = fixture_with_tests("policy/hash_chain_block.pgs", "", &url);
    assert_eq!(code, 0, "{json:#}");
    let report = &json["projects"][0];
    assert_eq!(report["passed"], 3, "{json:#}");
}

/// Under the supabase preset's modelled default privileges (the prelude grants the API
/// roles ALL on every new object in `public`, as Supabase did), what schemac creates
/// has exactly its declared grants: a table created outside schemac is readable by
/// `anon`, while a partition of an RLS table, an undeclared function and TRUNCATE of
/// an `append only` table are refused to every API role.
#[test]
fn supabase_default_grants_are_taken_back() {
    let Some(url) = server_url() else { return };
    let (code, json) = fixture_with_tests("policy/supabase_platform_grants.pgs", "", &url);
    assert_eq!(code, 0, "{json:#}");
    assert_eq!(json["projects"][0]["passed"], 1, "{json:#}");
}

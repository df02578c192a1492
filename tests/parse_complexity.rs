//! Malformed input is rejected in bounded work. The grammar backtracks, and an opening
//! bracket that could be read either as the start of a group or as a plain character
//! once made a file with n unclosed brackets cost 2^n parser steps (26 of them took
//! minutes). This binary caps pest's rule calls per parse, so a regression fails here
//! with "call limit reached" instead of hanging the suite. It is its own test binary
//! because the cap is process-wide.

mod common;

use schemac::diagnostics::render::render_human;
use schemac::project::load::compile_sources;
use std::num::NonZeroUsize;
use std::path::PathBuf;

/// Rule calls one parse may make. The inputs below are under 1 KiB; rejecting them
/// takes a few hundred thousand calls, a 2^n blow-up takes ~10^19.
const CALL_LIMIT: usize = 20_000_000;

/// Where an unclosed opener can appear: every place the grammar reads verbatim SQL, a
/// block, or recovers from a bad line.
fn contexts(x: &str) -> Vec<String> {
    vec![
        format!("table t {{\n  c int check ({x}\n}}"),
        format!("table t {{\n  c int default {x}\n}}"),
        format!("table t {{\n  c int\n  index (c) where {x}\n}}"),
        format!("view v as select {x};"),
        format!("table t {{\n  {x}\n}}"),
        x.to_string(),
        format!("function f(a int default {x}) returns int language sql as $$ select 1 $$"),
        format!("mixin m(a) {{\n  {x}\n}}"),
        format!("table t {{\n  c int\n  rls enabled\n  policy p for all to authenticated using ({x})\n}}"),
        format!("table t {{\n  c int primary key\n  seed (c) key (c) {{ ({x}) }}\n}}"),
        format!("enum e {{ {x} }}"),
        format!("table t {x}"),
    ]
}

#[test]
fn unclosed_openers_are_rejected_in_bounded_work() {
    pest::set_call_limit(NonZeroUsize::new(CALL_LIMIT));
    let openers = [
        "(", "[", "{", "/*", "'", "\"", "$$", "$a$", "e'", "([", "({", "(/*",
    ];
    // Verbatim SQL may hold braces and dollar signs (`$1`), so only these must fail.
    let must_fail = ["(", "[", "/*", "'", "e'", "([", "({", "(/*"];
    for opener in openers {
        // An odd count, so quotes cannot pair up into valid strings.
        let x = format!("{opener}\n").repeat(63);
        for (i, text) in contexts(&x).into_iter().enumerate() {
            let compiled = compile_sources(
                vec![("deep.pgs".into(), PathBuf::from("deep.pgs"), text)],
                Some("supabase"),
            );
            let diagnostics = compiled.diagnostics.sorted();
            assert!(
                !must_fail.contains(&opener) || !diagnostics.is_empty(),
                "context {i}, opener {opener:?}: unclosed openers must be an error"
            );
            let rendered = render_human(&compiled.sources, &diagnostics, false);
            assert!(
                !rendered.contains("limit reached"),
                "context {i}, opener {opener:?}: parsing exceeded {CALL_LIMIT} rule calls:\n{rendered}"
            );
        }
    }
}

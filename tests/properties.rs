//! Properties that hold for every example project and fixture, checked without a
//! database: builds are byte-identical, the marketplace history replays to exactly the
//! committed generated/ files, a schema diffed against itself needs no steps, and no
//! input makes the compiler panic.

mod common;

use common::{cases, compile, root};
use schemac::diff::{align_columns, diff};
use schemac::model::Schema;
use schemac::project::build::{plan_build, BuildOptions};
use schemac::project::config::Config;
use schemac::project::history::History;
use schemac::project::load::{compile_project, compile_sources};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn config() -> Config {
    Config::load(&root().join("schemac.toml")).expect("schemac.toml")
}

/// The files a build would write, with paths relative to the output directory.
fn build_files(
    source: &Path,
    output: &Path,
    preset: Option<&str>,
    name: Option<&str>,
    target: schemac::model::Target,
) -> BTreeMap<PathBuf, String> {
    let project = schemac::project::config::Project {
        name: "p".into(),
        source: source.to_path_buf(),
        output: output.to_path_buf(),
        source_display: source.display().to_string(),
        preset: preset.map(str::to_string),
        lint: schemac::lint::Settings::for_preset(preset),
        exclude_schemas: Vec::new(),
        api_default_grants: true,
        lock_timeout: Some("5s".to_string()),
        online: true,
        target,
    };
    let compiled = compile_project(&project, &root());
    assert!(
        !compiled.diagnostics.has_errors(),
        "{} does not compile",
        source.display()
    );
    let history = History::read(output).expect("history");
    let options = BuildOptions {
        name: name.map(str::to_string),
        allow_data_loss: false,
        lock_timeout: project.lock_timeout.clone(),
        online: project.online,
        target: project.target,
    };
    let built = plan_build("p", output, &compiled, &history, &options).expect("build");
    built
        .files
        .into_iter()
        .map(|(p, t)| {
            (
                p.strip_prefix(output).expect("under output").to_path_buf(),
                t,
            )
        })
        .collect()
}

#[test]
fn builds_are_byte_identical() {
    for p in &config().projects {
        let dir =
            std::env::temp_dir().join(format!("schemac-det-{}-{}", p.name, std::process::id()));
        let a = build_files(&p.source, &dir, p.preset.as_deref(), None, p.target);
        let b = build_files(&p.source, &dir, p.preset.as_deref(), None, p.target);
        assert_eq!(a, b, "{}: two builds differ", p.name);
    }
}

#[test]
fn committed_generated_output_is_current() {
    for p in &config().projects {
        let compiled = compile_project(p, &root());
        let history = History::read(&p.output).expect("history");
        let built = plan_build(
            &p.name,
            &p.output,
            &compiled,
            &history,
            &BuildOptions::default(),
        )
        .expect("build");
        assert!(
            built.migration.is_none(),
            "{}: the schema changed since the last committed migration",
            p.name
        );
        for (path, text) in &built.files {
            let on_disk = std::fs::read_to_string(path).unwrap_or_default();
            assert!(
                &on_disk == text,
                "{}: {} is stale; run `schemac build`",
                p.name,
                path.display()
            );
        }
    }
}

#[test]
fn marketplace_history_replays_to_the_committed_migrations() {
    let out = std::env::temp_dir().join(format!("schemac-replay-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&out);
    let mut steps = cases("schemas/history/marketplace", None);
    steps.push(root().join("schemas/marketplace"));
    for step in &steps {
        let dir_name = step
            .file_name()
            .expect("name")
            .to_string_lossy()
            .to_string();
        let name = match dir_name.split_once('_') {
            Some((_, n)) => n.to_string(),
            None => "close_cross_tenant_writes".to_string(),
        };
        let target = config()
            .projects
            .iter()
            .find(|p| p.name == "marketplace")
            .expect("the marketplace project")
            .target;
        let files = build_files(step, &out, Some("supabase"), Some(&name), target);
        for (rel, text) in files {
            let path = out.join(rel);
            std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
            std::fs::write(path, text).expect("write");
        }
    }
    let committed = root().join("generated/marketplace");
    let replayed = History::read(&out).expect("replayed history");
    let original = History::read(&committed).expect("committed history");
    assert_eq!(
        replayed.migrations.len(),
        11,
        "the marketplace history has 11 steps"
    );
    assert_eq!(replayed.migrations.len(), original.migrations.len());
    for (r, o) in replayed.migrations.iter().zip(&original.migrations) {
        assert_eq!((&r.version, &r.name), (&o.version, &o.name));
        assert!(
            r.up == o.up && r.down == o.down,
            "migration {}_{} differs from the replay",
            o.version,
            o.name
        );
    }
    let _ = std::fs::remove_dir_all(&out);
}

#[test]
fn a_schema_diffed_with_itself_needs_no_steps() {
    let mut schemas: Vec<Schema> = config()
        .projects
        .iter()
        .map(|p| compile_project(p, &root()).schema.expect("compiles"))
        .collect();
    for f in cases("schemas/cases/check/ok", Some("pgs")) {
        schemas.push(compile(&[f], Some("supabase")).schema.expect("compiles"));
    }
    for s in &schemas {
        assert!(diff(s, s).expect("plan").is_empty());
        let mut aligned = s.clone();
        align_columns(s, &mut aligned);
        assert_eq!(&aligned, s);
        // Up then down: the reverse plan drops exactly what the forward one creates.
        let up = diff(&Schema::empty(), s).expect("plan");
        let down = diff(s, &Schema::empty()).expect("plan");
        assert_eq!(up.all().count() > 0, down.all().count() > 0);
    }
}

/// A tiny deterministic generator, so the corpus is the same on every run.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, bound: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % bound.max(1)
    }
}

#[test]
fn parsing_and_checking_never_panic() {
    let mut inputs: Vec<String> = Vec::new();
    for dir in [
        "schemas/cases/check/err",
        "schemas/cases/check/warn",
        "schemas/cases/check/ok",
    ] {
        for f in cases(dir, Some("pgs")) {
            inputs.push(std::fs::read_to_string(f).expect("fixture"));
        }
    }
    for p in &config().projects {
        for f in schemac::project::load::source_files(&p.source).expect("sources") {
            inputs.push(std::fs::read_to_string(f).expect("source"));
        }
    }
    let pieces = [
        "(",
        ")",
        "{",
        "}",
        "'",
        "\"",
        "$$",
        "${x}",
        "--",
        "/*",
        ",",
        "\n",
        " not null",
        "unique ",
        "é",
        "\0",
        ";",
    ];
    let mut rng = Lcg(7);
    let mut count = 0;
    for text in &inputs {
        // Truncations at many points, and random insertions and deletions.
        let step = (text.len() / 40).max(1);
        for cut in (0..text.len()).step_by(step) {
            if text.is_char_boundary(cut) {
                run(&text[..cut]);
                count += 1;
            }
        }
        for _ in 0..20 {
            let mut t = text.clone();
            for _ in 0..3 {
                let mut at = rng.next(t.len() + 1);
                while !t.is_char_boundary(at) {
                    at -= 1;
                }
                if rng.next(2) == 0 {
                    t.insert_str(at, pieces[rng.next(pieces.len())]);
                } else {
                    let mut end = (at + rng.next(12)).min(t.len());
                    while !t.is_char_boundary(end) {
                        end -= 1;
                    }
                    t.replace_range(at..end, "");
                }
            }
            run(&t);
            count += 1;
        }
    }
    assert!(count > 1000, "the corpus should be large, was {count}");
}

fn run(text: &str) {
    let compiled = compile_sources(
        vec![(
            "fuzz.pgs".into(),
            PathBuf::from("fuzz.pgs"),
            text.to_string(),
        )],
        Some("supabase"),
    );
    let _ = schemac::diagnostics::render::render_human(
        &compiled.sources,
        &compiled.diagnostics.sorted(),
        false,
    );
    if let Some(s) = compiled.schema {
        let _ = diff(&Schema::empty(), &s);
    }
}

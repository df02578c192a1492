//! Helpers shared by the integration tests: fixture discovery, snapshot settings
//! (every snapshot lives under `snapshots/`), compiling sources, and the live
//! PostgreSQL harness.

#![allow(dead_code)]

pub mod pg;

use schemac::diagnostics::render::render_human;
use schemac::project::load::{compile_sources_for, Compiled};
use std::path::{Path, PathBuf};

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Files (or directories) directly inside `dir`, sorted; `ext` filters files.
pub fn cases(dir: &str, ext: Option<&str>) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(root().join(dir))
        .unwrap_or_else(|e| panic!("cannot read {dir}: {e}"))
        .map(|e| e.expect("dir entry").path())
        .filter(|p| match ext {
            Some(x) => p.extension().is_some_and(|e| e == x),
            None => p.is_dir(),
        })
        .collect();
    out.sort();
    out
}

/// Snapshot settings that put `<name>.snap` into `snapshots/<suite>/`.
pub fn settings(suite: &str, input: &Path) -> insta::Settings {
    let mut s = insta::Settings::clone_current();
    s.set_snapshot_path(root().join("snapshots").join(suite));
    s.set_prepend_module_to_snapshot(false);
    s.set_omit_expression(true);
    let rel = input.strip_prefix(root()).unwrap_or(input);
    s.set_input_file(rel);
    s.set_description(format!("{suite}: {}", rel.display()));
    s
}

/// The stem of a case path: `schemas/cases/check/err/c001_x.pgs` → `c001_x`.
pub fn stem(path: &Path) -> String {
    path.file_stem()
        .expect("file stem")
        .to_string_lossy()
        .to_string()
}

/// Compiles the `.pgs` files of `paths` (files, or directories holding them).
pub fn compile(paths: &[PathBuf], preset: Option<&str>) -> Compiled {
    compile_for(paths, preset, schemac::model::Target::ANY_FEATURE)
}

/// [`compile`] for a project that targets `target`.
pub fn compile_for(
    paths: &[PathBuf],
    preset: Option<&str>,
    target: schemac::model::Target,
) -> Compiled {
    let mut files = Vec::new();
    for p in paths {
        let list = if p.is_dir() {
            schemac::project::load::source_files(p).expect("readable dir")
        } else {
            vec![p.clone()]
        };
        for f in list {
            let name = f.strip_prefix(root()).unwrap_or(&f).display().to_string();
            let text = std::fs::read_to_string(&f).expect("readable source");
            files.push((name, f, text));
        }
    }
    compile_sources_for(files, preset, target)
}

/// Why sources compiled for the test server's major would be refused (C030: a feature
/// newer than that server), or None when they run there. Fixtures are compiled with
/// every feature allowed; a live test skips one this names, so the checker's version
/// knowledge is itself tested: a fixture it lets through must apply on that server.
#[allow(clippy::print_stderr)]
pub fn newer_than_server(paths: &[PathBuf], preset: Option<&str>, url: &str) -> Option<String> {
    let major = pg::server_major(url);
    let target = schemac::model::Target::parse(&major.to_string()).ok()?;
    let c = compile_for(paths, preset, target);
    let why = c
        .diagnostics
        .sorted()
        .into_iter()
        .find(|d| d.code == schemac::diagnostics::Code::TargetLacksFeature)
        .map(|d| d.message.clone());
    if let Some(why) = &why {
        eprintln!(
            "skipping {} on PostgreSQL {major}: {why}",
            paths
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    why
}

/// Diagnostics rendered without colour.
pub fn rendered(c: &Compiled) -> String {
    render_human(&c.sources, &c.diagnostics.sorted(), false)
}

/// An example project of `schemac.toml`, with the loaded configuration.
pub fn example(
    name: &str,
) -> (
    schemac::project::config::Config,
    schemac::project::config::Project,
) {
    let config =
        schemac::project::config::Config::load(&root().join("schemac.toml")).expect("config");
    let p = config
        .projects
        .iter()
        .find(|p| p.name == name)
        .unwrap_or_else(|| panic!("no example project {name}"))
        .clone();
    (config, p)
}

/// A fresh project directory in the temp dir: `schemac.toml` for project `app`
/// (sources in `src/`, output in `gen/`, plus `config_extra` lines) and `src/schema.pgs`.
pub fn temp_project(tag: &str, config_extra: &str, schema: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("schemac-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("src")).expect("mkdir");
    std::fs::write(
        dir.join("schemac.toml"),
        format!("[[project]]\nname = \"app\"\nsource = \"src\"\noutput = \"gen\"\n{config_extra}"),
    )
    .expect("config");
    std::fs::write(dir.join("src/schema.pgs"), schema).expect("schema");
    dir
}

/// Runs the schemac binary in `dir` (`-C dir`), without colour and without a
/// `DATABASE_URL` from the environment.
pub fn schemac_in(dir: &Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_schemac"))
        .arg("-C")
        .arg(dir)
        .args(args)
        .env("NO_COLOR", "1")
        .env_remove("DATABASE_URL")
        .output()
        .expect("schemac runs")
}

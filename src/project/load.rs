//! Reading a project's sources and running parse → check → order over them.

use super::config::Project;
use crate::analysis::{self, Checked};
use crate::diagnostics::{Code, Diagnostic, Diagnostics, FileId, SourceMap};
use crate::graph::{DepGraph, ObjectKey};
use crate::model::{Externs, Schema};
use crate::syntax;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The file extension of schema sources.
pub const EXTENSION: &str = "pgs";

const SUPABASE: &str = include_str!("../presets/supabase.pgs");
const SUPABASE_API_GRANTS: &str = include_str!("../presets/supabase_api_grants.pgs");

/// A compiled project.
#[derive(Debug)]
pub struct Compiled {
    /// The source files (including a preset's), for rendering diagnostics.
    pub sources: SourceMap,
    /// Everything reported.
    pub diagnostics: Diagnostics,
    /// The schema, when there were no errors.
    pub schema: Option<Schema>,
    /// Externally provided objects.
    pub externs: Externs,
    /// Dependency order of the schema's objects.
    pub order: Vec<ObjectKey>,
    /// The schema's dependency graph, when it compiled.
    pub graph: Option<DepGraph>,
    /// Declared renames.
    pub renames: crate::model::Renames,
    /// `allow data loss` declarations.
    pub allowances: crate::model::Allowances,
    /// Where objects were declared.
    pub origins: BTreeMap<String, crate::diagnostics::Span>,
    /// Declared policy tests (`schemac test`).
    pub tests: Vec<crate::model::PolicyTest>,
}

/// Lists the `.pgs` files below `dir`, sorted by path.
pub fn source_files(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d)? {
            let path = entry?.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == EXTENSION) {
                out.push(path);
            }
        }
    }
    out.sort();
    Ok(out)
}

/// Compiles a configured project; `root` makes file names in messages relative.
pub fn compile_project(project: &Project, root: &Path) -> Compiled {
    compile_with(project, root, None).0
}

/// Compiles a configured project and runs its lints (`build`, `check`, `lint`). The
/// lints need only the checked schema, so they run on a second core while the
/// dependency graph is built. The findings come back apart from the diagnostics.
pub fn compile_and_lint(project: &Project, root: &Path) -> (Compiled, Diagnostics) {
    compile_with(project, root, Some(&project.lint))
}

fn compile_with(
    project: &Project,
    root: &Path,
    lint: Option<&crate::lint::Settings>,
) -> (Compiled, Diagnostics) {
    let mut files = Vec::new();
    let mut diagnostics = Diagnostics::new();
    match source_files(&project.source) {
        Ok(paths) => {
            for p in paths {
                let name = p.strip_prefix(root).unwrap_or(&p).display().to_string();
                match std::fs::read_to_string(&p) {
                    Ok(text) => files.push((name, p, text)),
                    Err(e) => diagnostics.push(Diagnostic::global(
                        Code::ReadFile,
                        format!("cannot read {name}: {e}"),
                    )),
                }
            }
        }
        Err(e) => diagnostics.push(Diagnostic::global(
            Code::ReadFile,
            format!(
                "cannot read source directory {}: {e}",
                project.source_display
            ),
        )),
    }
    let preset = Preset::of(project.preset.as_deref(), project.api_default_grants);
    let (mut compiled, findings) = compile_sources_with(files, preset, project.target, lint);
    diagnostics.extend(std::mem::take(&mut compiled.diagnostics));
    if diagnostics.has_errors() {
        compiled.schema = None;
        compiled.diagnostics = diagnostics;
        return (compiled, Diagnostics::new());
    }
    compiled.diagnostics = diagnostics;
    (compiled, findings)
}

/// Compiles source texts (name, path, text), with an optional preset (the supabase
/// preset with its API default grants on), allowing every PostgreSQL feature schemac
/// knows.
pub fn compile_sources(files: Vec<(String, PathBuf, String)>, preset: Option<&str>) -> Compiled {
    compile_sources_for(files, preset, crate::model::Target::ANY_FEATURE)
}

/// [`compile_sources`] for a project that runs on `target`.
pub fn compile_sources_for(
    files: Vec<(String, PathBuf, String)>,
    preset: Option<&str>,
    target: crate::model::Target,
) -> Compiled {
    compile_sources_with(files, Preset::of(preset, true), target, None).0
}

/// The default privileges the supabase preset's `api-default-grants` stands for, as
/// entries (what `pull` recognizes in a database).
pub fn supabase_api_grants() -> Vec<crate::model::DefaultPrivilege> {
    compile_sources(Vec::new(), Some("supabase"))
        .schema
        .map(|s| s.platform_defaults)
        .unwrap_or_default()
}

/// The built-in declarations a project compiles with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Preset {
    None,
    /// Supabase; `api_grants`: the platform's API default grants are on.
    Supabase {
        api_grants: bool,
    },
}

impl Preset {
    fn of(name: Option<&str>, api_grants: bool) -> Preset {
        match name {
            Some("supabase") => Preset::Supabase { api_grants },
            _ => Preset::None,
        }
    }
}

/// [`compile_sources`], also running the lints with `lint` when the sources check.
fn compile_sources_with(
    files: Vec<(String, PathBuf, String)>,
    preset: Preset,
    target: crate::model::Target,
    lint: Option<&crate::lint::Settings>,
) -> (Compiled, Diagnostics) {
    let mut sources = SourceMap::new();
    let mut diagnostics = Diagnostics::new();
    let mut ids = Vec::new();
    if let Preset::Supabase { api_grants } = preset {
        ids.push(sources.add(
            "<preset supabase>",
            Path::new("<preset supabase>"),
            SUPABASE.to_string(),
        ));
        if api_grants {
            ids.push(sources.add(
                "<preset supabase: api-default-grants>",
                Path::new("<preset supabase: api-default-grants>"),
                SUPABASE_API_GRANTS.to_string(),
            ));
        }
    }
    for (name, path, mut text) in files {
        // A UTF-8 byte order mark (some Windows editors write one) is not a token.
        if text.starts_with('\u{feff}') {
            text.drain(..'\u{feff}'.len_utf8());
        }
        ids.push(sources.add(name, &path, text));
    }
    let mut parsed = parse_all(&sources, &ids);
    // Building blocks bring the functions they call, only when used.
    let needed = syntax::blocks_needed(parsed.iter().map(|(_, p)| &p.file));
    if !needed.is_empty() {
        let id = sources.add(
            "<building blocks>",
            Path::new("<building blocks>"),
            syntax::BLOCKS_SOURCE.to_string(),
        );
        let mut blocks = syntax::parse(syntax::BLOCKS_SOURCE, id);
        syntax::keep_functions(&mut blocks.file, &needed);
        parsed.push((id, blocks));
    }
    let mut asts = Vec::new();
    for (id, p) in parsed {
        diagnostics.extend(p.diagnostics);
        asts.push((id, p.file));
    }
    let Checked {
        schema,
        externs,
        diagnostics: check_diags,
        origins,
        renames,
        allowances,
        tests,
    } = analysis::check(&asts, target);
    let tests = tests
        .into_iter()
        .map(|(span, mut test)| {
            let (line, _) = sources.line_col(span.file, span.start);
            test.location = format!("{}:{line}", sources.name(span.file));
            test
        })
        .collect();
    diagnostics.extend(check_diags);
    let mut order = Vec::new();
    let mut graph = None;
    let mut findings = Diagnostics::new();
    let schema = match schema {
        Some(s) if !diagnostics.has_errors() => {
            let (g, ordered) = std::thread::scope(|scope| {
                // While this core orders the objects, the other lints and then frees
                // the syntax trees (a few percent of a large build).
                let (s, origins, sources) = (&s, &origins, &sources);
                let helper = scope.spawn(move || {
                    let found =
                        lint.map(|settings| crate::lint::run(s, origins, sources, settings));
                    drop(asts);
                    found
                });
                let g = DepGraph::build(s);
                let ordered = g.order();
                let found = helper
                    .join()
                    .unwrap_or_else(|e| std::panic::resume_unwind(e));
                findings = found.unwrap_or_default();
                (g, ordered)
            });
            match ordered {
                Ok(o) => {
                    order = o;
                    graph = Some(g);
                    Some(s)
                }
                Err(cycle) => {
                    diagnostics.push(cycle_diagnostic(&cycle.members, &origins));
                    None
                }
            }
        }
        _ => None,
    };
    let compiled = Compiled {
        sources,
        diagnostics,
        schema,
        externs,
        order,
        graph,
        renames,
        allowances,
        origins,
        tests,
    };
    (compiled, findings)
}

/// Parses every file, spreading them over the machine's cores. Files are independent
/// until analysis, and the results come back in `ids` order, so the output does not
/// depend on scheduling. Parsing always runs on threads of its own, whose stack
/// ([`syntax::PARSE_STACK`]) is sized for the deepest nesting the parser accepts.
fn parse_all(sources: &SourceMap, ids: &[FileId]) -> Vec<(FileId, syntax::Parsed)> {
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(ids.len())
        .max(1);
    // Workers take the next unparsed file, so one large file does not idle the rest.
    let next = std::sync::atomic::AtomicUsize::new(0);
    let mut done: Vec<(usize, syntax::Parsed)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                std::thread::Builder::new()
                    .stack_size(syntax::PARSE_STACK)
                    .spawn_scoped(scope, || {
                        let mut mine = Vec::new();
                        loop {
                            let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                            let Some(&id) = ids.get(i) else { break mine };
                            mine.push((i, syntax::parse(sources.text(id), id)));
                        }
                    })
                    .expect("a parse thread starts")
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    });
    done.sort_by_key(|(i, _)| *i);
    done.into_iter().map(|(i, p)| (ids[i], p)).collect()
}

/// G001: a dependency cycle, with every member labelled.
pub fn cycle_diagnostic(
    members: &[ObjectKey],
    origins: &BTreeMap<String, crate::diagnostics::Span>,
) -> Diagnostic {
    let path: Vec<String> = members
        .iter()
        .chain(members.first())
        .map(|k| k.to_string())
        .collect();
    let mut d = Diagnostic::global(
        Code::DependencyCycle,
        format!("dependency cycle: {}", path.join(" → ")),
    );
    for (i, m) in members.iter().enumerate() {
        if let Some(span) = origins.get(&m.origin_key()) {
            let next = &members[(i + 1) % members.len()];
            d.labels.push(crate::diagnostics::Label {
                span: *span,
                message: format!("{next} depends on this"),
                primary: i == 0,
            });
        }
    }
    d.with_note("help: break the cycle; PostgreSQL cannot create objects that need each other")
}

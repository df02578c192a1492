//! `schemac init`: a new project in the current directory: `schemac.toml`, a first
//! `.pgs` file with a commented example that builds at once, and `.gitignore` entries.
//! It never overwrites: a second run over its own files changes nothing, and a file it
//! would write that already holds something else makes it write nothing at all.

use super::{ExitStatus, Format, Output};
use std::path::{Path, PathBuf};

/// Arguments of `schemac init`.
#[derive(Debug, clap::Args)]
pub struct InitArgs {
    /// The project's name (default: the directory's).
    #[arg(long)]
    pub name: Option<String>,
    /// `supabase` (the auth schema, API roles and Supabase's grants) or `none`.
    #[arg(long, default_value = "supabase")]
    pub preset: String,
}

/// Lines `init` makes sure `.gitignore` has.
const IGNORED: &str = "# schemac: the cached canonical state of `diff --live` (commit it to let CI diff\n# without creating databases, or keep it ignored)\ngenerated/*/canonical/\n";

pub(super) fn run(dir: &Path, args: InitArgs, out: &mut Output) -> ExitStatus {
    let supabase = match args.preset.as_str() {
        "supabase" => true,
        "none" => false,
        other => {
            out.error(&format!(
                "unknown preset `{other}`: use `supabase` or `none`"
            ));
            return ExitStatus::Error;
        }
    };
    let name = args.name.clone().unwrap_or_else(|| directory_name(dir));
    if name.is_empty()
        || !name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        out.error(&format!(
            "`{name}` cannot name a project: use letters, digits, `-` and `_` (--name)"
        ));
        return ExitStatus::Error;
    }
    let config = format!(
        "# schemac projects: `schemac build` compiles each into its output directory.\n\
         [[project]]\n\
         name = \"{name}\"\n\
         source = \"schema\"\n\
         output = \"generated/{name}\"\n{}",
        if supabase {
            // Supabase runs PostgreSQL 15 and 17.
            "preset = \"supabase\"\npostgres = \"15\"   # the oldest PostgreSQL major it runs on\n"
        } else {
            "postgres = \"14\"   # the oldest PostgreSQL major it runs on (\"15-17\": a range)\n"
        }
    );
    let schema = if supabase {
        include_str!("../templates/supabase.pgs")
    } else {
        include_str!("../templates/plain.pgs")
    };
    let files: Vec<(PathBuf, String)> = vec![
        (dir.join("schemac.toml"), config),
        (
            dir.join("schema").join(format!("{name}.pgs")),
            schema.to_string(),
        ),
    ];
    let conflicts: Vec<String> = files
        .iter()
        .filter(|(path, text)| {
            path.exists() && std::fs::read_to_string(path).ok().as_deref() != Some(text)
        })
        .map(|(path, _)| path.display().to_string())
        .collect();
    if !conflicts.is_empty() {
        out.error(&format!(
            "init writes nothing over existing files, and these hold something else: {}",
            conflicts.join(", ")
        ));
        return ExitStatus::Error;
    }
    let mut written = Vec::new();
    for (path, text) in &files {
        if path.exists() {
            continue;
        }
        let result = path
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| std::fs::write(path, text));
        if let Err(e) = result {
            out.error(&format!("cannot write {}: {e}", path.display()));
            return ExitStatus::Error;
        }
        written.push(path.display().to_string());
    }
    match ignore(&dir.join(".gitignore")) {
        Ok(true) => written.push(dir.join(".gitignore").display().to_string()),
        Ok(false) => {}
        Err(e) => {
            out.error(&format!("cannot update .gitignore: {e}"));
            return ExitStatus::Error;
        }
    }
    if out.format == Format::Json {
        out.json(&serde_json::json!({ "project": name, "written": written }));
    } else if written.is_empty() {
        out.status(&format!("{name}: already initialised, nothing to do"));
    } else {
        for w in &written {
            out.status(&format!("wrote {w}"));
        }
        out.status(&format!(
            "{name}: next, edit schema/{name}.pgs and run `schemac build`"
        ));
    }
    ExitStatus::Success
}

/// The name of `dir` (the current directory when it is `.`), made a project name.
fn directory_name(dir: &Path) -> String {
    let full = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    full.file_name()
        .map(|n| {
            n.to_string_lossy()
                .chars()
                .map(|c| {
                    if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                        c
                    } else {
                        '_'
                    }
                })
                .collect()
        })
        .unwrap_or_else(|| "app".to_string())
}

/// Adds the ignored paths to `.gitignore` when they are not there; true when it wrote.
fn ignore(path: &Path) -> std::io::Result<bool> {
    let existing = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(e),
    };
    if existing
        .lines()
        .any(|l| l.trim() == "generated/*/canonical/")
    {
        return Ok(false);
    }
    let mut text = existing;
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
    text.push_str(IGNORED);
    std::fs::write(path, text)?;
    Ok(true)
}

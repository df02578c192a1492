//! `schemac.toml`: the projects of a repository. `ConfigFile` is the file as written;
//! [`Project`] is one project with its paths resolved.

use crate::diagnostics::Code;
use crate::lint::{Level, Settings};
use serde::Deserialize;
use std::path::{Path, PathBuf};

/// The config file name, looked up in the working directory and its parents.
pub const CONFIG_FILE: &str = "schemac.toml";

/// `schemac.toml` as written.
///
/// ```toml
/// [[project]]
/// name = "marketplace"            # how --project names it
/// source = "schemas/marketplace"  # directory of .pgs files
/// output = "generated/marketplace"
/// preset = "supabase"             # optional: auth.*, roles anon/authenticated/service_role
/// api-default-grants = true       # supabase only: the platform grants the API roles ALL
///                                 # on new tables, sequences and functions in public
/// lock-timeout = "5s"             # how long a migration waits for a lock ("0": forever)
/// online = true                   # indexes CONCURRENTLY, VALIDATE apart (false: one
///                                 # transaction; `build --online false` for one migration)
/// postgres = "15"                 # the majors it runs on: "15" (15 and newer) or
///                                 # "15-17"; default "14" (every supported major)
///
/// [project.lint]                  # optional, overrides the top-level [lint]
/// S006 = "error"                  # off | warning | error
/// exposed-schemas = ["public", "api"]
/// ```
///
/// A project may also set `exclude-schemas = ["legacy"]`: schemas of the database it
/// does not manage, which live comparisons leave out.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConfigFile {
    /// Lint settings for every project.
    #[serde(default)]
    pub lint: LintConfig,
    /// The projects.
    #[serde(rename = "project", default)]
    pub projects: Vec<ProjectConfig>,
}

/// A `[lint]` table: levels by code, and which schemas an API exposes.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct LintConfig {
    /// Schemas an API serves (default: `public` with the supabase preset, else none).
    #[serde(default)]
    pub exposed_schemas: Option<Vec<String>>,
    /// `S001 = "error"` and so on.
    #[serde(flatten)]
    pub levels: std::collections::BTreeMap<String, String>,
}

/// One `[[project]]` table.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ProjectConfig {
    /// Name, unique in the file.
    pub name: String,
    /// Source directory (relative to the config file).
    pub source: PathBuf,
    /// Output directory (relative to the config file).
    pub output: PathBuf,
    /// Built-in declarations to include: `supabase`.
    #[serde(default)]
    pub preset: Option<String>,
    /// With the supabase preset: whether the project's database has Supabase's
    /// "default privileges for new entities" (ALL on new tables, sequences and functions
    /// in `public` to anon, authenticated and service_role; on for projects created
    /// before 30 May 2026 that kept it). Default true. Either way schemac revokes what a
    /// new object does not declare; this says whether the prelude sets them up and what
    /// live comparisons expect.
    #[serde(default)]
    pub api_default_grants: Option<bool>,
    /// How long a generated migration waits for a lock before it fails (`5s`, `500ms`,
    /// `1min`; `"0"` for no limit). Default `5s`.
    #[serde(default)]
    pub lock_timeout: Option<String>,
    /// Whether new migrations use online forms on tables that have rows (indexes built
    /// `CONCURRENTLY`, constraints validated in a transaction of their own, `SET NOT
    /// NULL` through a validated CHECK). Default true; false keeps each migration in
    /// one transaction.
    #[serde(default)]
    pub online: Option<bool>,
    /// The PostgreSQL majors the project runs on: `"15"` (15 and newer) or `"15-17"`.
    /// Default: every supported major, so the checker allows only what the oldest has.
    #[serde(default)]
    pub postgres: Option<String>,
    /// Lint settings of this project, over the top-level ones.
    #[serde(default)]
    pub lint: LintConfig,
    /// Schemas of the database this project does not manage (another tool's): live
    /// comparisons leave them out.
    #[serde(default)]
    pub exclude_schemas: Vec<String>,
}

/// A project with resolved paths.
#[derive(Debug, Clone)]
pub struct Project {
    /// Name.
    pub name: String,
    /// Absolute source directory.
    pub source: PathBuf,
    /// Absolute output directory.
    pub output: PathBuf,
    /// Source directory as written in the config (for messages).
    pub source_display: String,
    /// Preset, if any.
    pub preset: Option<String>,
    /// Lint settings.
    pub lint: Settings,
    /// Schemas live comparisons leave out (`exclude-schemas`).
    pub exclude_schemas: Vec<String>,
    /// With the supabase preset: the platform's API default grants are on.
    pub api_default_grants: bool,
    /// `lock_timeout` written into new migrations; None: no limit.
    pub lock_timeout: Option<String>,
    /// New migrations use online forms (see [`crate::diff::online`]).
    pub online: bool,
    /// The PostgreSQL majors it runs on (`postgres`).
    pub target: crate::model::Target,
}

/// A loaded configuration.
#[derive(Debug, Clone)]
pub struct Config {
    /// Directory holding `schemac.toml`.
    pub root: PathBuf,
    /// Projects in file order.
    pub projects: Vec<Project>,
}

/// Why the configuration could not be loaded.
#[derive(Debug)]
pub enum ConfigError {
    /// No `schemac.toml` in the directory or its parents.
    NotFound(PathBuf),
    /// The file cannot be read.
    Io(PathBuf, std::io::Error),
    /// The file is not valid.
    Invalid(PathBuf, String),
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ConfigError::NotFound(dir) => write!(
                f,
                "no {CONFIG_FILE} in {} or any parent directory (create one with a [[project]] table)",
                dir.display()
            ),
            ConfigError::Io(p, e) => write!(f, "cannot read {}: {e}", p.display()),
            ConfigError::Invalid(p, e) => write!(f, "{} is not valid: {e}", p.display()),
        }
    }
}

impl std::error::Error for ConfigError {}

/// `500ms`, `5s`, `1min`: digits then a unit PostgreSQL reads.
fn valid_duration(t: &str) -> bool {
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    digits > 0 && matches!(&t[digits..], "ms" | "s" | "min")
}

/// The presets schemac knows.
pub const PRESETS: &[&str] = &["supabase"];

impl Config {
    /// Finds and loads `schemac.toml` from `dir` or its parents.
    pub fn discover(dir: &Path) -> Result<Config, ConfigError> {
        let start = dir
            .canonicalize()
            .map_err(|e| ConfigError::Io(dir.to_path_buf(), e))?;
        let mut cur = Some(start.as_path());
        while let Some(d) = cur {
            let candidate = d.join(CONFIG_FILE);
            if candidate.is_file() {
                return Config::load(&candidate);
            }
            cur = d.parent();
        }
        Err(ConfigError::NotFound(start))
    }

    /// Loads a given config file.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let text =
            std::fs::read_to_string(path).map_err(|e| ConfigError::Io(path.to_path_buf(), e))?;
        Config::parse(&text, path)
    }

    /// Parses config text; `path` locates relative directories and errors.
    pub fn parse(text: &str, path: &Path) -> Result<Config, ConfigError> {
        let file: ConfigFile = toml::from_str(text)
            .map_err(|e| ConfigError::Invalid(path.to_path_buf(), e.to_string()))?;
        let root = path.parent().unwrap_or(Path::new(".")).to_path_buf();
        let mut projects: Vec<Project> = Vec::new();
        for p in file.projects {
            if projects.iter().any(|q| q.name == p.name) {
                return Err(ConfigError::Invalid(
                    path.to_path_buf(),
                    format!("project `{}` is configured twice", p.name),
                ));
            }
            if let Some(preset) = &p.preset {
                if !PRESETS.contains(&preset.as_str()) {
                    return Err(ConfigError::Invalid(
                        path.to_path_buf(),
                        format!(
                            "project `{}`: unknown preset `{preset}` (known: {})",
                            p.name,
                            PRESETS.join(", ")
                        ),
                    ));
                }
            }
            if p.api_default_grants.is_some() && p.preset.as_deref() != Some("supabase") {
                return Err(ConfigError::Invalid(
                    path.to_path_buf(),
                    format!(
                        "project `{}`: api-default-grants applies to the supabase preset only",
                        p.name
                    ),
                ));
            }
            let lint = lint_settings(&file.lint, &p.lint, p.preset.as_deref())
                .map_err(|e| ConfigError::Invalid(path.to_path_buf(), e))?;
            let lock_timeout = match p.lock_timeout.as_deref() {
                None => Some("5s".to_string()),
                Some("0") => None,
                Some(t) if valid_duration(t) => Some(t.to_string()),
                Some(t) => {
                    return Err(ConfigError::Invalid(
                        path.to_path_buf(),
                        format!(
                            "project `{}`: lock-timeout `{t}` is not a duration (write `5s`, `500ms` or `1min`, or \"0\" for none)",
                            p.name
                        ),
                    ))
                }
            };
            let target = match p.postgres.as_deref() {
                None => crate::model::Target::default(),
                Some(t) => crate::model::Target::parse(t).map_err(|e| {
                    ConfigError::Invalid(
                        path.to_path_buf(),
                        format!("project `{}`: postgres = \"{t}\": {e}", p.name),
                    )
                })?,
            };
            projects.push(Project {
                target,
                lock_timeout,
                online: p.online.unwrap_or(true),
                api_default_grants: p.api_default_grants.unwrap_or(true),
                lint,
                exclude_schemas: p.exclude_schemas.clone(),
                source: root.join(&p.source),
                output: root.join(&p.output),
                source_display: p.source.display().to_string(),
                name: p.name,
                preset: p.preset,
            });
        }
        if projects.is_empty() {
            return Err(ConfigError::Invalid(
                path.to_path_buf(),
                "no [[project]] is configured".to_string(),
            ));
        }
        Ok(Config { root, projects })
    }

    /// The projects `--project` selects: the named one, or all when `None`.
    pub fn select(&self, name: Option<&str>) -> Result<Vec<&Project>, String> {
        match name {
            None => Ok(self.projects.iter().collect()),
            Some(n) => self
                .projects
                .iter()
                .find(|p| p.name == n)
                .map(|p| vec![p])
                .ok_or_else(|| {
                    let names: Vec<&str> = self.projects.iter().map(|p| p.name.as_str()).collect();
                    format!("no project named `{n}` (configured: {})", names.join(", "))
                }),
        }
    }
}

/// The lint settings of a project: the preset's defaults, then the top-level
/// `[lint]`, then the project's own.
fn lint_settings(
    top: &LintConfig,
    own: &LintConfig,
    preset: Option<&str>,
) -> Result<Settings, String> {
    let mut settings = Settings::for_preset(preset);
    for layer in [top, own] {
        if let Some(s) = &layer.exposed_schemas {
            settings.exposed_schemas = s.clone();
        }
        for (code, level) in &layer.levels {
            let c = Code::ALL
                .iter()
                .find(|c| c.is_lint() && c.as_str().eq_ignore_ascii_case(code))
                .ok_or_else(|| {
                    format!(
                        "[lint]: `{code}` is not a lint code (S001…S019, see `schemac explain`)"
                    )
                })?;
            let l = Level::parse(level).ok_or_else(|| {
                format!("[lint]: `{code} = \"{level}\"`: the level is off, warning or error")
            })?;
            settings.levels.insert(*c, l);
        }
    }
    Ok(settings)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_documented_example_and_rejects_unknown_keys() {
        let text =
            "[[project]]\nname = \"m\"\nsource = \"s\"\noutput = \"g\"\npreset = \"supabase\"\n";
        let c = Config::parse(text, Path::new("/x/schemac.toml")).expect("valid");
        assert_eq!(c.projects[0].source, PathBuf::from("/x/s"));
        assert_eq!(c.projects[0].preset.as_deref(), Some("supabase"));
        let bad = Config::parse(
            "[[project]]\nname = \"m\"\nsource = \"s\"\noutput = \"g\"\nsrc = 1\n",
            Path::new("/x/schemac.toml"),
        );
        assert!(matches!(bad, Err(ConfigError::Invalid(..))));
        let preset = Config::parse(
            "[[project]]\nname = \"m\"\nsource = \"s\"\noutput = \"g\"\npreset = \"x\"\n",
            Path::new("/x/schemac.toml"),
        );
        assert!(matches!(preset, Err(ConfigError::Invalid(..))));
    }

    #[test]
    fn lint_levels_layer_from_top_to_project_and_reject_typos() {
        let text = "[lint]\nS001 = \"error\"\nS006 = \"off\"\n[[project]]\nname = \"m\"\nsource = \"s\"\noutput = \"g\"\npreset = \"supabase\"\n[project.lint]\nS006 = \"warning\"\nexposed-schemas = [\"api\"]\n";
        let c = Config::parse(text, Path::new("/x/schemac.toml")).expect("valid");
        let lint = &c.projects[0].lint;
        assert_eq!(lint.level(Code::LintNoRls), Level::Error);
        assert_eq!(lint.level(Code::LintUnindexedPolicyColumn), Level::Warning);
        assert_eq!(lint.level(Code::LintPerRowCall), Level::Warning);
        assert_eq!(lint.exposed_schemas, ["api"]);
        for bad in ["[lint]\nC001 = \"off\"\n", "[lint]\nS001 = \"loud\"\n"] {
            let text = format!("{bad}[[project]]\nname = \"m\"\nsource = \"s\"\noutput = \"g\"\n");
            let r = Config::parse(&text, Path::new("/x/schemac.toml"));
            assert!(matches!(r, Err(ConfigError::Invalid(..))), "{bad}");
        }
    }
}

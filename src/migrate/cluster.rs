//! A private PostgreSQL cluster started from the installed server binaries, for when
//! the target's server does not let us create a throwaway database (no CREATEDB, a
//! hosted database without that right). It listens on a Unix socket only, matches the
//! target's major version (so what it makes of the schema is what the target would),
//! and is stopped and deleted when dropped. As root it runs as the `postgres` OS user,
//! since PostgreSQL refuses to run as root.

use std::path::{Path, PathBuf};
use std::process::Command;

/// A running private cluster.
#[derive(Debug)]
pub struct LocalCluster {
    dir: PathBuf,
    bin: PathBuf,
    port: u16,
    as_postgres: bool,
}

/// The directory holding `initdb` and `pg_ctl` for a major version, if installed:
/// `SCHEMAC_PG_BINDIR` when it names one of that major, else Debian's versioned
/// directory, else `pg_config --bindir`.
fn bindir(major: u32) -> Option<PathBuf> {
    let of_major = |dir: PathBuf| -> Option<PathBuf> {
        let version = Command::new(dir.join("initdb"))
            .arg("--version")
            .output()
            .ok()?;
        let text = String::from_utf8_lossy(&version.stdout);
        text.contains(&format!(" {major}.")).then_some(dir)
    };
    if let Some(dir) = std::env::var_os("SCHEMAC_PG_BINDIR").and_then(|d| of_major(d.into())) {
        return Some(dir);
    }
    let debian = PathBuf::from(format!("/usr/lib/postgresql/{major}/bin"));
    if debian.join("initdb").is_file() {
        return Some(debian);
    }
    let out = Command::new("pg_config").arg("--bindir").output().ok()?;
    of_major(PathBuf::from(String::from_utf8_lossy(&out.stdout).trim()))
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

impl LocalCluster {
    /// Initializes and starts a cluster of PostgreSQL `major`.
    pub fn start(major: u32) -> Result<LocalCluster, String> {
        let bin = bindir(major).ok_or_else(|| {
            format!("no PostgreSQL {major} server binaries are installed (initdb, pg_ctl) to start a local cluster")
        })?;
        let dir = std::env::temp_dir().join(format!(
            "schemac-cluster-{}-{}",
            std::process::id(),
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.subsec_nanos())
        ));
        std::fs::create_dir_all(&dir)
            .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .map_or(54400, |a| a.port());
        let cluster = LocalCluster {
            dir,
            bin,
            port,
            as_postgres: is_root(),
        };
        if cluster.as_postgres {
            cluster.run(
                Command::new("chown").arg("postgres").arg(&cluster.dir),
                false,
            )?;
        }
        let data = cluster.dir.join("data");
        cluster.run(
            Command::new(cluster.bin.join("initdb"))
                .args([
                    "-U",
                    "postgres",
                    "-A",
                    "trust",
                    "--no-sync",
                    "-E",
                    "UTF8",
                    "--locale=C.UTF-8",
                    "-D",
                ])
                .arg(&data),
            true,
        )?;
        let options = format!(
            "-p {port} -k {} -c listen_addresses='' -c fsync=off -c max_locks_per_transaction=512",
            cluster.dir.display()
        );
        cluster.run(
            Command::new(cluster.bin.join("pg_ctl"))
                .args(["-w", "-t", "60", "-D"])
                .arg(&data)
                .arg("-l")
                .arg(cluster.dir.join("server.log"))
                .args(["-o", &options, "start"]),
            true,
        )?;
        Ok(cluster)
    }

    /// Connection string of its `postgres` database.
    pub fn url(&self) -> String {
        format!(
            "host={} port={} user=postgres dbname=postgres sslmode=disable",
            self.dir.display(),
            self.port
        )
    }

    fn run(&self, cmd: &mut Command, as_server: bool) -> Result<(), String> {
        let mut cmd = if as_server && self.as_postgres {
            let mut r = Command::new("runuser");
            r.args(["-u", "postgres", "--"])
                .arg(cmd.get_program())
                .args(cmd.get_args());
            r
        } else {
            std::mem::replace(cmd, Command::new("true"))
        };
        let out = cmd
            .output()
            .map_err(|e| format!("cannot run {:?}: {e}", cmd.get_program()))?;
        if out.status.success() {
            Ok(())
        } else {
            Err(format!(
                "{:?} failed: {}",
                Path::new(cmd.get_program()).file_name().unwrap_or_default(),
                String::from_utf8_lossy(&out.stderr).trim()
            ))
        }
    }
}

impl Drop for LocalCluster {
    fn drop(&mut self) {
        let data = self.dir.join("data");
        let _ = self.run(
            Command::new(self.bin.join("pg_ctl"))
                .args(["-m", "immediate", "-D"])
                .arg(&data)
                .arg("stop"),
            true,
        );
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

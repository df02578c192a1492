//! Connecting to a database from a URL (or a key=value string) as users have them:
//! libpq's `sslmode` (disable, prefer (the default), require, verify-ca, verify-full)
//! and `sslrootcert`, over rustls; the transaction pooler on port 6543 refused with
//! what to use instead; errors that say what to fix and never show the password.

use super::tls;
use postgres::config::SslMode;
use postgres::{Client, Config, NoTls};

/// How to secure the connection, as libpq's `sslmode` says it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TlsMode {
    /// Plain text.
    Disable,
    /// TLS when the server offers it, certificate unchecked; plain text otherwise.
    Prefer,
    /// TLS, certificate unchecked (checked like verify-ca when a root file is given).
    Require,
    /// TLS, certificate signed by the root certificate.
    VerifyCa,
    /// TLS, certificate signed by the root certificate and naming the host.
    VerifyFull,
}

/// A parsed connection target.
#[derive(Debug, Clone)]
pub struct Target {
    /// The driver's configuration, without the TLS options schemac handles itself.
    pub config: Config,
    /// `sslmode`.
    pub mode: TlsMode,
    /// `sslrootcert`: a PEM file of trusted root certificates.
    pub root_cert: Option<String>,
    /// The target as it may be printed (password replaced).
    pub display: String,
}

/// Supabase's transaction pooler listens here; it cannot serve schemac (see [`Target::connect`]).
pub const TRANSACTION_POOLER_PORT: u16 = 6543;

/// Set to `1` to connect to port 6543 of a server that is not a transaction pooler.
pub const ALLOW_6543_ENV: &str = "SCHEMAC_ALLOW_PORT_6543";

/// A URL or key=value connection string with its password replaced by `***`.
pub fn redact(url: &str) -> String {
    if let Some((scheme, rest)) = url.split_once("://") {
        if let Some((userinfo, host)) = rest.split_once('@') {
            if let Some((user, _)) = userinfo.split_once(':') {
                return redact_query(&format!("{scheme}://{user}:***@{host}"));
            }
        }
        return redact_query(&format!("{scheme}://{rest}"));
    }
    url.split_whitespace()
        .map(|kv| {
            if kv.starts_with("password=") {
                "password=***"
            } else {
                kv
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn redact_query(url: &str) -> String {
    let mut out = url.to_string();
    if let Some(i) = out.find("password=") {
        let end = out[i..].find('&').map_or(out.len(), |n| i + n);
        out.replace_range(i + 9..end, "***");
    }
    out
}

/// Splits the TLS options schemac handles off a connection string: (the rest,
/// sslmode, sslrootcert).
fn take_tls_options(url: &str) -> (String, Option<String>, Option<String>) {
    let (mut mode, mut root) = (None, None);
    let mut keep = |k: &str, v: &str| match k {
        "sslmode" => {
            mode = Some(v.to_string());
            false
        }
        "sslrootcert" => {
            root = Some(v.to_string());
            false
        }
        _ => true,
    };
    let rest = if url.contains("://") {
        match url.split_once('?') {
            Some((base, query)) => {
                let kept: Vec<&str> = query
                    .split('&')
                    .filter(|kv| {
                        let (k, v) = kv.split_once('=').unwrap_or((kv, ""));
                        keep(k, v)
                    })
                    .collect();
                if kept.is_empty() {
                    base.to_string()
                } else {
                    format!("{base}?{}", kept.join("&"))
                }
            }
            None => url.to_string(),
        }
    } else {
        url.split_whitespace()
            .filter(|kv| {
                let (k, v) = kv.split_once('=').unwrap_or((kv, ""));
                keep(k, v.trim_matches('\''))
            })
            .collect::<Vec<_>>()
            .join(" ")
    };
    (rest, mode, root)
}

/// A URL whose query names `host` (`postgresql://u@localhost:5432/db?host=/socket`)
/// connects where the query says, as libpq does: the query's host replaces the
/// authority's (whose port moves to the query unless it names one). The driver would
/// try the authority's host first, and may reach another server there.
fn query_host_first(url: &str) -> std::borrow::Cow<'_, str> {
    let Some((scheme, rest)) = url
        .split_once("://")
        .filter(|(s, _)| *s == "postgres" || *s == "postgresql")
    else {
        return url.into();
    };
    let Some((before, query)) = rest.split_once('?') else {
        return url.into();
    };
    let names = |q: &str, name: &str| q.split('&').any(|kv| kv.split('=').next() == Some(name));
    if !names(query, "host") {
        return url.into();
    }
    let end = before.find('/').unwrap_or(before.len());
    let (authority, path) = before.split_at(end);
    let (user, hostport) = match authority.rsplit_once('@') {
        Some((u, h)) => (format!("{u}@"), h),
        None => (String::new(), authority),
    };
    let port = match hostport.rsplit_once(':') {
        Some((h, p)) if !p.is_empty() && !p.contains(']') && !h.contains(',') => Some(p),
        _ => None,
    };
    let mut out = format!("{scheme}://{user}{path}?{query}");
    if let (Some(p), false) = (port, names(query, "port")) {
        out.push_str(&format!("&port={p}"));
    }
    out.into()
}

/// Idle time before the first TCP keepalive probe, unless the connection string says.
pub const KEEPALIVES_IDLE: std::time::Duration = std::time::Duration::from_secs(30);

/// How long connecting may take when the connection string sets no `connect_timeout`.
pub const DEFAULT_CONNECT_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(10);

impl Target {
    /// Parses a connection string.
    pub fn parse(url: &str) -> Result<Target, String> {
        let display = redact(url);
        let (rest, mode, root_cert) = take_tls_options(url);
        let mode = match mode.as_deref().unwrap_or("prefer") {
            "disable" => TlsMode::Disable,
            "allow" | "prefer" => TlsMode::Prefer,
            "require" => TlsMode::Require,
            "verify-ca" => TlsMode::VerifyCa,
            "verify-full" => TlsMode::VerifyFull,
            other => {
                return Err(format!(
                    "{display}: sslmode `{other}` is not one of disable, prefer, require, verify-ca, verify-full"
                ))
            }
        };
        let mut config: Config = query_host_first(&rest)
            .parse()
            .map_err(|e| format!("{display} is not a valid connection string: {e}"))?;
        config.ssl_mode(match mode {
            TlsMode::Disable => SslMode::Disable,
            TlsMode::Prefer => SslMode::Prefer,
            _ => SslMode::Require,
        });
        // TCP keepalives find a server (or a network path) that died under a long
        // statement in about a minute, not the system's two hours; the connection
        // string's own keepalives_* settings win.
        if !rest.contains("keepalives_idle") {
            config.keepalives_idle(KEEPALIVES_IDLE);
        }
        if !rest.contains("keepalives_interval") {
            config.keepalives_interval(std::time::Duration::from_secs(10));
        }
        if !rest.contains("keepalives_retries") {
            config.keepalives_retries(3);
        }
        Ok(Target {
            config,
            mode,
            root_cert,
            display,
        })
    }

    /// The same server, another database.
    pub fn with_dbname(&self, dbname: &str) -> Target {
        let mut t = self.clone();
        t.config.dbname(dbname);
        t
    }

    /// True when a port of the target is the transaction pooler's.
    pub fn is_transaction_pooler(&self) -> bool {
        self.config.get_ports().contains(&TRANSACTION_POOLER_PORT)
            && std::env::var(ALLOW_6543_ENV).as_deref() != Ok("1")
    }

    /// Connects. A transaction pooler is refused: it hands each transaction to another
    /// server session, which breaks the session locks that serialize migrations and the
    /// prepared statements every query uses.
    pub fn connect(&self) -> Result<Client, String> {
        if self.is_transaction_pooler() {
            return Err(format!(
                "{} is port {TRANSACTION_POOLER_PORT}, Supabase's transaction pooler, which gives each transaction a different session; schemac needs one session: connect directly (db.<project>.supabase.co:5432) or through the session pooler (port 5432 of the same pooler host). If this server is not a pooler, set {ALLOW_6543_ENV}=1",
                self.display
            ));
        }
        let tls = match self.mode {
            TlsMode::Disable => None,
            mode => Some(
                tls::connector(mode, self.root_cert.as_deref())
                    .map_err(|e| format!("{}: {e}", self.display))?,
            ),
        };
        // The driver's connect_timeout bounds only the TCP connect; like libpq's, ours
        // bounds the whole start-up (TLS handshake, authentication), so a server that
        // accepts and never answers cannot hang a command.
        let limit = match self.config.get_connect_timeout() {
            Some(t) if t.is_zero() => None,
            Some(t) => Some(*t),
            None => Some(DEFAULT_CONNECT_TIMEOUT),
        };
        let config = self.config.clone();
        let (send, receive) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let result = match tls {
                None => config.connect(NoTls),
                Some(tls) => config.connect(tls),
            };
            let _ = send.send(result);
        });
        let result = match limit {
            None => receive.recv().map_err(|_| None),
            Some(limit) => receive.recv_timeout(limit).map_err(|_| Some(limit)),
        };
        match result {
            Ok(r) => r.map_err(|e| self.explain(&e)),
            Err(limit) => Err(format!(
                "cannot connect to {}: no answer within {} s\n  help: the server took the connection but did not complete the start-up: is it PostgreSQL, and is it overloaded? Set connect_timeout=<seconds> in the connection string to wait longer (0: forever)",
                self.display,
                limit.map_or(0, |l| l.as_secs())
            )),
        }
    }

    /// A connection failure as a sentence that says what to check.
    fn explain(&self, e: &postgres::Error) -> String {
        let why = match e.as_db_error() {
            Some(d) => format!("{} ({})", d.message(), d.code().code()),
            None => {
                let mut s = e.to_string();
                let mut src = std::error::Error::source(e);
                while let Some(inner) = src {
                    s.push_str(": ");
                    s.push_str(&inner.to_string());
                    src = inner.source();
                }
                s
            }
        };
        let hint = match e.code().map(|c| c.code()) {
            Some("28P01") => {
                Some("check the password in the connection string (schemac never prints it)")
            }
            Some("28000") if why.contains("no encryption") => Some(
                "the server accepts only TLS connections here: add sslmode=require, or verify-full with sslrootcert=<CA file>",
            ),
            Some("28000") => Some("the server's pg_hba.conf does not let this user in from here"),
            Some("3D000") => Some("create the database, or name one that exists"),
            Some("42501") => Some("this user lacks a privilege schemac needs on that database"),
            _ if why.contains("Connection refused") => {
                Some("nothing listens at that host and port: is the server running?")
            }
            _ if why.contains("certificate") || why.contains("UnknownIssuer") => Some(
                "the server's certificate is not trusted: pass sslrootcert=<CA file> (Supabase: the CA certificate from the project's database settings)",
            ),
            _ if why.contains("server does not support TLS") => Some(
                "the server has TLS switched off: use sslmode=prefer or disable, or turn ssl on",
            ),
            _ => None,
        };
        match hint {
            Some(h) => format!("cannot connect to {}: {why}\n  help: {h}", self.display),
            None => format!("cannot connect to {}: {why}", self.display),
        }
    }
}

/// A database error as one line: PostgreSQL's message and SQLSTATE (the driver's own
/// `Display` says only "db error").
pub fn describe(e: &postgres::Error) -> String {
    match e.as_db_error() {
        Some(d) => {
            let mut s = format!("{} ({})", d.message(), d.code().code());
            if let Some(h) = d.hint() {
                s.push_str(&format!("; hint: {h}"));
            }
            s
        }
        None => e.to_string(),
    }
}

/// Connects, turning failures into a sentence that names the (redacted) target.
pub fn connect(url: &str) -> Result<Client, String> {
    Target::parse(url)?.connect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_never_show() {
        assert_eq!(
            redact("postgres://u:s3cret@h:5432/db"),
            "postgres://u:***@h:5432/db"
        );
        assert_eq!(
            redact("postgresql://h/db?user=u&password=s3cret&sslmode=require"),
            "postgresql://h/db?user=u&password=***&sslmode=require"
        );
        assert_eq!(
            redact("host=h password=s3cret dbname=d"),
            "host=h password=*** dbname=d"
        );
        assert!(!redact("postgres://u@h/db").contains("***"));
    }

    #[test]
    fn keepalives_probe_within_a_minute_unless_the_url_says() {
        let t = Target::parse("postgres://u@h/db").expect("parses");
        assert_eq!(t.config.get_keepalives_idle(), KEEPALIVES_IDLE);
        assert_eq!(t.config.get_keepalives_retries(), Some(3));
        let t = Target::parse("postgres://u@h/db?keepalives_idle=600").expect("parses");
        assert_eq!(
            t.config.get_keepalives_idle(),
            std::time::Duration::from_secs(600)
        );
    }

    #[test]
    fn tls_options_are_taken_off_both_forms() {
        let t = Target::parse(
            "postgres://u:pw@h:5432/db?sslmode=verify-full&sslrootcert=/ca.crt&application_name=x",
        )
        .expect("parses");
        assert_eq!(t.mode, TlsMode::VerifyFull);
        assert_eq!(t.root_cert.as_deref(), Some("/ca.crt"));
        assert_eq!(t.config.get_application_name(), Some("x"));
        assert!(!t.display.contains("pw"));
        let kv = Target::parse("host=h dbname=d sslmode=require").expect("parses");
        assert_eq!(kv.mode, TlsMode::Require);
        assert_eq!(
            Target::parse("postgres://h/d").expect("parses").mode,
            TlsMode::Prefer
        );
        let bad = Target::parse("postgres://u:pw@h/d?sslmode=sometimes").expect_err("rejected");
        assert!(bad.contains("sometimes") && !bad.contains("pw@"));
    }

    #[test]
    fn the_transaction_pooler_is_refused_with_what_to_use() {
        let t = Target::parse("postgres://u:pw@aws-0-eu.pooler.supabase.com:6543/postgres")
            .expect("parses");
        assert!(t.is_transaction_pooler());
        let e = t.connect().err().expect("refused before connecting");
        assert!(e.contains("session pooler") && e.contains("5432"), "{e}");
        assert!(!e.contains("pw"), "{e}");
    }

    #[test]
    fn a_host_in_the_query_replaces_the_authority_as_in_libpq() {
        let hosts = |url: &str| {
            let c: Config = query_host_first(url).parse().expect("parses");
            (format!("{:?}", c.get_hosts()), c.get_ports().to_vec())
        };
        assert_eq!(
            hosts("postgresql://u@localhost:5433/db?host=/tmp/sock"),
            ("[Unix(\"/tmp/sock\")]".to_string(), vec![5433])
        );
        assert_eq!(
            hosts("postgres://u@db.example:5433/db?port=6000&host=/s"),
            ("[Unix(\"/s\")]".to_string(), vec![6000])
        );
        assert_eq!(
            hosts("postgresql://u@localhost:5433/db?sslmode=disable"),
            ("[Tcp(\"localhost\")]".to_string(), vec![5433])
        );
        assert_eq!(
            query_host_first("host=/s port=1 user=u"),
            "host=/s port=1 user=u"
        );
    }
}

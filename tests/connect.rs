//! Connections as users have them, against the test server (which `scripts/pg-server`
//! starts with `ssl=on`, a certificate for `localhost` signed by a test CA, a role that
//! may only connect over TLS and a role with a password): every `sslmode`, a CA file,
//! verify-full's host check, an untrusted CA, TLS-only users, wrong passwords, and
//! `migrate` over verify-full. Errors say what to fix and never show a password.

mod common;

use common::pg::{server_url, TestDb};
use schemac::migrate::connect::connect;

/// The test CA files, or None where live tests skip.
fn cas() -> Option<(String, String)> {
    server_url()?;
    let ca = std::env::var("SCHEMAC_TEST_CA").expect("scripts/pg-server exports SCHEMAC_TEST_CA");
    let other = std::env::var("SCHEMAC_TEST_OTHER_CA").expect("and SCHEMAC_TEST_OTHER_CA");
    Some((ca, other))
}

fn port() -> String {
    let url = server_url().expect("server");
    url.rsplit(':')
        .next()
        .and_then(|p| p.split('/').next())
        .expect("port")
        .to_string()
}

/// Whether the connection is encrypted, as the server sees it.
fn encrypted(url: &str) -> bool {
    let mut c = connect(url).unwrap_or_else(|e| panic!("{e}"));
    c.query_one(
        "select ssl from pg_stat_ssl where pid = pg_backend_pid()",
        &[],
    )
    .expect("pg_stat_ssl")
    .get(0)
}

#[test]
fn every_sslmode_behaves_as_libpq_says() {
    let Some((ca, other)) = cas() else { return };
    let p = port();
    let full =
        format!("postgres://postgres@localhost:{p}/postgres?sslmode=verify-full&sslrootcert={ca}");
    assert!(encrypted(&full), "verify-full with the CA is encrypted");
    assert!(
        encrypted(&format!("postgres://postgres@127.0.0.1:{p}/postgres")),
        "prefer (the default) uses TLS when offered"
    );
    assert!(encrypted(&format!(
        "postgres://postgres@127.0.0.1:{p}/postgres?sslmode=require"
    )));
    assert!(!encrypted(&format!(
        "postgres://postgres@127.0.0.1:{p}/postgres?sslmode=disable"
    )));
    assert!(encrypted(&format!("host=localhost port={p} user=postgres dbname=postgres sslmode=verify-full sslrootcert={ca}")));

    // The certificate names localhost, not 127.0.0.1: verify-full refuses, verify-ca accepts.
    let by_ip = connect(&format!(
        "postgres://postgres@127.0.0.1:{p}/postgres?sslmode=verify-full&sslrootcert={ca}"
    ))
    .err()
    .expect("verify-full checks the host name");
    assert!(by_ip.contains("certificate"), "{by_ip}");
    assert!(encrypted(&format!(
        "postgres://postgres@127.0.0.1:{p}/postgres?sslmode=verify-ca&sslrootcert={ca}"
    )));

    // Signed by a CA we were not told to trust.
    let untrusted = connect(&format!(
        "postgres://postgres:s3cret@localhost:{p}/postgres?sslmode=verify-full&sslrootcert={other}"
    ))
    .err()
    .expect("an untrusted CA is refused");
    assert!(
        untrusted.contains("help: the server's certificate is not trusted"),
        "{untrusted}"
    );
    assert!(!untrusted.contains("s3cret"), "{untrusted}");
    let no_file = connect(&format!("postgres://postgres@localhost:{p}/postgres?sslmode=verify-full&sslrootcert=/nonexistent/ca.crt"))
        .err()
        .expect("a missing CA file is an error");
    assert!(no_file.contains("/nonexistent/ca.crt"), "{no_file}");
}

#[test]
fn tls_only_users_and_wrong_passwords_get_a_hint() {
    let Some((ca, _)) = cas() else { return };
    let p = port();
    let plain = connect(&format!(
        "postgres://schemac_tls_only@127.0.0.1:{p}/postgres?sslmode=disable"
    ))
    .err()
    .expect("the TLS-only role is refused in plain text");
    assert!(plain.contains("accepts only TLS"), "{plain}");
    assert!(encrypted(&format!(
        "postgres://schemac_tls_only@localhost:{p}/postgres?sslmode=verify-full&sslrootcert={ca}"
    )));

    let wrong = connect(&format!(
        "postgres://schemac_password:not-it@127.0.0.1:{p}/postgres"
    ))
    .err()
    .expect("a wrong password is refused");
    assert!(
        wrong.contains("28P01") && wrong.contains("check the password"),
        "{wrong}"
    );
    assert!(!wrong.contains("not-it"), "password printed: {wrong}");
    connect(&format!(
        "postgres://schemac_password:right-password@127.0.0.1:{p}/postgres"
    ))
    .unwrap_or_else(|e| panic!("{e}"));

    let refused = connect("postgres://postgres:pw@127.0.0.1:1/postgres")
        .err()
        .expect("no server there");
    assert!(refused.contains("is the server running"), "{refused}");
}

#[test]
fn migrate_and_diff_work_over_verify_full() {
    let Some((ca, _)) = cas() else { return };
    let url = server_url().expect("server");
    let db = TestDb::create(&url, "tls_migrate");
    let secure = format!(
        "postgres://postgres@localhost:{}/{}?sslmode=verify-full&sslrootcert={ca}",
        port(),
        db.name
    );
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_schemac"))
            .arg("-C")
            .arg(common::root())
            .args(args)
            .env("NO_COLOR", "1")
            .output()
            .expect("schemac runs")
    };
    let o = run(&["prelude", "--project", "agentic-ai", "--apply", &secure]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let o = run(&["migrate", "--project", "agentic-ai", "--live", &secure]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let o = run(&[
        "diff",
        "--project",
        "agentic-ai",
        "--live",
        &secure,
        "--shadow-url",
        &secure,
    ]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
}

/// `?host=` in a URL wins over the URL's own host, as in libpq: here the URL's host is a
/// listener that takes connections and never answers, and the query names the test
/// server's socket directory, so connecting there first would hang until the timeout.
#[test]
fn a_host_in_the_query_is_where_the_connection_goes() {
    let Some(url) = server_url() else { return };
    let mut admin = connect(&url).unwrap_or_else(|e| panic!("{e}"));
    let sockets: String = admin
        .query_one("show unix_socket_directories", &[])
        .expect("socket directories")
        .get(0);
    let dir = sockets
        .split(',')
        .next()
        .expect("a directory")
        .trim()
        .to_string();
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("listen");
    let silent = listener.local_addr().expect("addr").port();
    std::thread::spawn(move || {
        let mut held = Vec::new();
        for c in listener.incoming() {
            held.push(c);
        }
    });
    let via_query = format!(
        "postgresql://postgres@127.0.0.1:{silent}/postgres?host={dir}&port={}&connect_timeout=5&sslmode=disable",
        port()
    );
    let mut c = connect(&via_query).unwrap_or_else(|e| panic!("{e}"));
    let local: Option<String> = c
        .query_one("select inet_client_addr()::text", &[])
        .expect("client address")
        .get(0);
    assert_eq!(local, None, "connected over the socket, not TCP");
}

//! Connecting to a database from a URL, with errors that never show the password.

use postgres::{Client, NoTls};

/// A URL or key=value connection string with its password replaced by `***`.
pub fn redact(url: &str) -> String {
    if let Some((scheme, rest)) = url.split_once("://") {
        if let Some((userinfo, host)) = rest.split_once('@') {
            if let Some((user, _)) = userinfo.split_once(':') {
                return format!("{scheme}://{user}:***@{host}");
            }
        }
        let mut out = format!("{scheme}://{rest}");
        if let Some(i) = out.find("password=") {
            let end = out[i..].find('&').map_or(out.len(), |n| i + n);
            out.replace_range(i + 9..end, "***");
        }
        return out;
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

/// Connects, turning failures into a sentence that names the (redacted) target.
pub fn connect(url: &str) -> Result<Client, String> {
    Client::connect(url, NoTls).map_err(|e| {
        let why = match e.as_db_error() {
            Some(d) => format!("{} ({})", d.message(), d.code().code()),
            None => {
                let mut s = e.to_string();
                let mut src = std::error::Error::source(&e);
                while let Some(inner) = src {
                    s.push_str(": ");
                    s.push_str(&inner.to_string());
                    src = inner.source();
                }
                s
            }
        };
        format!("cannot connect to {}: {why}", redact(url))
    })
}

#[cfg(test)]
mod tests {
    use super::redact;

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
}

//! Settings from the environment (documented in the README).

use std::net::SocketAddr;
use std::path::PathBuf;

#[derive(Debug, Clone)]
pub struct Settings {
    /// `OBRIY_ADDR`, default `127.0.0.1:8080`; port 0 picks a free port.
    pub addr: SocketAddr,
    /// `DATABASE_URL`: a file path or `sqlite://` URL (SQLite), or `postgres://` (PostgreSQL).
    pub database_url: String,
    /// `OBRIY_STATIC_DIR`: the built app, default `./dist`.
    pub static_dir: PathBuf,
    /// `OBRIY_DEMO=1`: load the demo plan and demo accounts on first start.
    pub demo: bool,
    /// `OBRIY_SECURE_COOKIES=1` behind HTTPS.
    pub secure_cookies: bool,
    /// `OBRIY_NOW=2026-10-03`: a fixed "today" for the reporting calendar (demos, tests).
    pub today: Option<shared::Date>,
    /// `OBRIY_REMINDERS=0` turns off the hourly report reminder pass (tests run it on demand).
    pub reminders: bool,
    /// `OBRIY_SQLITE_SYNC=normal` trades durability on power loss for faster SQLite commits
    /// (default `full`).
    pub sqlite_sync: crate::db::SqliteSync,
    /// `OBRIY_TRUSTED_PROXIES=127.0.0.1,10.0.0.2`: the reverse proxies in front of the server,
    /// whose `X-Forwarded-For` names the client's address (for the sign-in limiter).
    pub trusted_proxies: Vec<std::net::IpAddr>,
    /// `OBRIY_BACKUP_DIR=/var/backups/obriy`: a verified copy of the SQLite database there every
    /// day (the first at start when the newest is a day old), keeping the newest
    /// `OBRIY_BACKUP_KEEP` (default 7).
    pub backup_dir: Option<PathBuf>,
    pub backup_keep: usize,
    /// `OBRIY_PUBLIC_RATE=20,120`: requests per second and the burst one address may make to
    /// the public reads without an account (signed-in users are not limited).
    pub public_rate: crate::app::public::limiter::Rate,
}

impl Settings {
    pub fn from_env() -> anyhow::Result<Settings> {
        let var = |name: &str| std::env::var(name).ok().filter(|v| !v.trim().is_empty());
        let flag =
            |name: &str| var(name).is_some_and(|v| matches!(v.as_str(), "1" | "true" | "yes"));
        let addr = var("OBRIY_ADDR").unwrap_or_else(|| "127.0.0.1:8080".into());
        Ok(Settings {
            addr: addr
                .parse()
                .map_err(|e| anyhow::anyhow!("OBRIY_ADDR={addr:?} is not an address: {e}"))?,
            database_url: var("DATABASE_URL").unwrap_or_else(|| "data/obriy.db".into()),
            static_dir: var("OBRIY_STATIC_DIR")
                .map_or_else(|| PathBuf::from("dist"), PathBuf::from),
            demo: flag("OBRIY_DEMO"),
            secure_cookies: flag("OBRIY_SECURE_COOKIES"),
            today: var("OBRIY_NOW")
                .map(|v| {
                    shared::Date::parse(&v).map_err(|_| {
                        anyhow::anyhow!("OBRIY_NOW={v:?} is not a date written YYYY-MM-DD")
                    })
                })
                .transpose()?,
            reminders: var("OBRIY_REMINDERS")
                .is_none_or(|v| !matches!(v.as_str(), "0" | "false" | "no")),
            sqlite_sync: match var("OBRIY_SQLITE_SYNC").as_deref() {
                None | Some("full") => crate::db::SqliteSync::Full,
                Some("normal") => crate::db::SqliteSync::Normal,
                Some(other) => anyhow::bail!("OBRIY_SQLITE_SYNC={other:?}: write full or normal"),
            },
            trusted_proxies: var("OBRIY_TRUSTED_PROXIES")
                .unwrap_or_default()
                .split(',')
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .map(|p| {
                    p.parse().map_err(|_| {
                        anyhow::anyhow!("OBRIY_TRUSTED_PROXIES: {p:?} is not an IP address")
                    })
                })
                .collect::<anyhow::Result<_>>()?,
            backup_dir: var("OBRIY_BACKUP_DIR").map(PathBuf::from),
            backup_keep: match var("OBRIY_BACKUP_KEEP") {
                None => 7,
                Some(v) => v.parse().ok().filter(|n| *n >= 1).ok_or_else(|| {
                    anyhow::anyhow!("OBRIY_BACKUP_KEEP={v:?}: write a number, 1 or more")
                })?,
            },
            public_rate: match var("OBRIY_PUBLIC_RATE") {
                None => Default::default(),
                Some(v) => crate::app::public::limiter::Rate::parse(&v).ok_or_else(|| {
                    anyhow::anyhow!("OBRIY_PUBLIC_RATE={v:?}: write requests per second and a burst, e.g. 20,120")
                })?,
            },
        })
    }
}

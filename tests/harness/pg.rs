//! A throwaway PostgreSQL cluster for the tests of one process, and a fresh database per test.
//!
//! `OBRIY_TEST_PG_URL` (a superuser URL) points the tests at an existing server instead.

use diesel::{Connection, PgConnection, RunQueryDsl};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

struct Cluster {
    admin_url: String,
}

static CLUSTER: OnceLock<Result<Cluster, String>> = OnceLock::new();
static COUNTER: AtomicU32 = AtomicU32::new(0);

/// A new, empty database; returns its URL.
pub fn fresh_database() -> String {
    let cluster = match CLUSTER.get_or_init(start) {
        Ok(c) => c,
        Err(e) => panic!("PostgreSQL for the tests: {e}"),
    };
    let name = format!(
        "obriy_{}_{}_{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::SeqCst),
        rand::random::<u32>()
    );
    let mut admin = PgConnection::establish(&cluster.admin_url)
        .unwrap_or_else(|e| panic!("connecting to {}: {e}", cluster.admin_url));
    diesel::sql_query(format!("CREATE DATABASE {name}"))
        .execute(&mut admin)
        .unwrap_or_else(|e| panic!("CREATE DATABASE {name}: {e}"));
    match cluster.admin_url.rsplit_once('/') {
        Some((server, _)) => format!("{server}/{name}"),
        None => panic!("unexpected admin URL {}", cluster.admin_url),
    }
}

pub fn find_binary(name: &str) -> Option<PathBuf> {
    let from_path = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|p| p.join(name))
            .find(|p| p.is_file())
    });
    from_path.or_else(|| {
        std::fs::read_dir("/usr/lib/postgresql")
            .ok()?
            .filter_map(Result::ok)
            .map(|e| e.path().join("bin").join(name))
            .find(|p| p.is_file())
    })
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false)
}

/// A command run as the `postgres` user when we are root (initdb refuses root).
fn as_server_user(program: &Path) -> Command {
    if is_root() {
        let mut c = Command::new("runuser");
        c.args(["-u", "postgres", "--"]).arg(program);
        c
    } else {
        Command::new(program)
    }
}

fn free_port() -> Result<u16, String> {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .map_err(|e| e.to_string())
}

fn start() -> Result<Cluster, String> {
    if let Ok(url) = std::env::var("OBRIY_TEST_PG_URL") {
        return Ok(Cluster { admin_url: url });
    }
    let missing = "PostgreSQL server binaries (initdb, postgres) were not found. Install them \
                   (Debian: apt-get install postgresql) or set OBRIY_TEST_PG_URL to a superuser URL";
    let initdb = find_binary("initdb").ok_or(missing)?;
    let postgres = find_binary("postgres").ok_or(missing)?;
    let dir = std::env::temp_dir().join(format!(
        "obriy-pg-{}-{}",
        std::process::id(),
        rand::random::<u32>()
    ));
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    if is_root() {
        let ok = Command::new("chown")
            .args(["-R", "postgres:postgres"])
            .arg(&dir)
            .status()
            .map(|s| s.success())
            .unwrap_or(false);
        if !ok {
            return Err("could not give the cluster folder to the postgres user".into());
        }
    }
    let data = dir.join("data");
    let out = as_server_user(&initdb)
        .args([
            "--auth=trust",
            "--username=postgres",
            "--encoding=UTF8",
            "--locale=C.UTF-8",
            "-D",
        ])
        .arg(&data)
        .output()
        .map_err(|e| format!("initdb: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "initdb failed: {}",
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    let port = free_port()?;
    // The server lives as long as this test process: a watcher stops it and removes its files.
    let script = format!(
        "'{pg}' -D '{data}' -p {port} -k '{dir}' -c listen_addresses=127.0.0.1 \
         -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=400 \
         >'{dir}/log' 2>&1 & pid=$!; \
         while [ -d /proc/{parent} ] && kill -0 $pid 2>/dev/null; do sleep 0.5; done; \
         kill -INT $pid 2>/dev/null; wait $pid; rm -rf '{dir}'",
        pg = postgres.display(),
        data = data.display(),
        dir = dir.display(),
        parent = std::process::id(),
    );
    let sh = PathBuf::from("/bin/sh");
    as_server_user(&sh)
        .arg("-c")
        .arg(script)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("starting postgres: {e}"))?;
    let admin_url = format!("postgres://postgres@127.0.0.1:{port}/postgres");
    let started = Instant::now();
    loop {
        match PgConnection::establish(&admin_url) {
            Ok(_) => return Ok(Cluster { admin_url }),
            Err(e) if started.elapsed() > Duration::from_secs(30) => {
                let log = std::fs::read_to_string(dir.join("log")).unwrap_or_default();
                return Err(format!("postgres did not start: {e}\n{log}"));
            }
            Err(_) => std::thread::sleep(Duration::from_millis(100)),
        }
    }
}

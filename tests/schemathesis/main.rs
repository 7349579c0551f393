//! Schemathesis (property-based API testing from the OpenAPI document) against a real server,
//! signed in as a community coordinator and as the department, on SQLite and PostgreSQL: no
//! answer may be a 5xx, and every answer must match the document (status, content type, body).
//!
//! `cargo xtask test` installs the pinned schemathesis into `target/schemathesis`;
//! `OBRIY_SCHEMATHESIS` names another `st`; `OBRIY_SCHEMATHESIS_SECONDS` bounds each run (60).

use obriy_tests::app::{spawn_app, DbKind, TestApp};
use shared::api::auth::{LoginRequest, SessionInfo};
use shared::api::endpoints as ep;
use shared::api::{CSRF_HEADER, SESSION_COOKIE};
use std::path::PathBuf;
use std::process::Command;
use std::time::{Duration, Instant};

/// The version `cargo xtask test` installs.
pub const VERSION: &str = "4.32.5";

fn schemathesis() -> PathBuf {
    if let Some(st) = std::env::var_os("OBRIY_SCHEMATHESIS") {
        return PathBuf::from(st);
    }
    let venv = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/schemathesis/bin/st");
    if venv.is_file() {
        return venv;
    }
    panic!(
        "schemathesis {VERSION} is not installed: `cargo xtask test` installs it into \
         target/schemathesis, or `pip install schemathesis=={VERSION}` and set \
         OBRIY_SCHEMATHESIS to its `st`"
    );
}

/// Signs in without a cookie store and returns the session cookie and the CSRF token, the
/// headers schemathesis sends with every request.
fn session(app: &TestApp, login: &str) -> (String, String) {
    let resp = reqwest::blocking::Client::new()
        .post(format!("{}{}", app.url, ep::LOGIN.url(&[])))
        .json(&LoginRequest {
            login: login.into(),
            password: obriy_tests::DEMO_PASSWORD.into(),
        })
        .send()
        .unwrap_or_else(|e| panic!("signing in: {e}"));
    let cookie = resp
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|v| {
            v.split(';')
                .next()
                .filter(|pair| pair.starts_with(&format!("{SESSION_COOKIE}=")))
                .map(str::to_string)
        })
        .unwrap_or_else(|| panic!("no session cookie for {login}"));
    let info: SessionInfo = resp.json().unwrap_or_else(|e| panic!("session: {e}"));
    (cookie, info.csrf_token)
}

fn run(kind: DbKind, login: &str) {
    let app = spawn_app(kind, true);
    let (cookie, csrf) = session(&app, login);
    let seconds: u64 = std::env::var("OBRIY_SCHEMATHESIS_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(60);
    let reports = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut st = Command::new(schemathesis());
    st.arg("run")
        .arg(format!("{}{}", app.url, ep::OPENAPI.url(&[])))
        .args(["--header", &format!("Cookie: {cookie}")])
        .args(["--header", &format!("{CSRF_HEADER}: {csrf}")])
        // The event stream never ends; signing out or changing the password would end the
        // session the run is signed in with (both have their own tests).
        .args(["--exclude-path", ep::EVENTS.path])
        .args(["--exclude-path", ep::LOGOUT.path])
        .args(["--exclude-path", ep::PASSWORD_CHANGE.path])
        .args([
            "--checks",
            "not_a_server_error,status_code_conformance,content_type_conformance,\
             response_schema_conformance",
        ])
        .args(["--max-time", &seconds.to_string()])
        // One worker: with two, CPython 3.11 sometimes fails inside hypothesis with "AST
        // constructor recursion depth mismatch" (ast.parse from two threads at once), an error
        // of the tool, not of the API.
        .args(["--workers", "1", "--request-timeout", "20"])
        .args(["--generation-database", "none", "--no-color"])
        .arg("--report-dir")
        .arg(reports.path())
        .env("SCHEMATHESIS_TELEMETRY", "false")
        .current_dir(reports.path());
    let started = Instant::now();
    let out = st
        .output()
        .unwrap_or_else(|e| panic!("running {st:?}: {e}"));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "schemathesis as {login} on {kind:?} found problems:\n{text}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        started.elapsed() < Duration::from_secs(seconds + 120),
        "the run went far past its budget"
    );
    let summary: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| l.starts_with("Tested:") || l.contains(" generated, "))
        .collect();
    eprintln!(
        "schemathesis as {login} on {kind:?}: {}",
        summary.join("; ")
    );
}

#[test]
fn sqlite_as_a_community_coordinator() {
    run(DbKind::Sqlite, "community.pidhorodne");
}

#[test]
fn sqlite_as_the_department() {
    run(DbKind::Sqlite, "department");
}

#[test]
fn postgres_as_a_community_coordinator() {
    run(DbKind::Postgres, "community.pidhorodne");
}

#[test]
fn postgres_as_the_department() {
    run(DbKind::Postgres, "department");
}

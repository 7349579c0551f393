//! `cargo xtask <command>`: the project's build, run, test and bench commands.

mod setup;
mod web;

use anyhow::{bail, Result};
use std::path::PathBuf;
use std::process::Command;

const USAGE: &str = "\
usage: cargo xtask <command>

  run         build the app and the server, start Obriy on embedded SQLite with demo data
  test        run every test: format, clippy, unit, API (SQLite and PostgreSQL), schemathesis,
              browser
  bench       the app's load times over a throttled link (--web: only those), then load-test
              the plan, roll-up and public endpoints on a 10x dataset (--endpoints, --excel)
  build-web   build the wasm app into dist/ only
";

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("run") => run(),
        Some("test") => test(&args[1..]),
        Some("bench") => bench(&args[1..]),
        Some("build-web") => web::build(web::Profile::Release).map(|_| ()),
        _ => {
            eprint!("{USAGE}");
            std::process::exit(2);
        }
    };
    if let Err(e) = result {
        eprintln!("\nxtask: {e:#}");
        std::process::exit(1);
    }
}

/// The workspace root (the parent of this crate's folder).
pub fn root() -> PathBuf {
    let here = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    here.parent().map(PathBuf::from).unwrap_or(here)
}

/// Runs a command in the workspace root and fails with its name if it fails.
pub fn sh(cmd: &mut Command) -> Result<()> {
    let status = cmd.current_dir(root()).status()?;
    if !status.success() {
        bail!("{cmd:?} failed with {status}");
    }
    Ok(())
}

pub fn cargo() -> Command {
    Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
}

fn run() -> Result<()> {
    web::build(web::Profile::Release)?;
    sh(cargo().args(["build", "--release", "-p", "obriy-backend"]))?;
    let mut cmd = Command::new(root().join("target/release/obriy"));
    cmd.env("OBRIY_DEMO", "1")
        .env("OBRIY_STATIC_DIR", root().join("dist"));
    sh(cmd.arg("serve"))
}

fn test(extra: &[String]) -> Result<()> {
    setup::wasm_target()?;
    setup::test_packages()?;
    setup::schemathesis()?;
    setup::frictionless()?;
    sh(cargo().args(["fmt", "--all", "--", "--check"]))?;
    sh(cargo().args([
        "clippy",
        "--workspace",
        "--all-targets",
        "--",
        "-D",
        "warnings",
    ]))?;
    sh(cargo().args([
        "clippy",
        "-p",
        "obriy-frontend",
        "--target",
        "wasm32-unknown-unknown",
        "--",
        "-D",
        "warnings",
    ]))?;
    web::build(web::Profile::Release)?;
    // The harness starts its own throwaway PostgreSQL cluster (or uses OBRIY_TEST_PG_URL).
    sh(cargo()
        .args([
            "test",
            "--workspace",
            "--exclude",
            "xtask",
            "--no-fail-fast",
        ])
        .args(extra)
        .env("OBRIY_STATIC_DIR", root().join("dist")))
}

fn bench(extra: &[String]) -> Result<()> {
    // The load times in a browser (all but `--endpoints` and `--excel`) need the built app.
    if !extra.iter().any(|a| a == "--endpoints" || a == "--excel") {
        setup::test_packages()?;
        web::build(web::Profile::Release)?;
    }
    sh(cargo()
        .args([
            "run",
            "--release",
            "-p",
            "obriy-tests",
            "--bin",
            "bench",
            "--",
        ])
        .args(extra))
}

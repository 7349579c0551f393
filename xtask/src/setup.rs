//! Installs what the commands need on a fresh machine, or says exactly what to do.

use anyhow::{bail, Context, Result};
use std::path::Path;
use std::process::Command;

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false)
}

/// `rustup target add wasm32-unknown-unknown` unless it is there.
pub fn wasm_target() -> Result<()> {
    let out = Command::new("rustup")
        .args(["target", "list", "--installed"])
        .output()
        .context("rustup not found: install Rust with rustup (https://rustup.rs)")?;
    if String::from_utf8_lossy(&out.stdout).contains("wasm32-unknown-unknown") {
        return Ok(());
    }
    eprintln!("xtask: adding the wasm32-unknown-unknown target");
    crate::sh(Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"]))
}

/// Debian's packages the tests use: chromium and chromium-driver (the browser tests) and
/// poppler-utils (`pdftotext`, reading the generated documents back).
const TEST_PACKAGES: [(&str, &str); 3] = [
    ("/usr/bin/chromium", "chromium"),
    ("/usr/bin/chromedriver", "chromium-driver"),
    ("/usr/bin/pdftotext", "poppler-utils"),
];

/// Installs whichever of [`TEST_PACKAGES`] is missing (as root), or says what to run.
pub fn test_packages() -> Result<()> {
    let missing: Vec<&str> = TEST_PACKAGES
        .iter()
        .filter(|(binary, _)| !Path::new(binary).exists())
        .map(|(_, package)| *package)
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    if !is_root() {
        bail!(
            "the tests need Debian's {list}. Install them with\n\
             \n    sudo apt-get update && sudo apt-get install -y {list}\n\
             \nthen run this command again.",
            list = missing.join(" ")
        );
    }
    eprintln!("xtask: installing {} (apt-get)", missing.join(", "));
    crate::sh(Command::new("apt-get").arg("update").arg("-q"))?;
    crate::sh(
        Command::new("apt-get")
            .args(["install", "-y", "-q"])
            .args(&missing)
            .env("DEBIAN_FRONTEND", "noninteractive"),
    )
}

/// The schemathesis version the API's property tests run (tests/schemathesis).
const SCHEMATHESIS: &str = "4.32.5";

/// Schemathesis in its own virtual environment under `target/schemathesis`, from PyPI.
pub fn schemathesis() -> Result<()> {
    python_tool(&PythonTool {
        dir: "schemathesis",
        command: "st",
        requirement: format!("schemathesis=={SCHEMATHESIS}"),
        version: SCHEMATHESIS,
        used_by: "the API's property tests",
    })
}

/// The frictionless version the open data package is validated with (tests/opendata).
const FRICTIONLESS: &str = "5.21.0";

/// Frictionless in its own virtual environment under `target/frictionless`, from PyPI (with the
/// json extra, for the JSON files).
pub fn frictionless() -> Result<()> {
    python_tool(&PythonTool {
        dir: "frictionless",
        command: "frictionless",
        requirement: format!("frictionless[json]=={FRICTIONLESS}"),
        version: FRICTIONLESS,
        used_by: "the open data tests",
    })
}

/// A Python command line tool pinned to a version, in a virtual environment under `target/`.
struct PythonTool {
    dir: &'static str,
    command: &'static str,
    requirement: String,
    version: &'static str,
    used_by: &'static str,
}

fn python_tool(tool: &PythonTool) -> Result<()> {
    let venv = crate::root().join("target").join(tool.dir);
    let installed = Command::new(venv.join("bin").join(tool.command))
        .arg("--version")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).contains(tool.version));
    if installed {
        return Ok(());
    }
    let python = venv.join("bin/python");
    if !python.exists() {
        let made = Command::new("python3")
            .args(["-m", "venv"])
            .arg(&venv)
            .status()
            .is_ok_and(|s| s.success());
        if !made {
            bail!(
                "{} need Python 3 with venv (for {}). Install it with\n\n    sudo apt-get \
                 install -y python3 python3-venv\n\nthen run this command again.",
                tool.used_by,
                tool.dir
            );
        }
    }
    eprintln!(
        "xtask: installing {} into target/{} (pip)",
        tool.requirement, tool.dir
    );
    crate::sh(
        Command::new(&python)
            .args([
                "-m",
                "pip",
                "install",
                "--quiet",
                "--disable-pip-version-check",
            ])
            .arg(&tool.requirement),
    )
    .with_context(|| {
        format!(
            "pip could not install {}: check the connection to PyPI (or a proxy in \
             PIP_INDEX_URL) and run this command again",
            tool.dir
        )
    })
}

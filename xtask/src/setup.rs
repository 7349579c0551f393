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

/// Debian's chromium and chromium-driver, for the browser tests.
pub fn chromium() -> Result<()> {
    if Path::new("/usr/bin/chromium").exists() && Path::new("/usr/bin/chromedriver").exists() {
        return Ok(());
    }
    if !is_root() {
        bail!(
            "the browser tests need Chromium and ChromeDriver. Install them with\n\
             \n    sudo apt-get update && sudo apt-get install -y chromium chromium-driver\n\
             \nthen run this command again."
        );
    }
    eprintln!("xtask: installing chromium and chromium-driver (apt-get)");
    crate::sh(Command::new("apt-get").arg("update").arg("-q"))?;
    crate::sh(
        Command::new("apt-get")
            .args(["install", "-y", "-q", "chromium", "chromium-driver"])
            .env("DEBIAN_FRONTEND", "noninteractive"),
    )
}

/// The schemathesis version the API's property tests run (tests/schemathesis).
const SCHEMATHESIS: &str = "4.32.5";

/// Schemathesis in its own virtual environment under `target/schemathesis`, from PyPI.
pub fn schemathesis() -> Result<()> {
    let venv = crate::root().join("target/schemathesis");
    let st = venv.join("bin/st");
    let installed = Command::new(&st)
        .arg("--version")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).contains(SCHEMATHESIS));
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
                "the API's property tests need Python 3 with venv (for schemathesis). Install \
                 it with\n\n    sudo apt-get install -y python3 python3-venv\n\nthen run this \
                 command again."
            );
        }
    }
    eprintln!("xtask: installing schemathesis {SCHEMATHESIS} into target/schemathesis (pip)");
    crate::sh(
        Command::new(&python)
            .args([
                "-m",
                "pip",
                "install",
                "--quiet",
                "--disable-pip-version-check",
            ])
            .arg(format!("schemathesis=={SCHEMATHESIS}")),
    )
    .context(
        "pip could not install schemathesis: check the connection to PyPI (or a proxy in \
         PIP_INDEX_URL) and run this command again",
    )
}

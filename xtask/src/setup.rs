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

//! Builds the wasm app into `dist/`: cargo for wasm32, wasm-bindgen as a library, wasm-opt if present.

use crate::{cargo, root, sh};
use anyhow::{Context, Result};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Profile {
    /// LTO, opt-level z, wasm-opt: what `run` serves and the browser tests click.
    Release,
}

/// The npm package that carries wasm-opt as portable JavaScript/wasm (no prebuilt binary).
const BINARYEN: &str = "binaryen@132.0.0";

pub fn build(profile: Profile) -> Result<PathBuf> {
    let started = Instant::now();
    let (cargo_profile, dir) = match profile {
        Profile::Release => ("wasm-release", "wasm-release"),
    };
    sh(cargo().args([
        "build",
        "-p",
        "obriy-frontend",
        "--lib",
        "--target",
        "wasm32-unknown-unknown",
        "--profile",
        cargo_profile,
    ]))?;
    // Where cargo put it: CARGO_TARGET_DIR when set (a second checkout's own build), else target/.
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .map_or_else(|| root().join("target"), |t| root().join(t));
    let wasm = target
        .join("wasm32-unknown-unknown")
        .join(dir)
        .join("obriy_frontend.wasm");
    let dist = root().join("dist");
    let pkg = dist.join("pkg");
    if pkg.exists() {
        std::fs::remove_dir_all(&pkg)?;
    }
    std::fs::create_dir_all(&pkg)?;
    wasm_bindgen_cli_support::Bindgen::new()
        .input_path(&wasm)
        .web(true)?
        .typescript(false)
        .out_name("obriy")
        .generate(&pkg)
        .context("wasm-bindgen")?;
    let bg = pkg.join("obriy_bg.wasm");
    optimise(&bg);

    let bytes = std::fs::read(&bg)?;
    let hash = fnv(&bytes) ^ fnv(&std::fs::read(pkg.join("obriy.js"))?);
    let version = format!("{hash:016x}");
    // The page and its boot script name the build's version in the addresses they load.
    for page in ["index.html", "boot.js"] {
        let text = std::fs::read_to_string(root().join("frontend").join(page))?
            .replace("__VERSION__", &version);
        std::fs::write(dist.join(page), text)?;
    }
    for asset in ["style.css", "favicon.svg"] {
        let from = root().join("frontend").join(asset);
        if from.exists() {
            std::fs::copy(&from, dist.join(asset))?;
        }
    }
    eprintln!(
        "xtask: web app built in {:.1} s: {} ({} bytes, {} gzipped)",
        started.elapsed().as_secs_f64(),
        bg.strip_prefix(root()).unwrap_or(&bg).display(),
        bytes.len(),
        gzipped_len(&bg).map_or("?".into(), |n| n.to_string()),
    );
    Ok(dist)
}

/// wasm-opt from the npm `binaryen` package; installed on first use into target/tools.
/// Without node/npm the app is served unoptimised, which works, only larger.
fn optimise(wasm: &Path) {
    let tools = root().join("target/tools");
    let bin = tools.join("node_modules/binaryen/bin/wasm-opt");
    if !bin.exists() {
        let installed = Command::new("npm")
            .args(["install", "--silent", "--no-audit", "--no-fund", "--prefix"])
            .arg(&tools)
            .arg(BINARYEN)
            .status()
            .map(|s| s.success())
            .unwrap_or(false);
        if !installed || !bin.exists() {
            eprintln!(
                "xtask: wasm-opt (npm binaryen) not available; serving the unoptimised module"
            );
            return;
        }
    }
    let out = wasm.with_extension("opt.wasm");
    let ok = Command::new("node")
        .arg(&bin)
        .arg(wasm)
        .args([
            "-Oz",
            "--enable-bulk-memory",
            "--enable-nontrapping-float-to-int",
            "--enable-sign-ext",
            "--enable-mutable-globals",
            "--enable-reference-types",
            "-o",
        ])
        .arg(&out)
        .status()
        .map(|s| s.success())
        .unwrap_or(false);
    if ok && std::fs::rename(&out, wasm).is_ok() {
        return;
    }
    eprintln!("xtask: wasm-opt failed; serving the unoptimised module");
}

fn gzipped_len(path: &Path) -> Option<u64> {
    let out = Command::new("gzip")
        .args(["-9", "-c"])
        .arg(path)
        .output()
        .ok()?;
    Some(out.stdout.len() as u64)
}

fn fnv(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    })
}

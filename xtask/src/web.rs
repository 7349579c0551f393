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
    crate::setup::wasm_target()?;
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
    // Only this build's files: the old ones' names carry other hashes.
    if dist.exists() {
        std::fs::remove_dir_all(&dist)?;
    }
    let pkg = dist.join("pkg");
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

    // Every file the page loads is named by its content's hash (cached for a year by browsers,
    // never mixed with another build's) and precompressed; the page itself is revalidated.
    let wasm_name = hashed(&bg)?;
    let js_name = hashed(&pkg.join("obriy.js"))?;
    let boot = std::fs::read_to_string(root().join("frontend/boot.js"))?
        .replace("__JS__", &format!("/pkg/{js_name}"))
        .replace("__WASM__", &format!("/pkg/{wasm_name}"));
    std::fs::write(dist.join("boot.js"), boot)?;
    let boot_name = hashed(&dist.join("boot.js"))?;
    std::fs::copy(root().join("frontend/style.css"), dist.join("style.css"))?;
    let style_name = hashed(&dist.join("style.css"))?;
    let index = std::fs::read_to_string(root().join("frontend/index.html"))?
        .replace("__STYLE__", &format!("/{style_name}"))
        .replace("__BOOT__", &format!("/{boot_name}"))
        .replace("__JS__", &format!("/pkg/{js_name}"))
        .replace("__WASM__", &format!("/pkg/{wasm_name}"));
    std::fs::write(dist.join("index.html"), index)?;
    std::fs::copy(
        root().join("frontend/favicon.svg"),
        dist.join("favicon.svg"),
    )?;
    service_worker(
        &dist,
        &[
            "/".to_string(),
            format!("/{boot_name}"),
            format!("/pkg/{js_name}"),
            format!("/pkg/{wasm_name}"),
            format!("/{style_name}"),
            "/favicon.svg".to_string(),
        ],
    )?;
    let mut sizes = Vec::new();
    for file in [
        pkg.join(&wasm_name),
        pkg.join(&js_name),
        dist.join(&boot_name),
        dist.join(&style_name),
    ] {
        sizes.push(precompress(&file)?);
    }
    let (raw, gz, br) = sizes[0];
    eprintln!(
        "xtask: web app built in {:.1} s: dist/pkg/{wasm_name} {raw} bytes, {gz} gzip -9, {br} brotli",
        started.elapsed().as_secs_f64(),
    );
    Ok(dist)
}

/// Writes `dist/sw.js` from `frontend/sw.js` with the app shell's addresses (`shell`) in it; the
/// worker's cache is named after them, so each build's worker keeps its own shell.
fn service_worker(dist: &Path, shell: &[String]) -> Result<()> {
    // The names are plain (letters, digits, `_`, `-`, `.`, `/`): quoted as they are.
    let quoted: Vec<String> = shell.iter().map(|s| format!("\"{s}\"")).collect();
    let list = format!("[{}]", quoted.join(", "));
    let worker = std::fs::read_to_string(root().join("frontend/sw.js"))?
        .replace("__SHELL__", &list)
        .replace("__VERSION__", &format!("{:016x}", fnv(list.as_bytes())));
    std::fs::write(dist.join("sw.js"), worker)?;
    Ok(())
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

/// Renames `path` to carry its content's hash (`obriy_bg.wasm` → `obriy_bg.0123456789abcdef.wasm`)
/// and answers the new file name.
fn hashed(path: &Path) -> Result<String> {
    let bytes = std::fs::read(path)?;
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .context("a file name")?;
    let (stem, ext) = name.rsplit_once('.').context("an extension")?;
    let new = format!("{stem}.{:016x}.{ext}", fnv(&bytes));
    std::fs::rename(path, path.with_file_name(&new))?;
    Ok(new)
}

/// Writes `FILE.br` (brotli, best) and `FILE.gz` (gzip -9) beside `path`, for the server to send
/// as they are; answers the sizes (raw, gzip, brotli).
fn precompress(path: &Path) -> Result<(usize, usize, usize)> {
    use std::io::Write;
    let bytes = std::fs::read(path)?;
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    gz.write_all(&bytes)?;
    let gz = gz.finish()?;
    let mut br = Vec::new();
    {
        let params = brotli::enc::BrotliEncoderParams {
            quality: 11,
            lgwin: 22,
            ..Default::default()
        };
        brotli::BrotliCompress(&mut bytes.as_slice(), &mut br, &params)?;
    }
    let with = |ext: &str| {
        let mut name = path.as_os_str().to_owned();
        name.push(ext);
        PathBuf::from(name)
    };
    std::fs::write(with(".gz"), &gz)?;
    std::fs::write(with(".br"), &br)?;
    Ok((bytes.len(), gz.len(), br.len()))
}

fn fnv(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    })
}

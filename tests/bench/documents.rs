//! The bench's document figures: how long the oblast's documents take to produce (the first time, and again while the data stand still) and the process's resident memory around them — on the demo data and on the 10× dataset.

use obriy_tests::{spawn_app_with, Client, DbKind};
use std::time::Instant;

/// The documents measured: the oblast-wide ones, which read the most.
const FILES: [(&str, &str); 6] = [
    ("annual.pdf", "period=2026"),
    ("annual.xlsx", "period=2026"),
    ("results.pdf", "period=2026"),
    ("quarterly.pdf", "period=2026-Q4"),
    ("quarterly.xlsx", "period=2026-Q4"),
    ("final.pdf", "source=oblast"),
];

/// Produces each document twice as the department and prints the times, sizes and memory.
pub fn run(
    label: &str,
    fetch: impl Fn(&str, &str) -> anyhow::Result<Vec<u8>>,
) -> anyhow::Result<()> {
    println!("\ndocuments, {label} (the department, the whole oblast):");
    println!(
        "  {:<16} {:>10} {:>10} {:>10} {:>6}",
        "document", "first ms", "again ms", "bytes", "pages"
    );
    let before = obriy_tests::memory_mib("VmRSS");
    let peak_before = obriy_tests::memory_mib("VmHWM");
    for (file, query) in FILES {
        let t = Instant::now();
        let bytes = match fetch(file, query) {
            Ok(bytes) => bytes,
            Err(e) => {
                let ms = t.elapsed().as_secs_f64() * 1000.0;
                println!("  {file:<16} {ms:>10.0}  refused: {e}");
                continue;
            }
        };
        let first = t.elapsed().as_secs_f64() * 1000.0;
        let t = Instant::now();
        fetch(file, query)?;
        let again = t.elapsed().as_secs_f64() * 1000.0;
        let pages = if file.ends_with(".pdf") {
            obriy_tests::documents::pdf_pages(&bytes).to_string()
        } else {
            "—".to_string()
        };
        println!(
            "  {file:<16} {first:>10.0} {again:>10.1} {:>10} {pages:>6}",
            bytes.len()
        );
    }
    println!(
        "  resident memory {before} → {} MiB; peak {peak_before} → {} MiB",
        obriy_tests::memory_mib("VmRSS"),
        obriy_tests::memory_mib("VmHWM")
    );
    Ok(())
}

/// The documents on a fresh demo server (the real programme, the demo's 2026 reports).
pub fn on_demo(kind: DbKind) -> anyhow::Result<()> {
    let app = spawn_app_with(kind, true, |s| {
        s.today = Some(super::bench_today());
    });
    let client = Client::demo(&app, "department");
    run("demo data", |file, query| {
        client
            .document(file, query)
            .map(|(bytes, _)| bytes)
            .map_err(|e| anyhow::anyhow!("{file}: {e:?}"))
    })
}

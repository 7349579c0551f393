//! The bench's Excel figures on the 10× dataset: the whole plan exported (XLSX and CSV), and a 10 000-row plan file imported by the department — the time to its preview and to its confirmation, with the process's resident memory around them.

use obriy_tests::imports::{read, workbook, V};
use std::time::{Duration, Instant};

/// How many rows the imported file has.
const IMPORT_ROWS: usize = 10_000;

fn ms(t: Instant) -> f64 {
    t.elapsed().as_secs_f64() * 1000.0
}

/// `http` is signed in as the department (`csrf`: its session's token), with no request timeout.
pub fn run(base: &str, http: &reqwest::blocking::Client, csrf: &str) -> anyhow::Result<()> {
    println!("\nExcel, the 10× dataset (the department, the whole plan):");
    let rss = || obriy_tests::memory_mib("VmRSS");
    let peak = || obriy_tests::memory_mib("VmHWM");
    let (rss0, peak0) = (rss(), peak());
    let mut book = Vec::new();
    for (file, query) in [
        ("plan.xlsx", "lang=uk"),
        ("plan.csv", "lang=uk&sep=semicolon"),
    ] {
        let t = Instant::now();
        let bytes = http
            .get(format!("{base}/api/exports/{file}?{query}"))
            .send()?
            .error_for_status()?
            .bytes()?
            .to_vec();
        let took = ms(t);
        let rows = if file.ends_with(".csv") {
            bytes
                .iter()
                .filter(|&&b| b == b'\n')
                .count()
                .saturating_sub(1)
        } else {
            book = bytes.clone();
            0
        };
        println!(
            "  export {file:<10} {took:>8.0} ms {:>12} bytes{}",
            bytes.len(),
            if rows > 0 {
                format!(", {rows} budget lines")
            } else {
                String::new()
            }
        );
    }
    println!(
        "  resident memory {rss0} → {} MiB; peak {peak0} → {} MiB",
        rss(),
        peak()
    );

    // The first 10 000 lines of the export, every tenth amount raised by 1.
    let sheets = read(&book);
    let rows = &sheets[1].1;
    let head = rows
        .iter()
        .position(|r| r.iter().any(|v| v.text() == "Код заходу"))
        .ok_or_else(|| anyhow::anyhow!("no headings"))?;
    let amount = rows[head]
        .iter()
        .position(|v| v.text() == "Сума, тис. грн")
        .ok_or_else(|| anyhow::anyhow!("no amount column"))?;
    let mut file_rows: Vec<Vec<V>> = rows[head..].iter().take(IMPORT_ROWS + 1).cloned().collect();
    for (i, r) in file_rows.iter_mut().enumerate().skip(1) {
        if i % 10 == 0 {
            if let Some(V::N(n)) = r.get(amount).cloned() {
                r[amount] = V::N(n + 1.0);
            }
        }
    }
    let changed = file_rows.len().saturating_sub(1) / 10;
    let upload = workbook(&[("План".to_string(), file_rows)]);
    let (rss1, peak1) = (rss(), peak());
    let t = Instant::now();
    let job: shared::api::imports::ImportJob = http
        .post(format!("{base}/api/imports?kind=plan&name=bench.xlsx"))
        .header("content-type", "application/octet-stream")
        .header(shared::api::CSRF_HEADER, csrf)
        .body(upload.clone())
        .send()?
        .error_for_status()?
        .json()?;
    let job = wait(base, http, job.id)?;
    let preview = ms(t);
    println!(
        "  import of {IMPORT_ROWS} rows ({} bytes): preview in {preview:.0} ms — {} changed (of {changed} edited), {} removed (the lines of the last measure past the cut), {} added, {} unchanged, {} rows refused",
        upload.len(),
        job.counts.changed,
        job.counts.removed,
        job.counts.added,
        job.counts.unchanged,
        job.counts.refused
    );
    let t = Instant::now();
    let confirmed = http
        .post(format!("{base}/api/imports/{}/confirm", job.id))
        .header(shared::api::CSRF_HEADER, csrf)
        .send()?;
    let status = confirmed.status();
    println!("  confirmation: {:.0} ms (HTTP {})", ms(t), status.as_u16());
    println!(
        "  resident memory {rss1} → {} MiB; peak {peak1} → {} MiB",
        rss(),
        peak()
    );
    Ok(())
}

fn wait(
    base: &str,
    http: &reqwest::blocking::Client,
    id: i32,
) -> anyhow::Result<shared::api::imports::ImportJob> {
    let until = Instant::now() + Duration::from_secs(600);
    loop {
        let job: shared::api::imports::ImportJob = http
            .get(format!("{base}/api/imports/{id}"))
            .send()?
            .error_for_status()?
            .json()?;
        if job.state != shared::api::imports::ImportState::Checking {
            return Ok(job);
        }
        if Instant::now() > until {
            anyhow::bail!("the import did not end in 10 minutes");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

//! `cargo xtask bench`: builds a 10× dataset (with the indicators, the 2026 budget decision and
//! four quarters of reports) and measures the plan tree, roll-up, reporting and dashboard
//! endpoints over HTTP with 64 concurrent clients, beside the same aggregate query run on the
//! database. The public pages (programme, a measure, the data package) are read as an anonymous
//! visitor, all 64 clients from one address, with the public rate limit raised out of the way.
//!
//! First, on fresh demo servers: resident memory after 500 sign-ins, the time of a wrong
//! password for a known and an unknown login, the cost of durable SQLite commits, and the
//! oblast's documents (PDF and XLSX); the documents again on the 10× dataset, then the whole
//! plan exported to XLSX and CSV and a 10 000-row plan file imported (preview and confirmation).
//!
//! Options: `--pg` (a throwaway PostgreSQL cluster instead of SQLite), `--seconds N` per endpoint
//! (default 5), `--clients N` (default 64), `--endpoints` (only the endpoint table), `--excel`
//! (only the dataset and the Excel figures), `--web` (only the app's load times in Chromium over a
//! throttled link, `web.rs`; the full run starts with them).

mod documents;
mod excel;
mod resources;
mod web;

use diesel::connection::SimpleConnection;
use diesel::RunQueryDsl;
use obriy_backend::app::public::limiter::Rate;
use obriy_backend::app::record::Who;
use obriy_backend::app::App;
use obriy_backend::db::{self, Connection};
use obriy_backend::on_conn;
use obriy_backend::startup::Background;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

const MEASURES_PER_ORG: usize = 300;

struct Options {
    pg: bool,
    /// `--endpoints`: only the endpoint table (skip the resource figures).
    endpoints_only: bool,
    /// `--excel`: only the dataset and the Excel figures.
    excel_only: bool,
    /// `--web`: only the throttled load times of the app.
    web_only: bool,
    seconds: u64,
    clients: usize,
}

fn options() -> Options {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let value = |name: &str, default: u64| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .and_then(|v| v.parse().ok())
            .unwrap_or(default)
    };
    Options {
        pg: args.iter().any(|a| a == "--pg"),
        endpoints_only: args.iter().any(|a| a == "--endpoints"),
        excel_only: args.iter().any(|a| a == "--excel"),
        web_only: args.iter().any(|a| a == "--web"),
        seconds: value("--seconds", 5),
        clients: usize::try_from(value("--clients", 64)).unwrap_or(64),
    }
}

fn main() -> anyhow::Result<()> {
    let opts = options();
    if opts.web_only {
        return web::run();
    }
    if !opts.endpoints_only && !opts.excel_only {
        web::run()?;
        resources::run(if opts.pg {
            obriy_tests::DbKind::Postgres
        } else {
            obriy_tests::DbKind::Sqlite
        })?;
        documents::on_demo(if opts.pg {
            obriy_tests::DbKind::Postgres
        } else {
            obriy_tests::DbKind::Sqlite
        })?;
    }
    let dir = tempfile::tempdir()?;
    let url = if opts.pg {
        obriy_tests::pg::fresh_database()
    } else {
        dir.path().join("bench.db").display().to_string()
    };
    println!(
        "Obriy benchmark — {} ({} clients, {} s per endpoint)",
        if opts.pg { "PostgreSQL" } else { "SQLite" },
        opts.clients,
        opts.seconds
    );

    let started = Instant::now();
    let (measures, lines) = build_dataset(&url)?;
    println!(
        "dataset: {measures} measures, {lines} budget lines, built in {:.1} s",
        started.elapsed().as_secs_f64()
    );

    let mut settings = obriy_tests::app::settings(&url, true);
    settings.today = Some(bench_today());
    // 64 anonymous clients from one address would meet the per-address limit of the public
    // reads (`OBRIY_PUBLIC_RATE`, 20/s by default) at once: the bench measures the answers, not
    // the 429s, so the limit is far above anything it can send.
    settings.public_rate = Rate {
        per_second: 1_000_000.0,
        burst: 1_000_000.0,
    };
    let server = Background::spawn(settings)?;
    let base = format!("http://127.0.0.1:{}", server.port);
    let http = reqwest::blocking::Client::builder()
        .cookie_store(true)
        .build()?;
    http.post(format!("{base}/api/auth/login"))
        .json(&serde_json::json!({"login": "department", "password": obriy_tests::DEMO_PASSWORD}))
        .send()?
        .error_for_status()?;
    // The first read loads the whole plan into memory (as after any write): time it.
    let t = Instant::now();
    http.get(format!("{base}/api/rollups/programme"))
        .send()?
        .error_for_status()?;
    println!(
        "first read after a write (plan snapshot rebuild): {:.0} ms",
        t.elapsed().as_secs_f64() * 1000.0
    );
    let orgs: Vec<shared::api::orgs::OrgSummary> =
        http.get(format!("{base}/api/orgs")).send()?.json()?;
    let community = orgs
        .iter()
        .find(|o| o.kind == shared::api::orgs::OrgKind::Community)
        .map(|o| o.id)
        .unwrap_or(shared::OrgId(1));
    let district = orgs
        .iter()
        .find(|o| o.kind == shared::api::orgs::OrgKind::District)
        .map(|o| o.id)
        .unwrap_or(shared::OrgId(1));

    // The public pages as a visitor without an account sees them (no session cookie).
    let anonymous = reqwest::blocking::Client::new();
    let public_plan: shared::api::public::PublicPlan = anonymous
        .get(format!("{base}/api/public/plan"))
        .send()?
        .error_for_status()?
        .json()?;
    let public_measure = public_plan
        .directions
        .iter()
        .flat_map(|d| &d.tasks)
        .flat_map(|t| &t.measures)
        .map(|m| m.id)
        .next()
        .ok_or_else(|| anyhow::anyhow!("the public plan has no measure"))?;

    // The first dashboard read after a report write rebuilds the board: time it.
    let t = Instant::now();
    http.get(format!("{base}/api/dashboard"))
        .send()?
        .error_for_status()?;
    println!(
        "first dashboard read after a write (board rebuild + oblast answer): {:.0} ms",
        t.elapsed().as_secs_f64() * 1000.0
    );

    println!(
        "\n{:<34} {:>9} {:>9} {:>9} {:>9} {:>10}",
        "endpoint", "req/s", "p50 ms", "p99 ms", "max ms", "bytes"
    );
    let signed_in = [
        "/api/rollups/programme".to_string(),
        "/api/rollups/direction".to_string(),
        "/api/rollups/district".to_string(),
        "/api/rollups/org".to_string(),
        "/api/programme".to_string(),
        "/api/plan/versions".to_string(),
        "/api/plan/versions/1/compare/1".to_string(),
        "/api/dashboard".to_string(),
        format!("/api/dashboard?level=district&id={district}"),
        format!("/api/dashboard?level=community&id={community}"),
        "/api/dashboard?quarter=2026-Q2".to_string(),
        "/api/reports?period=2026-Q4".to_string(),
        format!("/api/reports/{community}/2026-Q4"),
        format!("/api/plan?org={community}"),
        format!("/api/plan?district={district}"),
        "/api/plan".to_string(),
    ]
    .map(|path| (path, &http));
    // A document of the whole 10× plan is thousands of pages: no request timeout.
    let patient = reqwest::blocking::Client::builder()
        .cookie_store(true)
        .timeout(None)
        .build()?;
    let session: shared::api::auth::SessionInfo = patient
        .post(format!("{base}/api/auth/login"))
        .json(&serde_json::json!({"login": "department", "password": obriy_tests::DEMO_PASSWORD}))
        .send()?
        .error_for_status()?
        .json()?;
    let csrf = session.csrf_token;
    if opts.excel_only {
        excel::run(&base, &patient, &csrf)?;
        drop(server);
        return Ok(());
    }
    documents::run("the 10× dataset", |file, query| {
        let resp = patient
            .get(format!("{base}/api/documents/{file}?{query}"))
            .send()?
            .error_for_status()?;
        Ok(resp.bytes()?.to_vec())
    })?;
    excel::run(&base, &patient, &csrf)?;
    let public = [
        "/api/public/programme".to_string(),
        format!("/api/public/measures/{public_measure}"),
        "/api/public/datapackage.json".to_string(),
    ]
    .map(|path| (path, &anonymous));
    for (path, client) in signed_in.into_iter().chain(public) {
        let seconds = if path == "/api/plan" {
            opts.seconds.min(3)
        } else {
            opts.seconds
        };
        let r = load(
            client,
            &format!("{base}{path}"),
            opts.clients,
            Duration::from_secs(seconds),
        )?;
        println!(
            "{path:<34} {:>9.0} {:>9.2} {:>9.2} {:>9.2} {:>10}",
            r.rps, r.p50, r.p99, r.max, r.bytes
        );
    }

    println!("\nthe same aggregate straight on the database (one connection, sequential):");
    let mut owned = Connection::establish(&url)?;
    let mut conn = owned.db();
    for (name, sql) in [
        ("by org × year × source", "SELECT m.org_id, b.year, b.source, CAST(SUM(b.amount_uah) AS BIGINT) AS total FROM budget_lines b JOIN measures m ON m.id = b.measure_id GROUP BY m.org_id, b.year, b.source"),
        ("by task × year × source", "SELECT m.task_id, b.year, b.source, CAST(SUM(b.amount_uah) AS BIGINT) AS total FROM budget_lines b JOIN measures m ON m.id = b.measure_id GROUP BY m.task_id, b.year, b.source"),
    ] {
        let mut times = Vec::new();
        let until = Instant::now() + Duration::from_secs(opts.seconds.min(3));
        while Instant::now() < until || times.len() < 5 {
            let t = Instant::now();
            on_conn!(&mut conn, c => c.batch_execute(sql))?;
            times.push(t.elapsed().as_secs_f64() * 1000.0);
        }
        times.sort_by(f64::total_cmp);
        println!("  {name:<28} p50 {:>7.2} ms   p99 {:>7.2} ms   ({} runs)", pct(&times, 0.5), pct(&times, 0.99), times.len());
    }
    println!(
        "\npeak resident memory of this process (server + {} client threads): {} MiB",
        opts.clients,
        peak_rss_mib()
    );
    drop(server);
    Ok(())
}

struct Result_ {
    rps: f64,
    p50: f64,
    p99: f64,
    max: f64,
    bytes: usize,
}

fn pct(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

/// `clients` threads request `url` as fast as answers come, for `duration`.
fn load(
    http: &reqwest::blocking::Client,
    url: &str,
    clients: usize,
    duration: Duration,
) -> anyhow::Result<Result_> {
    let bytes = http.get(url).send()?.error_for_status()?.bytes()?.len();
    let stop = Arc::new(AtomicBool::new(false));
    let started = Instant::now();
    let handles: Vec<_> = (0..clients)
        .map(|_| {
            let http = http.clone();
            let url = url.to_string();
            let stop = stop.clone();
            std::thread::spawn(move || {
                let mut times = Vec::new();
                let mut errors = 0usize;
                while !stop.load(Ordering::Relaxed) {
                    let t = Instant::now();
                    match http
                        .get(&url)
                        .send()
                        .and_then(|r| r.error_for_status())
                        .and_then(|r| r.bytes())
                    {
                        Ok(_) => times.push(t.elapsed().as_secs_f64() * 1000.0),
                        Err(_) => errors += 1,
                    }
                }
                (times, errors)
            })
        })
        .collect();
    std::thread::sleep(duration);
    stop.store(true, Ordering::Relaxed);
    let mut all = Vec::new();
    let mut errors = 0;
    for h in handles {
        let (t, e) = h
            .join()
            .map_err(|_| anyhow::anyhow!("a client thread panicked"))?;
        all.extend(t);
        errors += e;
    }
    let elapsed = started.elapsed().as_secs_f64();
    anyhow::ensure!(errors == 0, "{errors} failed requests to {url}");
    all.sort_by(f64::total_cmp);
    Ok(Result_ {
        rps: all.len() as f64 / elapsed,
        p50: pct(&all, 0.5),
        p99: pct(&all, 0.99),
        max: all.last().copied().unwrap_or(0.0),
        bytes,
    })
}

/// The real programme and demo accounts, then 300 measures for each of the ~93 organisations
/// that plan, each with 3 years × 4 sources of lines.
fn build_dataset(url: &str) -> anyhow::Result<(usize, usize)> {
    let mut settings = obriy_tests::app::settings(url, true);
    settings.today = Some(bench_today());
    let app = App::new(settings)?;
    obriy_backend::seed::ensure(&app)?;
    let (orgs, tasks) = app.read(|conn| {
        let orgs: Vec<i32> = db::orgs::all(conn)?
            .into_iter()
            .filter(|o| o.kind != "oblast")
            .map(|o| o.id)
            .collect();
        let tasks: Vec<i32> = db::programme::tasks(conn)?
            .into_iter()
            .map(|t| t.id)
            .collect();
        Ok((orgs, tasks))
    })?;
    let mut rng = StdRng::seed_from_u64(10);
    let now = db::now_ms();
    let (mut measures, mut lines) = (0, 0);
    app.write(&Who::system(), |tx| -> Result<(), obriy_backend::app::Error> {
        let conn = &mut *tx.conn;
        for chunk in orgs.chunks(4) {
            let mut rows = Vec::new();
            for org in chunk {
                for n in 0..MEASURES_PER_ORG {
                    let task = tasks[rng.gen_range(0..tasks.len())];
                    rows.push(format!("({task}, {org}, 'Захід навантаження {n}', 'Load measure {n}', '', '', 2026, 2028, TRUE, 1, {now}, {now})"));
                }
            }
            measures += rows.len();
            let sql = format!("INSERT INTO measures (task_id, org_id, name_uk, name_en, description, expected_result, start_year, end_year, is_demo, version, created_at, updated_at) VALUES {}", rows.join(","));
            on_conn!(&mut *conn, c => diesel::sql_query(sql).execute(c))?;
        }
        let ids: Vec<i32> = db::measures::all(&mut *conn)?
            .into_iter()
            .filter(|m| m.name_en.starts_with("Load measure"))
            .map(|m| m.id)
            .collect();
        for chunk in ids.chunks(500) {
            let mut rows = Vec::new();
            for id in chunk {
                for year in 2026..=2028 {
                    for source in ["state", "oblast", "local", "other"] {
                        rows.push(format!("({id}, {year}, '{source}', {})", rng.gen_range(0..5_000_000i64)));
                    }
                }
            }
            lines += rows.len();
            let sql = format!("INSERT INTO budget_lines (measure_id, year, source, amount_uah) VALUES {} ON CONFLICT DO NOTHING", rows.join(","));
            on_conn!(&mut *conn, c => diesel::sql_query(sql).execute(c))?;
        }
        tx.plan_changed();
        Ok(())
    })?;
    // Four quarters of 2026 reported (the demo history's rules): "today" is after Q4's due date.
    let t = Instant::now();
    obriy_backend::seed::ensure_reports(&app)?;
    let reports = app.read(|conn| Ok(db::reports::list(conn, None, None)?.len()))?;
    println!(
        "reports: {reports} (2026-Q1…Q4, every reporting organisation) with approved amounts, in {:.1} s",
        t.elapsed().as_secs_f64()
    );
    Ok((measures, lines))
}

/// The day the benchmark's server lives on: after the fourth quarter of 2026 was due.
fn bench_today() -> shared::Date {
    shared::Date::parse("2027-01-20").unwrap_or_else(|e| panic!("{e}"))
}

fn peak_rss_mib() -> u64 {
    obriy_tests::memory_mib("VmHWM")
}

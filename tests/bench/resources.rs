//! The bench's resource figures, each on a fresh demo server of its own: resident memory after
//! 500 sign-ins, the time of a wrong password for a known and an unknown login, and what durable
//! SQLite commits (`synchronous=FULL`, the default) cost a write against `NORMAL`.

use obriy_backend::db::SqliteSync;
use obriy_tests::{spawn_app_with, Client, DbKind, TestApp, DEMO_PASSWORD};
use reqwest::Method;
use shared::api::comments::NewComment;
use shared::api::plan::PlanFilter;
use std::time::Instant;

fn resident_mib() -> u64 {
    obriy_tests::memory_mib("VmRSS")
}

/// The `p` quantile of unsorted timings, as the endpoint table computes it.
fn quantile(mut v: Vec<f64>, p: f64) -> f64 {
    v.sort_by(f64::total_cmp);
    super::pct(&v, p)
}

fn ms(t: Instant) -> f64 {
    t.elapsed().as_secs_f64() * 1000.0
}

/// Prints every resource figure (SQLite; the durability cost is SQLite's own setting).
pub fn run(kind: DbKind) -> anyhow::Result<()> {
    println!("\nresources (a fresh demo server each):");
    sign_ins(kind)?;
    wrong_passwords(kind)?;
    if kind == DbKind::Sqlite {
        durability()?;
    } else {
        println!("  durable commits: PostgreSQL's own fsync settings (not the app's)");
    }
    Ok(())
}

/// 500 sign-ins, 16 at a time (each hashes with argon2id's 19 MiB), and the resident size of
/// this process (server and clients) before and after.
fn sign_ins(kind: DbKind) -> anyhow::Result<()> {
    let app = spawn_app_with(kind, true, |_| {});
    Client::demo(&app, "department")
        .programme()
        .map_err(|e| anyhow::anyhow!("{e:?}"))?;
    let before = resident_mib();
    let started = Instant::now();
    let logins = [
        "department",
        "head",
        "community.pidhorodne",
        "district.dnipro",
    ];
    std::thread::scope(|s| {
        for t in 0..16 {
            let app = &app;
            s.spawn(move || {
                for n in 0..500 / 16 + usize::from(t < 500 % 16) {
                    let c = Client::anonymous(app);
                    if let Err(e) = c.login(logins[(t + n) % 4], DEMO_PASSWORD) {
                        eprintln!("a sign-in failed: {e:?}");
                    }
                }
            });
        }
    });
    let took = started.elapsed().as_secs_f64();
    // The hashing pool's memory goes back to the system when idle (see app::password).
    std::thread::sleep(std::time::Duration::from_millis(500));
    println!(
        "  500 sign-ins (16 at a time): {:.1} s, {:.0} per second; resident memory {} MiB before, {} MiB after",
        took,
        500.0 / took,
        before,
        resident_mib()
    );
    Ok(())
}

/// A wrong password for a login that exists and for one that does not, each from its own
/// address (a trusted proxy names it) so the limiter's delays stay out of the figure.
fn wrong_passwords(kind: DbKind) -> anyhow::Result<()> {
    let app = spawn_app_with(kind, true, |s| {
        s.trusted_proxies = vec!["127.0.0.1".parse().expect("ip")];
    });
    let c = Client::anonymous(&app);
    let attempt = |n: usize, login: &str| {
        let body =
            serde_json::json!({"login": login, "password": "not-the-password-1"}).to_string();
        let addr = format!("10.7.{}.{}", n / 250, n % 250 + 1);
        let t = Instant::now();
        let (status, text) = c.raw_with(
            Method::POST,
            "/api/auth/login",
            &[
                ("content-type", "application/json"),
                ("x-forwarded-for", &addr),
            ],
            body.clone(),
        );
        assert_eq!(status, 401, "{text}");
        ms(t)
    };
    let (mut known, mut unknown) = (Vec::new(), Vec::new());
    for n in 0..120 {
        // Interleaved, so both see the same machine.
        known.push(attempt(2 * n, "head"));
        unknown.push(attempt(2 * n + 1, &format!("nobody.{n}")));
    }
    println!(
        "  wrong password, median of 120: known login {:.1} ms, unknown login {:.1} ms",
        quantile(known, 0.5),
        quantile(unknown, 0.5)
    );
    Ok(())
}

/// 300 comments written one after another (each a transaction with its record entry and inbox
/// items), with durable commits and with `NORMAL`.
fn durability() -> anyhow::Result<()> {
    for sync in [SqliteSync::Full, SqliteSync::Normal] {
        let app = spawn_app_with(DbKind::Sqlite, true, |s| s.sqlite_sync = sync);
        let (took, times) = write_comments(&app)?;
        println!(
            "  300 writes in a row, synchronous={sync:?}: median {:.2} ms, p99 {:.2} ms, {:.0} writes/s",
            quantile(times.clone(), 0.5),
            quantile(times, 0.99),
            300.0 / took
        );
    }
    Ok(())
}

fn write_comments(app: &TestApp) -> anyhow::Result<(f64, Vec<f64>)> {
    let c = Client::demo(app, "department");
    let tree = c
        .plan(&PlanFilter::default())
        .map_err(|e| anyhow::anyhow!("{e:?}"))?;
    let measure = tree
        .directions
        .iter()
        .flat_map(|d| d.tasks.iter().flat_map(|t| t.measures.iter()))
        .next()
        .map(|m| m.id)
        .ok_or_else(|| anyhow::anyhow!("the demo plan has no measure"))?;
    let started = Instant::now();
    let mut times = Vec::new();
    for n in 0..300 {
        let t = Instant::now();
        c.add_comment(
            measure,
            &NewComment {
                body: format!("Коментар навантаження {n}"),
                parent_id: None,
            },
        )
        .map_err(|e| anyhow::anyhow!("{e:?}"))?;
        times.push(ms(t));
    }
    Ok((started.elapsed().as_secs_f64(), times))
}

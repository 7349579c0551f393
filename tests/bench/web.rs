//! `cargo xtask bench --web`: the app's load times in Chromium over a throttled link (1.6 Mbit/s
//! down, 150 ms, a 4× slower CPU) at a phone's width — a first visit (empty cache) and a return
//! visit (warm cache) — and the bytes a first visit downloads. Figures, not assertions.

use obriy_tests::browser::Browser;
use obriy_tests::cdp::Link;
use obriy_tests::DbKind;
use std::time::Duration;

/// Set in every new document before the page's own scripts: notes `performance.now()` the first
/// time each watched selector matches (a MutationObserver, so no polling delay is measured).
const MARKS: &str = r#"
window.__obriyMarks = {};
const watched = {
  shell: '#boot-shell .boot-loading',
  signIn: '#login-submit',
  dashboard: '#execution-table tr[data-year]',
};
const look = () => {
  for (const [name, css] of Object.entries(watched)) {
    if (!(name in window.__obriyMarks) && document.querySelector(css)) {
      window.__obriyMarks[name] = performance.now();
    }
  }
};
new MutationObserver(look).observe(document, { childList: true, subtree: true });
document.addEventListener('DOMContentLoaded', look);
"#;

/// What one page load took, in milliseconds from the start of navigation.
struct Load {
    first_paint: f64,
    marks: serde_json::Value,
    transferred: u64,
    wasm_fetches: u64,
}

pub fn run() -> anyhow::Result<()> {
    let rt = tokio::runtime::Runtime::new()?;
    rt.block_on(measure())
}

async fn measure() -> anyhow::Result<()> {
    let app = obriy_tests::spawn_app(DbKind::Sqlite, true);
    println!(
        "\nthrottled load times (Chromium, {} kbit/s down, {} kbit/s up, {} ms latency, CPU 4× slower, 390 px):",
        Link::FIELD.down_kbit,
        Link::FIELD.up_kbit,
        Link::FIELD.latency_ms
    );
    let b = Browser::open(&app.url).await;
    b.set_width(390).await;
    b.cdp(
        "Page.addScriptToEvaluateOnNewDocument",
        serde_json::json!({ "source": MARKS }),
    )
    .await;
    b.throttle(Link::FIELD, 4).await;

    // A first visit: the sign-in page with nothing cached.
    b.clear_cache().await;
    let cold = load(&b, "/login", "signIn").await;
    report(
        "first visit, sign-in page",
        &cold,
        "signIn",
        "sign-in usable",
    );

    // Sign in (not timed), then the dashboard with an empty cache again (a first visit of a
    // signed-in user) and once more with the cache warm.
    b.fill("#login", "head").await;
    b.fill("#password", obriy_tests::DEMO_PASSWORD).await;
    b.click("#login-submit").await;
    b.wait_url(|u| !u.contains("/login")).await;
    b.clear_cache().await;
    let cold = load(&b, "/dashboard", "dashboard").await;
    report(
        "first visit, dashboard",
        &cold,
        "dashboard",
        "dashboard data visible",
    );
    let warm = load(&b, "/dashboard", "dashboard").await;
    report(
        "return visit, dashboard",
        &warm,
        "dashboard",
        "dashboard data visible",
    );
    let warm = load(&b, "/login", "signIn").await;
    report(
        "return visit, sign-in page",
        &warm,
        "signIn",
        "sign-in usable",
    );
    b.close().await;
    drop(app);
    Ok(())
}

/// Opens `path` and waits until the mark `until` is set; answers the page's own timings.
async fn load(b: &Browser, path: &str, until: &str) -> Load {
    b.goto(path).await;
    let read = format!(
        "const m = window.__obriyMarks || {{}};
         if (!('{until}' in m)) return null;
         const paint = performance.getEntriesByName('first-contentful-paint')[0];
         const nav = performance.getEntriesByType('navigation')[0];
         const res = performance.getEntriesByType('resource');
         return {{
           marks: m,
           firstPaint: paint ? paint.startTime : -1,
           transferred: res.reduce((s, r) => s + r.transferSize, nav ? nav.transferSize : 0),
           wasmFetches: res.filter(r => r.name.endsWith('.wasm')).length,
         }};"
    );
    for _ in 0..1200 {
        let got = b
            .client
            .execute(&read, vec![])
            .await
            .unwrap_or(serde_json::Value::Null);
        if !got.is_null() {
            return Load {
                first_paint: got["firstPaint"].as_f64().unwrap_or(-1.0),
                marks: got["marks"].clone(),
                transferred: got["transferred"].as_u64().unwrap_or(0),
                wasm_fetches: got["wasmFetches"].as_u64().unwrap_or(0),
            };
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    b.screenshot("bench-web-timeout").await;
    panic!("{path}: `{until}` did not show within a minute");
}

fn report(what: &str, l: &Load, mark: &str, label: &str) {
    let ms = |name: &str| l.marks[name].as_f64().map_or(-1.0, |v| v);
    let shell = ms("shell");
    println!(
        "  {what:<28} first paint {:>6.0} ms   shell {:>6}   {label} {:>6.0} ms   {:>8} bytes over the wire ({} wasm fetch)",
        l.first_paint,
        if shell < 0.0 { "–".to_string() } else { format!("{shell:.0} ms") },
        ms(mark),
        l.transferred,
        l.wasm_fetches,
    );
}

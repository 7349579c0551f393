//! axe-core's WCAG 2.0/2.1 A and AA rules on the main pages, at a phone's width (375 px) and a
//! laptop's (1366 px): the sign-in page, the overview, the plan, a measure, proposals, the
//! reporting calendar, a report's form, the dashboard, the inbox and every page of the open
//! programme.

use super::{runtime, PIDHORODNE};
use obriy_tests::axe;
use obriy_tests::browser::Browser;
use obriy_tests::data::org_by_code;
use obriy_tests::{spawn_app, Client, DbKind, TestApp};

/// A page to check and what shows once its data is there.
pub struct Page {
    pub path: String,
    ready: &'static str,
}

fn page(path: impl Into<String>, ready: &'static str) -> Page {
    Page {
        path: path.into(),
        ready,
    }
}

/// The main pages a community coordinator works with: the overview, the plan, one of their
/// measures, proposals, the calendar, their third-quarter report, the dashboard, the inbox.
pub fn signed_in_pages(app: &TestApp) -> Vec<Page> {
    let community = Client::demo(app, "community.pidhorodne");
    let org = org_by_code(&community.orgs().expect("orgs"), PIDHORODNE);
    let report = community.report(org, "2026-Q3").expect("Q3");
    let measure = report.measures[0].measure_id;
    vec![
        page("/", "#home-measures"),
        page("/passport", "#envelope"),
        page("/plan", "#plan-total"),
        page(format!("/measures/{measure}"), "#measure-heading"),
        page("/proposals", "#my-draft"),
        page("/reports", "#reports-table"),
        page(format!("/reports/{org}/2026-Q3"), "#report-heading"),
        page("/dashboard", "#dash-heading"),
        page("/inbox", "#inbox-heading"),
    ]
}

/// The open programme's pages, as an anonymous visitor sees them: the passport, a measure,
/// indicators, the map of communities, a community, the plan's history, published documents.
fn public_pages(app: &TestApp) -> Vec<Page> {
    let community = Client::demo(app, "community.pidhorodne");
    let org = org_by_code(&community.orgs().expect("orgs"), PIDHORODNE);
    let measure = community.report(org, "2026-Q3").expect("Q3").measures[0].measure_id;
    vec![
        page("/public", "#public-totals"),
        page(
            format!("/public/measures/{measure}"),
            "#public-measure-name",
        ),
        page("/public/indicators", "#public-indicators"),
        page("/public/orgs", "#public-orgs"),
        page(format!("/public/orgs/{org}"), "#public-org-name"),
        page("/public/versions", "#public-versions-title"),
        page("/public/documents", "#public-documents-title"),
    ]
}

/// Opens `p` and waits for its data.
pub async fn open(b: &Browser, p: &Page) {
    b.goto(&p.path).await;
    b.find(p.ready).await;
    b.wait_gone(".loading", "the page's data").await;
}

/// Opens `p` and answers what axe finds there, one line per rule.
async fn check(b: &Browser, p: &Page, width: u32) -> Vec<String> {
    open(b, p).await;
    axe::check(b)
        .await
        .into_iter()
        .map(|v| format!("{} at {width} px: {v}", p.path))
        .collect()
}

#[test]
fn the_main_pages_break_no_wcag_a_or_aa_rule_on_a_phone_or_a_laptop() {
    let app = spawn_app(DbKind::Sqlite, true);
    let signed_in = signed_in_pages(&app);
    let sign_in = page("/login", "#login-submit");
    let public = public_pages(&app);
    let mut found = Vec::new();
    runtime().block_on(async {
        let b = Browser::open(&app.url).await;
        for width in [375, 1366] {
            b.set_width(width).await;
            found.extend(check(&b, &sign_in, width).await);
            b.sign_in("community.pidhorodne").await;
            for p in &signed_in {
                found.extend(check(&b, p, width).await);
            }
            b.sign_out().await;
            for p in &public {
                found.extend(check(&b, p, width).await);
            }
        }
        b.close().await;
    });
    assert!(
        found.is_empty(),
        "axe-core {} ({}) finds {} violation(s):\n{}",
        axe::VERSION,
        axe::TAGS.join(", "),
        found.len(),
        found.join("\n")
    );
}

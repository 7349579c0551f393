//! The oblast budget on the dashboard and the annual report's two texts, on screen (1366 and 390 px, Ukrainian and English) and on paper (the print stylesheet, printed to PDF under target/screenshots/).

use super::{runtime, PIDHORODNE};
use obriy_tests::browser::Browser;
use obriy_tests::data::org_by_code;
use obriy_tests::{spawn_app, Client, DbKind};
use shared::amount::format_table;
use shared::Lang;

/// A PDF that Chromium printed: the header and at least one page.
fn is_pdf(pdf: &[u8]) -> bool {
    pdf.starts_with(b"%PDF") && pdf.len() > 2000
}

#[test]
fn the_head_reads_and_prints_the_oblast_budget_alone() {
    let app = spawn_app(DbKind::Sqlite, true);
    let head = Client::demo(&app, "head");
    let oblast = head
        .dashboard_query("level=oblast&source=oblast")
        .expect("the oblast budget");
    runtime().block_on(async {
        let b = Browser::open_as(&app.url, "head").await;
        b.set_width(1366).await;
        b.goto("/dashboard?level=oblast").await;
        b.find("#dash-source").await;
        b.select("#dash-source", "oblast").await;
        b.wait_url(|u| u.contains("source=oblast")).await;
        b.find("#execution-source").await;
        let executed = b
            .wait_text(
                "#execution-table tbody tr:first-child [data-col=\"executed\"]",
                "executed",
                |t| !t.trim().is_empty(),
            )
            .await;
        let first_year = oblast
            .execution
            .iter()
            .find(|r| r.direction.is_none())
            .expect("a year");
        assert_eq!(
            executed.trim().replace('\u{a0}', " "),
            format_table(first_year.execution.executed.decimal(), Lang::Uk).replace('\u{a0}', " "),
            "the oblast budget's executed amount, one decimal"
        );
        assert_eq!(b.value("#dash-source").await, "oblast");
        b.screenshot("paper-dashboard-oblast-1366-uk").await;
        // A drill-down keeps the source.
        let district = oblast
            .children
            .iter()
            .find(|c| c.level == shared::api::dashboard::DashboardLevel::District)
            .expect("a district")
            .id;
        b.goto(&format!(
            "/dashboard?level=district&id={district}&source=oblast"
        ))
        .await;
        b.find("#execution-source").await;
        b.goto("/dashboard?level=oblast&source=oblast").await;
        b.find("#execution-source").await;
        let pdf = b.print_pdf("paper-dashboard-oblast").await;
        assert!(is_pdf(&pdf));
        b.click("#lang-en").await;
        b.wait_text("#execution-source", "English", |t| {
            t.contains("Oblast budget")
        })
        .await;
        b.screenshot("paper-dashboard-oblast-1366-en").await;
        b.set_width(390).await;
        b.assert_fits("dashboard-source-390").await;
        b.screenshot("paper-dashboard-oblast-390-en").await;
        b.close().await;
    });
}

#[test]
fn an_annual_report_has_results_and_reasons_on_screen_and_on_paper() {
    let app = spawn_app(DbKind::Sqlite, true);
    let community = Client::demo(&app, "community.pidhorodne");
    let org = org_by_code(&community.orgs().expect("orgs"), PIDHORODNE);
    let annual = community.report(org, "2026").expect("2026");
    let mid = annual.measures.first().expect("a measure").measure_id;
    let quarter = community.report(org, "2026-Q4").expect("2026-Q4");
    let qmid = quarter.measures.first().expect("a measure").measure_id;
    runtime().block_on(async {
        let b = Browser::open_as(&app.url, "community.pidhorodne").await;
        b.set_width(1366).await;
        // A quarter has one text, what was done; no reasons.
        b.goto(&format!("/reports/{org}/2026-Q4")).await;
        b.find(&format!("#narrative-{qmid}")).await;
        assert!(!b.exists(&format!("#reasons-{qmid}")).await);
        b.goto(&format!("/reports/{org}/2026")).await;
        let label = b.text(&format!("label[for=\"narrative-{mid}\"]")).await;
        assert_eq!(label.trim(), "Досягнуті результати");
        let label = b.text(&format!("label[for=\"reasons-{mid}\"]")).await;
        assert_eq!(label.trim(), "Причини невиконання");
        b.fill(
            &format!("#narrative-{mid}"),
            "Підключено 12 шкіл до оптоволоконної мережі.",
        )
        .await;
        b.fill(
            &format!("#reasons-{mid}"),
            "Постачальник зірвав строки поставки комутаторів; закупівлю оголошено повторно.",
        )
        .await;
        b.click("#report-save").await;
        b.wait_text("#report-action-status", "saved", |t| !t.trim().is_empty())
            .await;
        b.screenshot("paper-annual-report-1366-uk").await;
        let pdf = b.print_pdf("paper-annual-report").await;
        assert!(is_pdf(&pdf));
        b.click("#lang-en").await;
        b.wait_text(&format!("label[for=\"reasons-{mid}\"]"), "English", |t| {
            t.contains("Reasons for non-execution")
        })
        .await;
        b.screenshot("paper-annual-report-1366-en").await;
        b.set_width(390).await;
        b.assert_fits("annual-report-390").await;
        b.scroll_to(&format!("#reasons-{mid}")).await;
        b.screenshot("paper-annual-report-390-en").await;
        b.close().await;
    });
    let saved = community.report(org, "2026").expect("read back");
    assert_eq!(
        saved.measures[0].reasons,
        "Постачальник зірвав строки поставки комутаторів; закупівлю оголошено повторно."
    );
}

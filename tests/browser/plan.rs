//! The plan a page at a time: where the page is, the links to the next and previous pages, totals
//! over every matching measure, at a laptop's and a phone's width, in Ukrainian and English.

use super::runtime;
use obriy_tests::browser::Browser;
use obriy_tests::{spawn_app, Client, DbKind};
use shared::api::plan::PlanFilter;

#[test]
fn the_plan_is_read_a_page_at_a_time() {
    let app = spawn_app(DbKind::Sqlite, true);
    let api = Client::demo(&app, "department");
    let all = api
        .plan(&PlanFilter {
            per_page: Some(500),
            ..PlanFilter::default()
        })
        .expect("plan");
    let count = all.measure_count;
    assert!(count > 10, "the demo plan fills more than two pages of 5");
    let pages = (count + 4) / 5;
    runtime().block_on(async {
        let b = Browser::open_as(&app.url, "department").await;
        b.set_width(1366).await;
        b.goto("/plan?per_page=5").await;
        let range = b
            .wait_text("#plan-range", "the first page", |t| {
                t.starts_with("Заходи 1–5 з ")
            })
            .await;
        assert!(range.contains(&format!("сторінка 1 з {pages}")), "{range}");
        let total = b.text("#plan-total").await;
        assert!(!b.exists("#plan-prev").await, "no page before the first");
        b.screenshot("plan-page-1-desktop-uk").await;

        b.click("#plan-next").await;
        b.wait_url(|u| u.contains("page=2")).await;
        b.wait_text("#plan-range", "the second page", |t| {
            t.starts_with("Заходи 6–10 з ")
        })
        .await;
        assert_eq!(
            b.text("#plan-total").await,
            total,
            "the totals cover every match"
        );
        b.click("#plan-prev").await;
        b.wait_text("#plan-range", "back on the first page", |t| {
            t.starts_with("Заходи 1–5 ")
        })
        .await;

        // A changed filter starts from its first page.
        b.goto("/plan?per_page=5&page=3").await;
        b.wait_text("#plan-range", "page 3", |t| t.starts_with("Заходи 11–15 "))
            .await;
        b.select("#filter-year", "2027").await;
        b.wait_url(|u| u.contains("year=2027") && !u.contains("&page=") && !u.contains("?page="))
            .await;

        // On a phone, in English.
        b.set_width(390).await;
        b.click("#lang-en").await;
        b.goto("/plan?per_page=5&page=2").await;
        let range = b
            .wait_text("#plan-range", "English", |t| {
                t.starts_with("Measures 6–10 of ")
            })
            .await;
        assert!(range.contains(&format!("page 2 of {pages}")), "{range}");
        b.find("#plan-prev").await;
        b.find("#plan-next").await;
        b.assert_fits("plan-phone-en").await;
        b.screenshot("plan-phone-en-top").await;
        b.scroll_to(".pager").await;
        b.screenshot("plan-page-2-phone-en").await;
        b.close().await;
    });
}

//! The open programme as an anonymous visitor: from the sign-in page to the public programme, a
//! measure's page and the open data, then through the public nav to the indicators, the
//! communities and one community's page, and the plan's history — at a laptop's width in
//! Ukrainian and a phone's in English, nothing wider than the screen.

use super::runtime;
use obriy_tests::browser::Browser;
use obriy_tests::{spawn_app, DbKind};

#[test]
fn an_anonymous_visitor_reads_the_approved_programme_and_finds_the_open_data() {
    let app = spawn_app(DbKind::Sqlite, true);
    runtime().block_on(async {
        let b = Browser::open(&app.url).await;
        b.set_width(1366).await;
        b.goto("/login").await;
        b.click("#public-link").await;
        b.wait_url(|u| u.ends_with("/public")).await;
        b.wait_text("#public-passport-title", "the passport", |t| {
            t.contains("Дніпропетровщина")
        })
        .await;
        b.find("#public-totals").await;
        b.find("#direction-1 .measure-row a").await;
        b.find("#open-data a[href=\"/api/public/datapackage.json\"]")
            .await;
        b.assert_fits("public-desktop-uk").await;
        b.screenshot("public-desktop-uk").await;

        b.click("#direction-1 .measure-row a").await;
        b.wait_url(|u| u.contains("/public/measures/")).await;
        b.find("#public-measure-name").await;
        b.find("#public-measure-budget").await;
        b.screenshot("public-measure-desktop-uk").await;
        the_other_public_pages(&b, "desktop-uk").await;

        b.set_width(390).await;
        b.click("#lang-en").await;
        b.goto("/public").await;
        b.wait_text("#public-plan-title", "English", |t| {
            !t.is_empty() && t.is_ascii()
        })
        .await;
        b.assert_fits("public-phone-en").await;
        b.screenshot("public-phone-en").await;
        b.click("#direction-1 .measure-row a").await;
        b.find("#public-measure-budget").await;
        b.assert_fits("public-measure-phone-en").await;
        b.screenshot("public-measure-phone-en").await;
        the_other_public_pages(&b, "phone-en").await;
        b.close().await;
    });
}

/// Through the public nav: indicators, the communities, the first one's page, the plan's history;
/// each marks itself current in the nav and fits the screen.
async fn the_other_public_pages(b: &Browser, suffix: &str) {
    b.click("#public-nav a[href=\"/public/indicators\"]").await;
    b.wait_url(|u| u.ends_with("/public/indicators")).await;
    b.find("#public-indicators .indicator-row .ind-status")
        .await;
    b.find("#public-nav a[href=\"/public/indicators\"][aria-current=\"page\"]")
        .await;
    b.assert_fits(&format!("public-indicators-{suffix}")).await;
    b.screenshot(&format!("public-indicators-{suffix}")).await;

    b.click("#public-nav a[href=\"/public/orgs\"]").await;
    b.wait_url(|u| u.ends_with("/public/orgs")).await;
    b.find("#public-orgs .org-row a").await;
    b.assert_fits(&format!("public-orgs-{suffix}")).await;
    b.screenshot(&format!("public-orgs-{suffix}")).await;

    // A community with measures of its own.
    b.click("#public-orgs .org-row[data-kind=\"community\"][data-has-measures=\"true\"] a")
        .await;
    b.wait_url(|u| u.contains("/public/orgs/")).await;
    b.find("#public-org-name").await;
    b.find("#public-org-measures .measure-row a").await;
    b.find("#public-org-compliance").await;
    b.find("#public-nav a[href=\"/public/orgs\"][aria-current=\"page\"]")
        .await;
    b.assert_fits(&format!("public-org-{suffix}")).await;
    b.screenshot(&format!("public-org-{suffix}")).await;

    b.click("#public-nav a[href=\"/public/versions\"]").await;
    b.wait_url(|u| u.ends_with("/public/versions")).await;
    b.find(".public-version h2").await;
    b.assert_fits(&format!("public-versions-{suffix}")).await;
    b.screenshot(&format!("public-versions-{suffix}")).await;
}

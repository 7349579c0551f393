//! The open programme as an anonymous visitor: from the sign-in page to the passport, a
//! direction's measure, the map of the communities, one community's page with its local
//! programme, the published documents, and a CSV of the open data downloaded — then the
//! indicators and the plan's history — at a laptop's width in Ukrainian and a phone's in
//! English, nothing wider than the screen.

use super::runtime;
use obriy_tests::browser::Browser;
use obriy_tests::documents::pdf_text;
use obriy_tests::{spawn_app, Client, DbKind};
use shared::OrgId;

const PIDHORODNE: &str = "UA12020210000032285";

#[test]
fn an_anonymous_visitor_reads_the_approved_programme_and_finds_the_open_data() {
    let app = spawn_app(DbKind::Sqlite, true);
    let pidhorodne = Client::anonymous(&app)
        .public_orgs()
        .expect("orgs")
        .orgs
        .into_iter()
        .find(|o| o.org.code.as_deref() == Some(PIDHORODNE))
        .expect("Підгородненська")
        .org
        .id;
    Client::demo(&app, "department")
        .publish_document("quarterly.pdf", "period=2026-Q3")
        .expect("a published document");
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
        b.find("#open-data a[href=\"/api/public/datapackage.json\"]")
            .await;
        b.assert_fits("public-desktop-uk").await;
        b.screenshot("public-desktop-uk").await;
        // On paper: the map and the tables, no nav, buttons or controls.
        b.goto("/public/orgs").await;
        b.find("#public-orgs .org-row").await;
        b.find("#public-map path.map-area").await;
        let paper = pdf_text(&b.print_pdf("public-orgs-print-uk").await);
        assert!(paper.contains(PIDHORODNE), "the table prints");
        for hidden in [
            "Історія плану",
            "Таблиця замість карти",
            "Показати на карті",
        ] {
            assert!(!paper.contains(hidden), "{hidden} is not printed");
        }
        b.goto("/public").await;
        b.find("#direction-1 .measure-row a").await;
        the_visitors_walk(&b, "desktop-uk", pidhorodne).await;

        b.set_width(390).await;
        b.click("#lang-en").await;
        b.goto("/public").await;
        b.wait_text("#public-plan-title", "English", |t| {
            !t.is_empty() && t.is_ascii()
        })
        .await;
        b.assert_fits("public-phone-en").await;
        b.screenshot("public-phone-en").await;
        the_visitors_walk(&b, "phone-en", pidhorodne).await;
        b.close().await;
    });
}

/// From the programme's page: a direction's measure, the map, a community picked on it, the
/// published documents, the open data's organisations as CSV, the indicators and the plan's
/// history; each page marks itself current in the nav and fits the screen.
async fn the_visitors_walk(b: &Browser, suffix: &str, community: OrgId) {
    b.click("#direction-1 .measure-row a").await;
    b.wait_url(|u| u.contains("/public/measures/")).await;
    b.find("#public-measure-name").await;
    b.find("#public-measure-budget").await;
    b.assert_fits(&format!("public-measure-{suffix}")).await;
    b.screenshot(&format!("public-measure-{suffix}")).await;

    b.click("#public-nav a[href=\"/public/orgs\"]").await;
    b.wait_url(|u| u.ends_with("/public/orgs")).await;
    b.find("#public-orgs .org-row a").await;
    // Every community is on the map, named for assistive technology.
    let area = format!("#public-map path.map-area[data-org=\"{community}\"]");
    let name = b.attr(&area, "aria-label").await.unwrap_or_default();
    assert!(
        name.to_lowercase().contains("pidhorodn") || name.to_lowercase().contains("підгородн"),
        "{name}"
    );
    b.find("#public-map title").await;
    b.select("#public-map-figure", "compliance").await;
    b.wait_text(
        "#public-map-section .map-legend",
        "the compliance legend",
        |t| t.contains("100"),
    )
    .await;
    b.assert_fits(&format!("public-orgs-{suffix}")).await;
    b.screenshot(&format!("public-orgs-{suffix}")).await;
    b.scroll_to("#public-map-section .map-legend").await;
    b.screenshot(&format!("public-map-{suffix}")).await;

    b.click(&area).await;
    b.wait_url(|u| u.ends_with(&format!("/public/orgs/{community}")))
        .await;
    b.find("#public-org-name").await;
    b.find("#public-org-measures .measure-row a").await;
    b.find("#public-org-compliance").await;
    b.find("#public-local-status[data-status=\"approved\"]")
        .await;
    b.find("#public-local-envelope tbody tr").await;
    b.find("#public-nav a[href=\"/public/orgs\"][aria-current=\"page\"]")
        .await;
    b.assert_fits(&format!("public-org-{suffix}")).await;
    b.screenshot(&format!("public-org-{suffix}")).await;
    b.scroll_to("#public-local").await;
    b.screenshot(&format!("public-org-local-{suffix}")).await;

    b.click("#public-nav a[href=\"/public/documents\"]").await;
    b.wait_url(|u| u.ends_with("/public/documents")).await;
    b.find("#public-documents .document-row[data-kind=\"quarterly\"] a[href^=\"/api/public/documents/\"]")
        .await;
    b.assert_fits(&format!("public-documents-{suffix}")).await;
    b.screenshot(&format!("public-documents-{suffix}")).await;

    // The open data: the organisations as CSV, with the community by its KATOTTH code.
    b.click("#public-nav a[href=\"/public\"]").await;
    b.wait_url(|u| u.ends_with("/public")).await;
    let csv = "#open-data a[href=\"/api/public/data/organisations.csv\"]";
    b.click(csv).await;
    let (file, bytes) = b.downloaded("organisations.csv", csv).await;
    let text = String::from_utf8(bytes).expect("UTF-8");
    assert!(text.contains(PIDHORODNE), "{file}: {text:.300}");

    b.click("#public-nav a[href=\"/public/indicators\"]").await;
    b.wait_url(|u| u.ends_with("/public/indicators")).await;
    b.find("#public-indicators .indicator-row .ind-status")
        .await;
    b.find("#public-nav a[href=\"/public/indicators\"][aria-current=\"page\"]")
        .await;
    b.assert_fits(&format!("public-indicators-{suffix}")).await;
    b.screenshot(&format!("public-indicators-{suffix}")).await;

    b.click("#public-nav a[href=\"/public/versions\"]").await;
    b.wait_url(|u| u.ends_with("/public/versions")).await;
    b.find(".public-version h2").await;
    b.assert_fits(&format!("public-versions-{suffix}")).await;
    b.screenshot(&format!("public-versions-{suffix}")).await;
}

//! Documents in the browser, at 1366 px and at 390 px, in Ukrainian and English: the department produces the consolidated quarterly report while executors are still missing, sees them named, downloads the PDF and the workbook, publishes the annual report; a community produces its own report (and publishes nothing).

use super::runtime;
use obriy_tests::browser::Browser;
use obriy_tests::documents::{pdf_text, xlsx_sheets};
use obriy_tests::{spawn_app, Client, DbKind};

const DESKTOP: u32 = 1366;
const PHONE: u32 = 390;

#[test]
fn the_department_produces_the_quarterly_report_with_executors_missing() {
    let app = spawn_app(DbKind::Sqlite, true);
    let catalog = Client::demo(&app, "department")
        .documents("")
        .expect("catalogue");
    let quarterly = catalog
        .entries
        .iter()
        .find(|e| e.kind.as_str() == "quarterly")
        .expect("quarterly");
    let missing: Vec<String> = quarterly
        .state
        .missing
        .iter()
        .map(|p| p.org.name.uk.clone())
        .collect();
    assert!(
        missing.len() >= 2,
        "the demo leaves executors without a report: {missing:?}"
    );
    let rt = runtime();
    rt.block_on(async {
        let b = Browser::open(&app.url).await;
        b.set_width(DESKTOP).await;
        b.sign_in("department").await;
        b.click("a[href='/documents']").await;
        b.wait_url(|u| u.ends_with("/documents")).await;
        b.wait_text("#document-quarterly h2", "the quarterly report", |t| {
            t.contains("Зведений звіт")
        })
        .await;
        assert!(
            b.exists("#document-quarterly .document-draft").await,
            "marked as a draft"
        );
        assert_eq!(
            b.text("#document-quarterly .state-missing").await,
            missing.len().to_string()
        );
        b.click("#document-quarterly .document-pending summary")
            .await;
        let listed = b.text("#document-quarterly .document-pending").await;
        for name in missing.iter().take(2) {
            assert!(listed.contains(name.as_str()), "{name} is named");
        }
        b.screenshot("documents-desktop").await;

        let (name, pdf) = b
            .made_and_downloaded(
                "#download-quarterly-pdf",
                "#download-quarterly-pdf-ready",
                ".pdf",
            )
            .await;
        assert!(name.starts_with("obriy-quarterly-"), "{name}");
        let words = pdf_text(&pdf);
        assert!(
            words.contains("ПРОЄКТ")
                && words.contains(missing[0].split_whitespace().next().expect("word"))
        );
        let (_, xlsx) = b
            .made_and_downloaded(
                "#download-quarterly-xlsx",
                "#download-quarterly-xlsx-ready",
                ".xlsx",
            )
            .await;
        assert!(
            xlsx_sheets(&xlsx).len() >= 3,
            "about, measures, indicators, reporting"
        );

        // The oblast budget alone, and the document in English: the choices stay in the address.
        b.select("#documents-source", "oblast").await;
        b.wait_url(|u| u.contains("source=oblast")).await;
        b.select("#documents-lang", "en").await;
        b.wait_url(|u| u.contains("lang=en")).await;
        let (name, pdf) = b
            .made_and_downloaded("#download-annual-pdf", "#download-annual-pdf-ready", ".pdf")
            .await;
        assert!(name.contains("-oblast."), "{name}");
        assert!(pdf_text(&pdf).contains("Annual progress report"));
        // Published as it is now: the open portal lists it, in its language and source. (The
        // test client blocks: off the async threads.)
        let published = || {
            tokio::task::block_in_place(|| {
                Client::anonymous(&app)
                    .public_documents()
                    .expect("list")
                    .documents
            })
        };
        assert!(published().is_empty(), "a download publishes nothing");
        b.click("#publish-annual").await;
        b.find("#published-annual a[href='/public/documents']")
            .await;
        b.scroll_to("#document-annual").await;
        b.screenshot("documents-published-desktop-en").await;
        let published = published();
        assert_eq!(published.len(), 1);
        assert_eq!(
            (
                published[0].kind.as_str(),
                published[0].lang,
                published[0].source
            ),
            (
                "annual",
                shared::Lang::En,
                Some(shared::FundingSource::Oblast)
            )
        );

        b.click("#lang-en").await;
        b.wait_text("#documents-heading", "English", |t| t == "Documents")
            .await;
        b.screenshot("documents-desktop-en").await;
        b.set_width(PHONE).await;
        b.assert_fits("documents at 390 px").await;
        b.screenshot("documents-phone-en").await;
        b.click("#lang-uk").await;
        b.wait_text("#documents-heading", "Ukrainian", |t| t == "Документи")
            .await;
        b.assert_fits("documents at 390 px, Ukrainian").await;
        b.screenshot("documents-phone").await;
        b.close().await;
    });
}

#[test]
fn a_community_produces_its_own_report() {
    let app = spawn_app(DbKind::Sqlite, true);
    let rt = runtime();
    rt.block_on(async {
        let b = Browser::open(&app.url).await;
        b.set_width(PHONE).await;
        b.sign_in("community.pidhorodne").await;
        b.goto("/documents").await;
        b.wait_text("#document-report h2", "its own report", |t| {
            t.contains("Звіт виконавця")
        })
        .await;
        assert!(
            !b.exists("#documents-scope option[value='0']").await,
            "no oblast scope for a community"
        );
        assert!(
            !b.exists("#publish-report").await,
            "only the department publishes"
        );
        b.assert_fits("a community's documents at 390 px").await;
        b.screenshot("documents-community-phone").await;
        let (_, pdf) = b
            .made_and_downloaded("#download-report-pdf", "#download-report-pdf-ready", ".pdf")
            .await;
        assert!(pdf_text(&pdf).contains("Підгородненська"));
        b.close().await;
    });
}

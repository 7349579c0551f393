//! A coordinator's home page: signed in, a community coordinator lands on her own work (the next
//! report with its due date, the proposals waiting, the unread inbox, her measures) on a phone and
//! on a laptop, in both languages; the passport stays a link away. And the header keeps to two
//! rows at 1366 px whatever the role's sections.

use super::phone::FOCUSED;
use super::runtime;
use obriy_tests::browser::Browser;
use obriy_tests::{axe, spawn_app, Client, DbKind};

/// How many rows the header's sections take (the distinct tops of its links).
const NAV_ROWS: &str = "return String(new Set([...document.querySelectorAll('.main-nav > ul > li')]
                          .map(li => Math.round(li.getBoundingClientRect().top))).size)";

#[test]
fn a_community_coordinator_lands_on_her_own_work() {
    let app = spawn_app(DbKind::Sqlite, true);
    let community = Client::demo(&app, "community.pidhorodne");
    let home = community.home().expect("home");
    let measures = home.measures.len();
    assert!(measures > 0);
    runtime().block_on(async {
        for width in [390, 1366] {
            let b = Browser::open(&app.url).await;
            b.set_width(width).await;
            b.sign_in("community.pidhorodne").await;
            b.find("#home-measures").await;
            b.wait_js("return document.title", "Моя робота — Обрій")
                .await;
            // The overdue third quarter, with its due date written out.
            b.find("#home-report .home-report-period[data-period=\"2026-Q3\"]")
                .await;
            let report = b.text("#home-report").await;
            assert!(report.contains("III квартал 2026"), "{report}");
            assert!(report.contains("05.10.2026"), "{report}");
            assert!(report.contains("Прострочено"), "{report}");
            b.find("#home-no-proposals").await;
            b.find("#home-inbox-empty").await;
            let listed = b
                .client
                .find_all(fantoccini::Locator::Css("#home-measures .home-measure"))
                .await
                .expect("measures")
                .len();
            assert_eq!(listed, measures);
            b.assert_fits(&format!("home-{width}")).await;
            b.screenshot(&format!("home-{width}")).await;
            let violations = axe::check(&b).await;
            assert!(violations.is_empty(), "home at {width}: {violations:#?}");
            b.click("#lang-en").await;
            b.wait_text("#home-report", "English", |t| t.contains("Q3 2026"))
                .await;
            let report = b.text("#home-report").await;
            assert!(report.contains("5 Oct 2026"), "{report}");
            b.assert_fits(&format!("home-{width}-en")).await;
            b.screenshot(&format!("home-{width}-en")).await;
            b.click("#lang-uk").await;
            if width == 390 {
                b.set_width(320).await;
                b.assert_fits("home-320").await;
                b.screenshot("home-320").await;
                b.set_width(390).await;
            }
            // The report is one tap away; the passport one link.
            b.click("#home-report-open").await;
            b.wait_url(|u| u.ends_with("/2026-Q3")).await;
            b.find("#report-heading").await;
            b.nav("/passport").await;
            b.find("#envelope").await;
            b.wait_js("return document.title", "Огляд — Обрій").await;
            b.nav("/").await;
            b.find("#home-measures").await;
            b.wait_js(FOCUSED, "h1#home-heading").await;
            b.close().await;
        }
    });
}

#[test]
fn the_header_keeps_to_two_rows_at_1366_for_every_role() {
    let app = spawn_app(DbKind::Sqlite, true);
    runtime().block_on(async {
        let b = Browser::open(&app.url).await;
        b.set_width(1366).await;
        for login in [
            "department",
            "head",
            "admin",
            "district.dnipro",
            "community.pidhorodne",
        ] {
            b.sign_in(login).await;
            b.find(".main-nav a[href=\"/inbox\"]").await;
            for lang in ["uk", "en"] {
                b.click(&format!("#lang-{lang}")).await;
                b.wait_attr("html", "lang", lang).await;
                let rows = b.js(NAV_ROWS).await;
                if rows != "1" {
                    b.screenshot(&format!("header-1366-{login}-{lang}-wraps"))
                        .await;
                }
                assert_eq!(rows, "1", "{login} ({lang}): the sections take {rows} rows");
                b.screenshot(&format!("header-1366-{login}-{lang}")).await;
            }
            b.click("#lang-uk").await;
            b.sign_out().await;
        }
        b.close().await;
    });
}

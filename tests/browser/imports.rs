//! A quarter reported from Excel in the browser: a community downloads its report workbook, uploads it filled with one bad cell, sees the cell named, fixes the marked copy, uploads it again, confirms and submits; at 1366 px and 390 px, in Ukrainian and English.

use super::runtime;
use obriy_tests::browser::Browser;
use obriy_tests::imports::{col, edit, read, row_where, set, sheet_mut, V};
use obriy_tests::{spawn_app, Client, DbKind};
use std::io::Write;

const DESKTOP: u32 = 1366;
const PHONE: u32 = 390;

/// Every measure in progress with a narrative, a little spent on each first line, every
/// indicator at its previous (else expected) value; `bad`: one status nobody knows.
fn fill(book: &[u8], report: &shared::api::reports::Report, bad: bool) -> Vec<u8> {
    edit(book, |sheets| {
        let ms = sheet_mut(sheets, "Заходи");
        let (status, narrative) = (col(ms, "Стан виконання"), col(ms, "Що зроблено"));
        for r in 1..ms.len() {
            set(ms, r, status, V::s("Виконується"));
            set(
                ms,
                r,
                narrative,
                V::s("Закупівлю проведено, обладнання встановлено"),
            );
        }
        if bad {
            set(ms, 1, status, V::s("Майже готово"));
        }
        let sp = sheet_mut(sheets, "Витрати");
        let spent = col(sp, "Витрачено за квартал, тис. грн");
        for m in &report.measures {
            if let Some(line) = m.lines.first() {
                let r = row_where(
                    sp,
                    &[0, col(sp, "Джерело фінансування")],
                    &[&m.measure_id.0.to_string(), &line.source.label().uk],
                );
                set(sp, r, spent, V::s("0,5"));
            }
        }
        let vs = sheet_mut(sheets, "Показники");
        let (code, value) = (col(vs, "Код показника"), col(vs, "Значення"));
        for r in 1..vs.len() {
            let c = vs[r][code].text();
            if let Some(v) = report.values.iter().find(|v| v.code == c) {
                let n = v.previous.or(v.expected).unwrap_or_default().round();
                set(vs, r, value, V::S(n.to_string()));
            }
        }
    })
}

/// Chooses the file on the import page, uploads it and waits for its preview.
async fn upload(b: &Browser, file: &tempfile::TempPath) {
    b.fill("#import-file", &file.to_string_lossy()).await;
    b.click("#import-submit").await;
    b.wait_url(|u| u.contains("job=")).await;
    b.wait_text("#import-state", "the check's end", |t| {
        t.to_lowercase().contains("чекає")
    })
    .await;
}

fn temp_file(bytes: &[u8], name: &str) -> tempfile::TempPath {
    let mut f = tempfile::Builder::new()
        .suffix(name)
        .tempfile()
        .unwrap_or_else(|e| panic!("temp file: {e}"));
    f.write_all(bytes).unwrap_or_else(|e| panic!("write: {e}"));
    f.into_temp_path()
}

#[test]
fn a_community_reports_its_quarter_from_excel() {
    let app = spawn_app(DbKind::Sqlite, true);
    let api = Client::demo(&app, "community.pidhorodne");
    let org = api.me().expect("me").user.org.expect("org").id;
    let report = api.report(org, "2026-Q3").expect("report");
    let rt = runtime();
    rt.block_on(async {
        let b = Browser::open(&app.url).await;
        b.set_width(DESKTOP).await;
        b.sign_in("community.pidhorodne").await;
        b.goto(&format!("/reports/{}/2026-Q3", org.0)).await;
        b.click("#report-fill-in-excel").await;
        b.wait_url(|u| u.contains("/import") && u.contains("kind=report"))
            .await;
        b.click("#import-report-template").await;
        let (name, book) = b.downloaded(".xlsx", "#import-report-template").await;
        assert!(name.contains("2026-Q3"), "{name}");
        b.screenshot("import-form-desktop").await;

        // Filled offline with one bad cell: the row and the cell are named, nothing is saved.
        let first = temp_file(&fill(&book, &report, true), "-q3.xlsx");
        upload(&b, &first).await;
        let issues = b.text("#import-issues").await;
        assert!(
            issues.contains("Майже готово") && issues.contains("Заходи"),
            "{issues}"
        );
        b.screenshot("import-preview-desktop").await;

        // The marked copy: fixed where it says, uploaded again.
        b.click("#import-marked").await;
        let (_, marked) = b.downloaded(").xlsx", "#import-marked").await;
        let sheets = read(&marked);
        assert_eq!(sheets[0].0, "Помилки");
        let fixed = edit(&marked, |sheets| {
            let ms = sheet_mut(sheets, "Заходи");
            let status = col(ms, "Стан виконання");
            set(ms, 1, status, V::s("Виконується"));
        });
        let second = temp_file(&fixed, "-q3-fixed.xlsx");
        b.click("a[href='/import']").await;
        b.wait_url(|u| u.ends_with("/import")).await;
        b.click("#import-kind-report").await;
        b.select("#import-period", "2026-Q3").await;
        upload(&b, &second).await;
        assert!(!b.exists("#import-issues").await, "no problems left");

        // At a phone's width, in English.
        b.set_width(PHONE).await;
        b.click("#lang-en").await;
        b.wait_text("#import-heading", "English", |t| {
            t.contains("Import from Excel")
        })
        .await;
        b.assert_fits("import-preview-phone").await;
        b.screenshot("import-preview-phone-en").await;
        b.click("#lang-uk").await;
        b.set_width(DESKTOP).await;

        b.click("#import-confirm").await;
        b.wait_text("#import-message", "the save", |t| {
            t.to_lowercase().contains("записано")
        })
        .await;
        b.click("#import-open-report").await;
        b.wait_url(|u| u.contains("/reports/")).await;
        b.click("#report-submit").await;
        b.wait_text("#report-stage", "submitted", |t| {
            t.contains("На погодженні району")
        })
        .await;
        b.screenshot("import-report-submitted").await;
        b.close().await;
    });
    let saved = api.report(org, "2026-Q3").expect("report");
    assert!(saved
        .measures
        .iter()
        .all(|m| m.narrative.starts_with("Закупівлю")));
    assert_ne!(saved.stage, Some(shared::api::reports::ReportStage::Draft));
}

/// The plan goes out from the plan page and comes back through the import: a community
/// downloads its filtered plan, changes one amount in Excel, uploads it, sees exactly that
/// change and confirms it into its draft proposal; every page's export links fit a phone.
#[test]
fn a_community_edits_its_plan_in_excel() {
    let app = spawn_app(DbKind::Sqlite, true);
    let api = Client::demo(&app, "community.pidhorodne");
    let org = api.me().expect("me").user.org.expect("org").id;
    let plan = api
        .plan(&shared::api::plan::PlanFilter {
            org: Some(org),
            ..Default::default()
        })
        .expect("plan");
    let measure = plan
        .directions
        .iter()
        .flat_map(|d| &d.tasks)
        .flat_map(|t| &t.measures)
        .next()
        .expect("a measure")
        .id;
    let rt = runtime();
    rt.block_on(async {
        let b = Browser::open(&app.url).await;
        b.set_width(DESKTOP).await;
        b.sign_in("community.pidhorodne").await;
        b.goto(&format!("/plan?org={}", org.0)).await;
        b.wait_text("#export-plan", "the export links", |t| t.contains("XLSX"))
            .await;
        let href = b
            .attr("#export-plan .export-xlsx", "href")
            .await
            .expect("href");
        assert!(href.contains(&format!("org={}", org.0)), "{href}");
        b.screenshot("export-plan-desktop").await;
        b.click("#export-plan .export-xlsx").await;
        let (name, book) = b.downloaded(".xlsx", "#export-plan .export-xlsx").await;
        assert!(name.starts_with("obriy-plan-"), "{name}");
        let sheets = read(&book);
        assert_eq!(sheets[0].0, "Про файл");
        let plan_sheet = sheets[1].0.clone();
        let edited = edit(&book, |sheets| {
            let s = sheet_mut(sheets, &plan_sheet);
            let h = s
                .iter()
                .position(|r| r.iter().any(|v| v.text() == "Код заходу"))
                .expect("headings");
            let amount = col(&s[h..], "Сума, тис. грн");
            set(s, h + 1, amount, V::N(4321.5));
        });
        let file = temp_file(&edited, "-plan.xlsx");
        b.click("#plan-import").await;
        b.wait_url(|u| u.ends_with("/import")).await;
        upload(&b, &file).await;
        let changes = b.text("#import-changes").await;
        assert!(
            changes.contains("4\u{a0}321,5") || changes.contains("4 321,5"),
            "{changes}"
        );
        assert!(!b.exists("#import-issues").await);
        b.click("#import-confirm").await;
        b.wait_text("#import-message", "the save", |t| {
            t.to_lowercase().contains("записано")
        })
        .await;
        b.screenshot("export-plan-imported").await;

        // Every table's links, at both widths and in both languages.
        for (path, id) in [
            (format!("/measures/{}", measure.0), "#export-measure"),
            (format!("/plan?org={}", org.0), "#export-plan"),
            ("/passport".to_string(), "#export-envelope"),
            ("/reports".to_string(), "#export-calendar"),
            ("/dashboard".to_string(), "#export-indicators"),
            ("/proposals".to_string(), "#export-proposals"),
            (format!("/reports/{}/2026-Q3", org.0), "#export-report"),
        ] {
            for (width, lang) in [(DESKTOP, "uk"), (PHONE, "en")] {
                b.set_width(width).await;
                b.goto(&path).await;
                b.click(&format!("#lang-{lang}")).await;
                b.wait_text(id, "the links", |t| t.contains("CSV (;)"))
                    .await;
                let shot = format!(
                    "export-{}-{width}-{lang}",
                    id.trim_start_matches("#export-")
                );
                b.assert_fits(&shot).await;
                b.scroll_to(id).await;
                b.screenshot(&shot).await;
            }
        }
        b.click("#lang-uk").await;
        b.close().await;
    });
    let draft = api.my_draft().expect("draft").expect("a draft");
    assert_eq!(draft.lines.len(), 1, "{:?}", draft.lines);
}

/// The department downloads the targets sheet from the indicators page, gives a community its
/// own target (and types one value no unit takes), sees both in the preview, confirms, and finds
/// the indicator marked as having own targets; the pages fit a phone in English.
#[test]
fn the_department_sets_a_community_target_in_excel() {
    let app = spawn_app(DbKind::Sqlite, true);
    let community = Client::demo(&app, "community.pidhorodne");
    let org = community.me().expect("me").user.org.expect("org").id;
    let rt = runtime();
    rt.block_on(async {
        let b = Browser::open(&app.url).await;
        b.set_width(DESKTOP).await;
        b.sign_in("department").await;
        b.goto("/indicators").await;
        b.wait_text("#export-targets", "the export links", |t| {
            t.contains("XLSX")
        })
        .await;
        b.click("#indicators-targets-import a").await;
        b.wait_url(|u| u.contains("/import?kind=targets")).await;
        b.wait_text("#import-targets-template", "the template link", |t| {
            !t.is_empty()
        })
        .await;
        b.click("#import-targets-template").await;
        let (name, book) = b.downloaded(".xlsx", "#import-targets-template").await;
        assert!(name.starts_with("obriy-targets-"), "{name}");
        let sheet = read(&book)[1].0.clone();
        let edited = edit(&book, |sheets| {
            let s = sheet_mut(sheets, &sheet);
            let h = s
                .iter()
                .position(|r| r.iter().any(|v| v.text() == "Код показника"))
                .expect("headings");
            let rows = &s[h..];
            let (code, id, year, target) = (
                col(rows, "Код показника"),
                col(rows, "Код організації в Обрії"),
                col(rows, "Рік"),
                col(rows, "Ціль"),
            );
            let own = h + row_where(
                rows,
                &[code, id, year],
                &["IND-10", &org.0.to_string(), "2026"],
            );
            set(s, own, target, V::s("52,5"));
            set(s, own + 1, target, V::s("сто"));
        });
        let file = temp_file(&edited, "-targets.xlsx");
        b.screenshot("import-targets-form").await;
        upload(&b, &file).await;
        let changes = b.text("#import-changes").await;
        assert!(changes.contains("52,5"), "{changes}");
        assert!(changes.contains("Підгородненська"), "{changes}");
        let issues = b.text("#import-issues").await;
        assert!(issues.contains("сто"), "{issues}");
        b.screenshot("import-targets-preview").await;
        b.click("#import-confirm").await;
        b.wait_text("#import-message", "the save", |t| {
            t.to_lowercase().contains("записано")
        })
        .await;
        b.click("#import-open-indicators").await;
        b.wait_url(|u| u.ends_with("/indicators")).await;
        b.wait_text(
            "tr[data-code='IND-10'] .own-targets",
            "the own targets' mark",
            |t| t.contains('1'),
        )
        .await;
        b.scroll_to("tr[data-code='IND-10']").await;
        b.screenshot("indicators-own-targets").await;

        b.set_width(PHONE).await;
        b.click("#lang-en").await;
        for (path, id) in [
            ("/indicators", "#export-targets"),
            ("/import?kind=targets", "#import-targets-template"),
        ] {
            b.goto(path).await;
            b.wait_text(id, "the page", |t| !t.is_empty()).await;
            let shot = format!("targets-{}-phone-en", id.trim_start_matches('#'));
            b.assert_fits(&shot).await;
            b.scroll_to(id).await;
            b.screenshot(&shot).await;
        }
        b.click("#lang-uk").await;
        b.close().await;
    });
    let ind = community
        .call::<Vec<shared::api::indicators::IndicatorEntry>>(
            shared::api::endpoints::INDICATORS,
            &[],
        )
        .expect("indicators")
        .into_iter()
        .find(|e| e.code == "IND-10")
        .expect("IND-10");
    assert_eq!(
        ind.indicator
            .org_target(org, shared::Year::new(2026).expect("year")),
        Some("52.5".parse().expect("decimal"))
    );
}

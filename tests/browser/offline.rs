//! Lost connections: a coordinator on a phone writes a quarterly report, the network goes
//! half-way (DevTools' offline mode, and the link to the server cut too, so the service worker
//! cannot reach it either), the page is reloaded from the service worker, the draft restored and
//! saved into the offline queue, and after reconnecting the queue goes out and the report is
//! submitted, nothing typed again. Two people edit one measure, one of them offline: the queued
//! save meets the other's and ends in the form's conflict view; the other's save stands.

use super::{pidhorodne_measure, runtime, PIDHORODNE};
use obriy_tests::browser::Browser;
use obriy_tests::data::org_by_code;
use obriy_tests::proxy::Proxy;
use obriy_tests::{spawn_app, Client, DbKind};
use shared::api::reports::{ExecutionStatus, ReportStage};
use shared::IndicatorUnit;
use std::time::Duration;

/// The browser's way to the server, through a link the test can cut.
fn link(app: &obriy_tests::TestApp) -> (Proxy, String) {
    let proxy = Proxy::start(format!("127.0.0.1:{}", app.server.port));
    let base = format!("http://127.0.0.1:{}", proxy.port);
    (proxy, base)
}

/// The network goes (`true`) or comes back: the browser's own view and the link itself.
async fn cut(b: &Browser, proxy: &Proxy, down: bool) {
    proxy.set_down(down);
    b.set_offline(down).await;
}

#[test]
fn a_report_written_on_a_phone_survives_a_lost_connection_and_a_reload_and_is_submitted() {
    let app = spawn_app(DbKind::Sqlite, true);
    let community = Client::demo(&app, "community.pidhorodne");
    let org = org_by_code(&community.orgs().expect("orgs"), PIDHORODNE);
    let blank = community.report(org, "2026-Q3").expect("Q3");
    assert_eq!(blank.version, 0, "nothing saved yet");
    let measure = blank
        .measures
        .iter()
        .find(|m| !m.lines.is_empty())
        .expect("a measure with budget lines in 2026");
    let (mid, source) = (measure.measure_id, measure.lines[0].source);
    let spent = format!("#spent-{mid}-{}", source.as_str());
    let narrative_id = format!("#narrative-{mid}");
    let narrative = "Закуплено обладнання для ЦНАП; навчено двох адміністраторів.";
    let figures: Vec<(shared::IndicatorId, String)> = blank
        .values
        .iter()
        .map(|v| {
            let figure = v.previous.map_or_else(
                || match v.unit {
                    IndicatorUnit::Percent | IndicatorUnit::Points => "40".to_string(),
                    _ => "80".to_string(),
                },
                |p| p.normalize().to_string().replace('.', ","),
            );
            (v.indicator_id, figure)
        })
        .collect();
    let page = format!("/reports/{org}/2026-Q3");
    let (proxy, base) = link(&app);
    let rt = runtime();
    rt.block_on(async {
        let c = Browser::open(&base).await;
        c.set_width(390).await;
        c.sign_in("community.pidhorodne").await;
        // From now on what the app loads is kept for a visit without a connection.
        c.wait_service_worker().await;
        c.goto(&page).await;
        c.find("#report-stage[data-stage=\"none\"]").await;
        assert!(!c.exists("#offline-indicator").await, "online");

        // Half the report is typed, then the network goes.
        for m in &blank.measures {
            c.select(&format!("#status-{}", m.measure_id), "in_progress")
                .await;
        }
        c.fill(&narrative_id, narrative).await;
        cut(&c, &proxy, true).await;
        c.find("#offline-indicator").await;
        c.fill(&spent, "12,5").await;
        // Every indicator's value (the last quarter's where there is one: no comment needed).
        for (id, figure) in &figures {
            c.fill(&format!("#value-{id}"), figure).await;
        }
        c.screenshot("offline-report-typing-390").await;

        // A reload without a connection: the service worker serves the app and the report as
        // last seen; the draft is offered back with the time it was typed.
        // The browser asks first (unsaved edits); the user reloads anyway.
        let _ = tokio::time::timeout(Duration::from_secs(20), c.client.refresh()).await;
        if c.client.get_alert_text().await.is_ok() {
            c.client.accept_alert().await.expect("reload anyway");
        }
        c.find("#report-stage[data-stage=\"none\"]").await;
        c.find("#offline-indicator").await;
        let offer = c
            .wait_text("#draft-offer", "the draft offered back", |t| {
                t.contains("У вас є незбережені зміни від")
            })
            .await;
        assert!(
            offer.contains("Відновити") && offer.contains("Відкинути"),
            "{offer}"
        );
        assert_eq!(
            c.value(&narrative_id).await,
            "",
            "not restored without asking"
        );
        c.assert_fits("offline report at 390 px").await;
        c.screenshot("offline-report-draft-offer-390").await;
        c.click("#lang-en").await;
        c.wait_text("#draft-offer", "the offer in English", |t| {
            t.contains("You have unsaved changes from") && t.contains("Restore")
        })
        .await;
        c.wait_text("#conn-status", "offline in English", |t| {
            t.contains("Offline")
        })
        .await;
        c.screenshot("offline-report-draft-offer-390-en").await;
        c.click("#lang-uk").await;
        c.click("#draft-restore").await;
        c.wait_gone("#draft-offer", "the offer answered").await;
        assert_eq!(c.value(&narrative_id).await, narrative);
        assert_eq!(c.value(&spent).await, "12,5");
        assert_eq!(
            c.value(&format!("#status-{mid}")).await,
            "in_progress",
            "the choices come back too"
        );

        // Saved without a connection: it waits in the queue, shown in the header.
        c.select(&format!("#status-{mid}"), "done").await;
        c.click("#report-save").await;
        c.wait_text("#report-action-status", "kept on the device", |t| {
            t.contains("збережено на цьому пристрої")
        })
        .await;
        c.wait_text("#queue-count", "one change waiting", |t| {
            t.contains("1 зміна чекає на зв’язок")
        })
        .await;
        c.scroll_to("#report-heading").await;
        c.screenshot("offline-report-queued-390").await;

        // The connection returns: the queue goes out by itself, then the report is submitted.
        cut(&c, &proxy, false).await;
        c.wait_gone("#queue-count", "the queue sent").await;
        c.wait_gone("#offline-indicator", "online again").await;
        c.wait_attr("#report-summary", "data-version", "1").await;
        c.wait_text("#report-action-status", "sent from the queue", |t| {
            t.contains("надіслано")
        })
        .await;
        assert_eq!(c.value(&narrative_id).await, narrative);
        c.click("#report-submit").await;
        c.find("#report-stage[data-stage=\"submitted\"]").await;
        c.screenshot("offline-report-submitted-390").await;
        c.close().await;
    });
    let submitted = community.report(org, "2026-Q3").expect("Q3");
    assert_eq!(submitted.stage, Some(ReportStage::Submitted));
    let m = submitted
        .measures
        .iter()
        .find(|m| m.measure_id == mid)
        .expect("the measure");
    assert_eq!(m.narrative, narrative);
    assert_eq!(m.status, Some(ExecutionStatus::Done));
    assert!(
        submitted.values.iter().all(|v| v.value.is_some()),
        "every value typed offline was sent"
    );
    assert_eq!(
        m.lines.iter().find(|l| l.source == source).map(|l| l.spent),
        Some(shared::Amount::parse("12,5").expect("amount"))
    );
}

#[test]
fn a_measure_saved_offline_meets_a_save_made_meanwhile_in_the_conflict_view() {
    let app = spawn_app(DbKind::Sqlite, true);
    let (community, made) = pidhorodne_measure(&app, "Оцифрування архіву громади", "120");
    let page = format!("/measures/{}", made.id);
    let (proxy, base) = link(&app);
    let rt = runtime();
    rt.block_on(async {
        let c = Browser::open(&base).await;
        c.set_width(1366).await;
        c.sign_in("community.pidhorodne").await;
        c.wait_service_worker().await;
        c.goto(&page).await;
        c.find("#measure-name-uk").await;
        c.wait_attr("#measure-meta", "data-version", "1").await;

        // Leaving unsaved edits asks first; staying keeps them.
        c.fill("#measure-name-uk", "Оцифрування архіву громади (уточнено)")
            .await;
        c.click(".main-nav a[href=\"/plan\"]").await;
        let question = c
            .client
            .get_alert_text()
            .await
            .expect("asked before leaving");
        assert!(question.contains("незбережені зміни"), "{question}");
        c.client.dismiss_alert().await.expect("stay");
        assert!(c
            .client
            .current_url()
            .await
            .expect("url")
            .path()
            .ends_with(&page));

        // Offline, the save waits in the queue.
        cut(&c, &proxy, true).await;
        c.find("#offline-indicator").await;
        c.click("#measure-save").await;
        c.wait_text("#measure-saved", "kept on the device", |t| {
            t.contains("збережено на цьому пристрої")
        })
        .await;
        c.wait_text("#queue-count", "one change waiting", |t| {
            t.contains("1 зміна")
        })
        .await;
        c.screenshot("offline-measure-queued-1366").await;

        // Meanwhile the department changes the same measure.
        let d = Browser::open_as(&app.url, "department").await;
        d.goto(&page).await;
        d.fill("#measure-description", "Опис від департаменту.")
            .await;
        d.click("#measure-save").await;
        d.wait_attr("#measure-meta", "data-version", "2").await;
        d.close().await;

        // Back online: the queued save is refused (its base moved) and becomes the conflict view,
        // with what was typed still in the field.
        cut(&c, &proxy, false).await;
        c.find("#conflict").await;
        c.wait_gone("#queue-count", "nothing waits any more").await;
        assert_eq!(
            c.value("#measure-name-uk").await,
            "Оцифрування архіву громади (уточнено)"
        );
        c.scroll_to("#conflict").await;
        c.screenshot("offline-measure-conflict-1366").await;
        c.click("#lang-en").await;
        c.wait_text("#conflict-title", "the conflict in English", |t| {
            t.contains("conflict")
        })
        .await;
        c.screenshot("offline-measure-conflict-1366-en").await;
        c.close().await;
    });
    let now = community.measure(made.id).expect("measure");
    assert_eq!(now.version, 2, "only the department's save");
    assert_eq!(now.description, "Опис від департаменту.");
    assert_eq!(now.name.uk, "Оцифрування архіву громади");
}

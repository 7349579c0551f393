//! The indicators page in the browser: the department sets IND-08's status thresholds (a wrong
//! pair is caught at its field first, a stale edit keeps what was typed), changes the reporting
//! settings and sends the reminders; the programme head reads the same page without a single
//! field. In Ukrainian and in English.

use super::runtime;
use obriy_tests::browser::Browser;
use obriy_tests::{spawn_app, Client, DbKind};
use rust_decimal::Decimal;
use shared::api::indicators::{IndicatorEntry, SetStatusRule};
use shared::api::reports::ReportingSettings;
use shared::indicators::StatusRule;

fn d(s: &str) -> Decimal {
    s.parse().unwrap_or_else(|e| panic!("{s}: {e}"))
}

fn entry(api: &Client, code: &str) -> IndicatorEntry {
    let all: Vec<IndicatorEntry> = api.get("/api/indicators").expect("indicators");
    all.into_iter()
        .find(|e| e.code == code)
        .unwrap_or_else(|| panic!("{code} is a demo indicator"))
}

async fn value(b: &Browser, css: &str) -> String {
    b.find(css)
        .await
        .prop("value")
        .await
        .unwrap_or_else(|e| panic!("value of {css}: {e}"))
        .unwrap_or_default()
}

obriy_tests::on_both! {
    fn the_department_sets_an_indicators_thresholds_and_the_reporting_settings_and_the_head_reads_them(kind) {
        indicators_journey(kind);
    }
}

fn indicators_journey(kind: DbKind) {
    let app = spawn_app(kind, true);
    let shot = |name: &str| match kind {
        DbKind::Sqlite => name.to_string(),
        DbKind::Postgres => format!("{name}-postgres"),
    };
    let api = Client::demo(&app, "department");
    let before = entry(&api, "IND-08");
    assert_eq!(
        before.indicator.status_rule, None,
        "IND-08 starts on the defaults"
    );
    let row = "tr[data-code=\"IND-08\"]";
    let rt = runtime();
    let b = rt.block_on(async {
        let b = Browser::open_as(&app.url, "department").await;
        b.click(".main-nav a[href=\"/indicators\"]").await;
        b.wait_url(|u| u.ends_with("/indicators")).await;
        let shown = b
            .wait_text(row, "IND-08's row", |t| t.contains("Wi-Fi"))
            .await;
        // WebDriver reads the no-break space that groups thousands as a plain one.
        assert!(shown.contains("2 700"), "the baseline: {shown}");
        assert!(shown.contains("01.01.2026"), "the baseline's date: {shown}");
        assert!(shown.contains("3 000"), "the 2028 target: {shown}");
        assert!(
            shown.contains("(типові)"),
            "the default thresholds: {shown}"
        );
        assert!(
            b.exists(&format!("{row} .badge-demo")).await,
            "demo targets are marked"
        );
        // The computed share says how it is computed, by the codes of its inputs.
        let share = b.text("tr[data-code=\"IND-06\"]").await;
        assert!(share.contains("IND-05 ÷ IND-04 × 100"), "{share}");
        let communities = b.text("tr[data-code=\"IND-10\"]").await;
        assert!(communities.contains("Усі громади"), "{communities}");
        assert!(communities.contains("середнє"), "{communities}");
        b.screenshot(&shot("indicators-department")).await;

        // At risk above on track: refused at the field, before anything is sent.
        b.click("#edit-rule-IND-08").await;
        b.find("#rule-edit").await;
        assert_eq!(value(&b, "#rule-on-track").await, "95");
        assert_eq!(value(&b, "#rule-at-risk").await, "80");
        b.fill("#rule-on-track", "90").await;
        b.fill("#rule-at-risk", "92").await;
        b.click("#rule-save").await;
        b.wait_text("#rule-at-risk-error", "the rule's error", |t| {
            t.contains("Пороги статусу")
        })
        .await;
        assert_eq!(
            b.attr("#rule-at-risk", "aria-invalid").await.as_deref(),
            Some("true")
        );
        assert!(b
            .attr("#rule-at-risk", "aria-describedby")
            .await
            .is_some_and(|ids| ids.contains("rule-at-risk-error")));
        b.screenshot(&shot("indicators-rule-invalid")).await;
        b
    });
    assert_eq!(
        entry(&api, "IND-08").indicator.status_rule,
        None,
        "nothing was sent while the pair was wrong"
    );
    rt.block_on(async {
        b.fill("#rule-at-risk", "75,5").await;
        b.wait_text("#rule-at-risk-error", "no error once typed again", |t| {
            t.trim().is_empty()
        })
        .await;
        b.click("#rule-save").await;
        b.wait_text("#indicators-status", "the saved notice", |t| {
            t.contains("IND-08") && t.contains("збережено")
        })
        .await;
        b.wait_gone("#rule-edit", "the editor closes").await;
        // The row that was saved says so where the user is looking.
        b.wait_text(&format!("{row} .saved-note"), "the row's note", |t| {
            t.contains("Збережено")
        })
        .await;
        let shown = b
            .wait_text("#thresholds-IND-08", "the new thresholds", |t| {
                t.contains("90") && t.contains("75,5")
            })
            .await;
        assert!(!shown.contains("типові"), "{shown}");
        b.find(&format!("{row}[data-custom-rule=\"true\"]")).await;
        b.screenshot(&shot("indicators-rule-saved")).await;
    });
    let saved = entry(&api, "IND-08");
    assert_eq!(
        saved.indicator.status_rule,
        Some(StatusRule {
            on_track: d("90"),
            at_risk: d("75.5")
        })
    );

    // Someone else changes the thresholds while the editor is open: what was typed stays, and
    // the thresholds now on the server are shown beside it.
    rt.block_on(async {
        b.click("#edit-rule-IND-08").await;
        b.fill("#rule-on-track", "85").await;
        b.fill("#rule-at-risk", "70").await;
    });
    let theirs: IndicatorEntry = api
        .put(
            &format!("/api/indicators/{}/status-rule", saved.indicator.id),
            &SetStatusRule {
                version: saved.version,
                status_rule: Some(StatusRule {
                    on_track: d("93"),
                    at_risk: d("60"),
                }),
            },
        )
        .expect("the other edit");
    rt.block_on(async {
        b.click("#rule-save").await;
        b.wait_text("#rule-server", "the server's thresholds", |t| {
            t.contains("93") && t.contains("60")
        })
        .await;
        assert_eq!(value(&b, "#rule-on-track").await, "85");
        assert_eq!(value(&b, "#rule-at-risk").await, "70");
        b.wait_text("#thresholds-IND-08", "the row shows theirs", |t| {
            t.contains("93")
        })
        .await;
        b.screenshot(&shot("indicators-rule-conflict")).await;
        // Saving again records what was typed, over theirs.
        b.click("#rule-save").await;
        b.wait_text("#thresholds-IND-08", "mine again", |t| {
            t.contains("85") && t.contains("70")
        })
        .await;
    });
    let mine = entry(&api, "IND-08");
    assert_eq!(mine.version, theirs.version + 1);
    assert_eq!(
        mine.indicator.status_rule,
        Some(StatusRule {
            on_track: d("85"),
            at_risk: d("70")
        })
    );

    // Back to the defaults, then the reporting settings and the reminders.
    rt.block_on(async {
        b.click("#edit-rule-IND-07").await;
        b.click("#rule-reset").await;
        b.wait_text("#indicators-status", "the defaults notice", |t| {
            t.contains("IND-07") && t.contains("типові")
        })
        .await;
        b.scroll_to("#reporting-settings").await;
        assert_eq!(value(&b, "#settings-days").await, "3");
        assert_eq!(value(&b, "#settings-share").await, "50");
        b.fill("#settings-days", "5").await;
        b.fill("#settings-share", "0").await;
        b.click("#settings-save").await;
        b.wait_text("#settings-share-error", "the share's range", |t| {
            t.contains("1000")
        })
        .await;
        assert_eq!(
            b.attr("#settings-share", "aria-invalid").await.as_deref(),
            Some("true")
        );
        b.screenshot(&shot("indicators-settings-invalid")).await;
        b.fill("#settings-share", "30").await;
        b.click("#settings-save").await;
        b.wait_text("#settings-status", "the saved settings", |t| {
            t.contains("збережено")
        })
        .await;
        b.click("#send-reminders").await;
        b.wait_text("#reminders-result", "how many were sent", |t| {
            t.contains("Надіслано: ")
        })
        .await;
        b.screenshot(&shot("indicators-settings-saved")).await;
        // The same page in English.
        b.click("#lang-en").await;
        b.wait_text(".main-nav", "the English navigation", |t| {
            t.contains("Indicators")
        })
        .await;
        b.wait_text("#thresholds-IND-08", "English thresholds", |t| {
            t.contains("On track ≥ 85.0%")
        })
        .await;
        b.wait_text("#thresholds-IND-07", "English defaults", |t| {
            t.contains("(defaults)")
        })
        .await;
        b.client
            .execute("window.scrollTo(0, 0)", vec![])
            .await
            .expect("scroll");
        b.screenshot(&shot("indicators-department-en")).await;
        b.click("#edit-rule-IND-08").await;
        b.fill("#rule-at-risk", "99").await;
        b.click("#rule-save").await;
        b.wait_text("#rule-at-risk-error", "the English error", |t| {
            t.contains("on-track threshold above")
        })
        .await;
        b.screenshot(&shot("indicators-rule-invalid-en")).await;
        b.click("#rule-cancel").await;
        b.wait_gone("#rule-edit", "the editor closes").await;
        b.click("#lang-uk").await;
        b.close().await;
    });
    assert_eq!(
        entry(&api, "IND-07").indicator.status_rule,
        None,
        "back to the defaults"
    );
    let settings: ReportingSettings = api.get("/api/reporting/settings").expect("settings");
    assert_eq!(settings.remind_days_before, 5);
    assert_eq!(settings.max_change_percent, d("30"));

    // The programme head reads it all and can change none of it.
    rt.block_on(async {
        let h = Browser::open_as(&app.url, "head").await;
        h.goto("/indicators").await;
        h.wait_text("#thresholds-IND-08", "the department's thresholds", |t| {
            t.contains("85") && t.contains("70")
        })
        .await;
        h.find("#indicators-readonly").await;
        h.wait_text("#settings-days-value", "the reminder lead", |t| t == "5")
            .await;
        assert_eq!(h.text("#settings-share-value").await, "30");
        assert!(!h.exists("main input").await, "no field for the head");
        assert!(!h.exists("main button.rule-edit").await);
        assert!(!h.exists("#send-reminders").await);
        assert!(!h.exists("#settings-form").await);
        h.screenshot(&shot("indicators-head")).await;
        h.click("#lang-en").await;
        h.wait_text("#indicators-heading", "the English title", |t| {
            t.contains("indicators")
        })
        .await;
        h.scroll_to("#reporting-settings").await;
        h.screenshot(&shot("indicators-head-en")).await;
        h.close().await;
    });
}

//! The local programme page in the browser: the Pidhorodne coordinator edits her community's
//! programme (a wrong amount and a missing decision are caught at their fields, in Ukrainian and
//! English), saves it; the department sees the register with "N з M громад" and the saved
//! decision; at 1366 px and 390 px.

use super::runtime;
use obriy_tests::browser::Browser;
use obriy_tests::{spawn_app, Client, DbKind};
use shared::api::endpoints as ep;
use shared::api::local_programmes::{LocalProgramme, LocalProgrammeSummary};

obriy_tests::on_both! {
    fn a_community_edits_its_local_programme_and_the_department_sees_the_register(kind) {
        journey(kind);
    }
}

fn journey(kind: DbKind) {
    let app = spawn_app(kind, true);
    let shot = |name: &str| match kind {
        DbKind::Sqlite => name.to_string(),
        DbKind::Postgres => format!("{name}-postgres"),
    };
    let community = Client::demo(&app, "community.pidhorodne");
    let org = community.me().expect("me").user.org.expect("org").id;
    let department = Client::demo(&app, "department");
    let before: LocalProgrammeSummary = department
        .call_query(ep::LOCAL_PROGRAMMES, &[], "year=2026")
        .expect("summary");
    let rt = runtime();
    rt.block_on(async {
        let b = Browser::open_as(&app.url, "community.pidhorodne").await;
        b.set_width(1366).await;
        b.click("#nav-local-programme").await;
        b.wait_url(|u| u.ends_with("/local-programme")).await;
        let title = b.value("#lp-title").await;
        assert!(
            title.starts_with("Програма інформатизації Підгородненської"),
            "{title}"
        );
        assert!(
            !b.exists("#local-table").await,
            "a community sees no register"
        );
        b.screenshot(&shot("local-programme-community")).await;

        // A wrong amount is refused at its cell, before anything is sent.
        b.fill("#lp-env-2026-local", "12,34567").await;
        b.click("#lp-save").await;
        let e = b
            .wait_text("#lp-envelope .field-error", "the amount's error", |t| {
                !t.is_empty()
            })
            .await;
        assert!(e.contains("трьох знаків"), "{e}");
        assert_eq!(
            b.attr("#lp-env-2026-local", "aria-invalid")
                .await
                .as_deref(),
            Some("true")
        );
        // An approved programme without its decision: in English too.
        b.fill("#lp-env-2026-local", "420,5").await;
        b.fill("#lp-decision", "").await;
        b.click("#lp-save").await;
        let e = b
            .wait_text("#lp-decision-error", "the decision's error", |t| {
                !t.is_empty()
            })
            .await;
        assert!(e.contains("рішення ради"), "{e}");
        b.click("#lang-en").await;
        let e = b
            .wait_text("#lp-decision-error", "in English", |t| {
                t.contains("council decision")
            })
            .await;
        assert!(e.contains("number and date"), "{e}");
        b.screenshot(&shot("local-programme-error-en")).await;
        b.set_width(390).await;
        b.assert_fits("local programme form, phone, English").await;
        b.screenshot(&shot("local-programme-phone-en")).await;
        b.set_width(1366).await;
        b.click("#lang-uk").await;

        b.fill(
            "#lp-decision",
            "рішення Підгородненської міської ради № 1234-VIII",
        )
        .await;
        b.fill(
            "#lp-title",
            "Програма цифрового розвитку Підгородненської громади",
        )
        .await;
        b.click("#lp-save").await;
        b.wait_text("#local-status", "saved", |t| t.contains("збережено"))
            .await;
        b.close().await;
    });

    let saved: LocalProgramme = community.call(ep::LOCAL_PROGRAMME, &[&org]).expect("saved");
    let p = saved.programme.expect("p");
    assert_eq!(
        p.decision,
        "рішення Підгородненської міської ради № 1234-VIII"
    );
    assert_eq!(
        p.title,
        "Програма цифрового розвитку Підгородненської громади"
    );
    assert_eq!(
        p.envelope
            .iter()
            .find(|l| l.year.get() == 2026 && l.source == shared::FundingSource::Local)
            .map(|l| l.amount.to_string()),
        Some("420.5".into())
    );

    // The department: the register with the count, and the saved decision on its row.
    rt.block_on(async {
        let b = Browser::open_as(&app.url, "department").await;
        b.set_width(1366).await;
        b.goto("/local-programme").await;
        let count = b
            .wait_text("#local-count", "the count", |t| t.contains("громад"))
            .await;
        let expected = format!("{} з 86 громад", before.communities_in_force);
        assert!(count.contains(&expected), "{count}");
        let row = b.text(&format!("#local-{org}")).await;
        assert!(row.contains("1234-VIII") && row.contains("так"), "{row}");
        b.screenshot(&shot("local-programmes-department")).await;
        b.click("#local-year-2028").await;
        b.wait_text("#local-count", "2028", |t| t.contains("2028"))
            .await;
        b.click("#lang-en").await;
        let count = b
            .wait_text("#local-count", "English", |t| t.contains("communities"))
            .await;
        assert!(count.contains("of 86 communities"), "{count}");
        b.set_width(390).await;
        b.assert_fits("local programmes register, phone").await;
        b.screenshot(&shot("local-programmes-department-phone-en"))
            .await;
        b.click("#lang-uk").await;
        b.close().await;
    });
}

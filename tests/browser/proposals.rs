//! Changing the approved plan in the browser: a community's proposal goes through the district to
//! the department while each person watches their own screen, and the plan versions are compared.

use super::phone::FOCUSED;
use super::{amount_in, runtime, PIDHORODNE};
use obriy_tests::browser::Browser;
use obriy_tests::data::org_by_code;
use obriy_tests::{spawn_app, Client, DbKind, TestApp};
use shared::api::measures::{MeasureDetail, MeasureInput, MeasureStatus};
use shared::api::plan::PlanFilter;
use shared::api::proposals::{Change, LineState};
use shared::{Amount, FundingSource, Year};

/// An approved demo measure of Підгородненська громада with at least two budget lines.
fn approved_pidhorodne_measure(app: &TestApp) -> MeasureDetail {
    let community = Client::demo(app, "community.pidhorodne");
    let org = org_by_code(&community.orgs().expect("orgs"), PIDHORODNE);
    let tree = community
        .plan(&PlanFilter {
            org: Some(org),
            ..PlanFilter::default()
        })
        .expect("plan");
    tree.directions
        .iter()
        .flat_map(|d| &d.tasks)
        .flat_map(|t| &t.measures)
        .filter(|m| m.status == MeasureStatus::Approved)
        .map(|m| community.measure(m.id).expect("measure"))
        .find(|m| m.budget_lines.len() >= 2)
        .expect("an approved measure of Pidhorodne with two budget lines")
}

/// The measure with its last two budget lines raised: (the input, the two (year, new amount)).
fn raise_two_lines(m: &MeasureDetail) -> (MeasureInput, [(Year, Amount); 2]) {
    let mut input = m.to_input();
    let n = input.budget_lines.len();
    let raised = [(n - 2, "12,5"), (n - 1, "7")].map(|(i, plus)| {
        let line = &mut input.budget_lines[i];
        line.amount = line.amount + Amount::parse(plus).expect("amount");
        (line.year, line.amount)
    });
    (input, raised)
}

fn cell(year: Year) -> String {
    format!("#cell-{year}-local")
}

obriy_tests::on_both! {
    fn a_communitys_proposal_goes_through_the_district_and_the_department_while_everyone_watches(kind) {
        proposal_journey(kind);
    }
}

fn proposal_journey(kind: DbKind) {
    let app = spawn_app(kind, true);
    // Screenshots of the PostgreSQL run keep their own names.
    let shot = |name: &str| match kind {
        DbKind::Sqlite => name.to_string(),
        DbKind::Postgres => format!("{name}-postgres"),
    };
    let m = approved_pidhorodne_measure(&app);
    assert!(m
        .budget_lines
        .iter()
        .all(|l| l.source == FundingSource::Local));
    let (_, raised) = raise_two_lines(&m);
    let [(y1, a1), (y2, a2)] = raised;
    let page = format!("/measures/{}", m.id);
    let rt = runtime();
    rt.block_on(async {
        // The community coordinator edits the approved measure: it saves to the draft proposal.
        let c = Browser::open_as(&app.url, "community.pidhorodne").await;
        c.goto(&page).await;
        c.find("#measure-status[data-status=\"approved\"]").await;
        c.wait_text("#measure-approved-in", "version 1", |t| t.contains('1'))
            .await;
        c.wait_text("#measure-save", "save to proposal", |t| {
            t.contains("Зберегти в пропозиції")
        })
        .await;
        assert!(c.exists("#approved-edit-hint").await);
        assert!(!c.exists("#measure-delete").await, "approved: no deleting");
        c.fill(&cell(y1), &a1.to_input(shared::Lang::Uk)).await;
        c.fill(&cell(y2), &a2.to_input(shared::Lang::Uk)).await;
        c.click("#measure-save").await;
        c.wait_text("#measure-saved", "saved to the proposal", |t| {
            t.contains("чернетці пропозиції")
        })
        .await;
        let rows = c
            .wait_text("#draft-changes-table", "both lines side by side", |t| {
                t.contains(&y1.to_string()) && t.contains(&y2.to_string()) && t.contains("+12,5")
            })
            .await;
        assert!(rows.contains("+7,0"), "{rows}");
        c.scroll_to("#measure-heading").await;
        c.screenshot(&shot("proposal-measure-draft")).await;

        // The draft proposal: the lines and their effect, then submitted with a note.
        c.click("#draft-proposal-link").await;
        c.wait_url(|u| u.contains("/proposals/")).await;
        c.find("#proposal-state[data-state=\"draft\"]").await;
        // The draft already shows the way it will take: through the district.
        let route = c.text("#proposal-route").await;
        assert!(route.contains("район"), "{route}");
        assert_eq!(
            c.client
                .find_all(fantoccini::Locator::Css(".proposal-line"))
                .await
                .expect("lines")
                .len(),
            2
        );
        c.wait_text("#effect-envelope", "the allocation moves", |t| {
            t.contains("+12,5") && t.contains("+7,0")
        })
        .await;
        c.find("#effect-rollups .effect-rollup[data-level=\"programme\"]")
            .await;
        c.scroll_to("#proposal-effect").await;
        c.screenshot(&shot("proposal-draft-effect")).await;
        c.fill("#submit-note", "Уточнено кошторис на 2027–2028 роки.")
            .await;
        c.click("#submit-proposal").await;
        c.find("#proposal-state[data-state=\"submitted\"]").await;
        let url = c.wait_url(|u| !u.ends_with("/draft")).await;
        // Said in the status line, which outlives the page drawn again.
        c.wait_text("#proposal-action-status", "the submission confirmed", |t| {
            t.contains("Пропозицію подано")
        })
        .await;
        let id: i32 = url
            .rsplit('/')
            .next()
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| panic!("a numbered proposal: {url}"));
        c.live().await;
        c.screenshot(&shot("proposal-submitted")).await;

        // The district coordinator hears of it in the inbox and endorses it.
        let d = Browser::open_as(&app.url, "district.dnipro").await;
        d.wait_text("#inbox-count", "one unread item", |t| t.trim() == "1")
            .await;
        d.click(".main-nav a[href=\"/inbox\"]").await;
        let item = d
            .wait_text(".inbox-item", "the waiting proposal", |t| {
                t.contains("Оксана Шевчук")
            })
            .await;
        assert!(item.contains("на розгляд"), "{item}");
        d.click(".inbox-item a.inbox-open").await;
        d.wait_url(|u| u.ends_with(&format!("/proposals/{id}")))
            .await;
        d.find("#proposal-state[data-state=\"submitted\"]").await;
        d.wait_text("#inbox-count", "read on opening", |t| t.trim().is_empty())
            .await;
        let route = d.text("#proposal-route").await;
        assert!(route.contains("район"), "{route}");
        d.screenshot(&shot("proposal-district")).await;
        d.click("#endorse").await;
        d.find("#proposal-state[data-state=\"in_review\"]").await;
        // The panel is gone: the outcome is announced and has the focus.
        d.wait_text(
            "#proposal-action-status",
            "the endorsement confirmed",
            |t| t.contains("погоджено"),
        )
        .await;
        d.wait_js(FOCUSED, "div#proposal-action-status").await;
        assert!(!d.exists("#proposal-actions").await);
        d.screenshot(&shot("proposal-endorsed")).await;

        // The coordinator's open page follows without a reload.
        c.find("#proposal-state[data-state=\"in_review\"]").await;
        c.wait_text("#live-notice", "who endorsed it", |t| {
            t.contains("Ігор Бондар")
        })
        .await;
        c.wait_text("#inbox-count", "the endorsement", |t| t.trim() == "1")
            .await;

        // The department, in the same second browser: one line approved, the other returned.
        d.sign_out().await;
        d.sign_in("department").await;
        d.wait_text("#inbox-count", "the proposal waits", |t| t.trim() == "1")
            .await;
        d.click(".main-nav a[href=\"/proposals\"]").await;
        d.click("#proposal-filter-waiting").await;
        d.wait_url(|u| u.contains("waiting_for_me=true")).await;
        let row = d
            .wait_text(
                &format!(".proposal-row[data-proposal-id=\"{id}\"]"),
                "the proposal waiting for the department",
                |t| t.contains("Підгородненська"),
            )
            .await;
        assert!(row.contains("+19,5"), "{row}");
        d.screenshot(&shot("proposals-waiting")).await;
        d.click(&format!(
            ".proposal-row[data-proposal-id=\"{id}\"] a.proposal-link"
        ))
        .await;
        d.find("#decide-panel").await;
        let lines = d
            .client
            .find_all(fantoccini::Locator::Css(".proposal-line"))
            .await
            .expect("lines");
        let mut ids = Vec::new();
        for l in &lines {
            ids.push(
                l.attr("data-line-id")
                    .await
                    .expect("attr")
                    .expect("data-line-id"),
            );
        }
        assert_eq!(ids.len(), 2);
        d.click(&format!("#verdict-{}-approve", ids[0])).await;
        d.click(&format!("#verdict-{}-return", ids[1])).await;
        // Sent without the return's reason and the decision's text: both are named at once,
        // beside their fields and in the summary at the button, which takes the focus.
        d.click("#decide").await;
        d.wait_text(
            &format!("#reason-{}-error", ids[1]),
            "a reason is needed",
            |t| t.contains("причину"),
        )
        .await;
        d.wait_text("#decision-uk-error", "a decision is needed", |t| {
            !t.trim().is_empty()
        })
        .await;
        d.wait_js(FOCUSED, "div#decide-errors").await;
        let links = d
            .client
            .find_all(fantoccini::Locator::Css("#decide-errors a"))
            .await
            .expect("links");
        assert_eq!(links.len(), 2, "one link per error");
        let summary = d.text("#decide-errors").await;
        assert!(summary.contains("причину"), "{summary}");
        d.scroll_to("#decide-panel").await;
        d.screenshot(&shot("proposal-decide-errors")).await;
        d.set_width(390).await;
        d.scroll_to("#decide-errors").await;
        d.screenshot(&shot("proposal-decide-errors-390")).await;
        d.assert_fits("proposal-decide-errors-390").await;
        d.click("#lang-en").await;
        d.wait_text("#decide-errors", "the summary in English", |t| {
            t.contains("Please fix")
        })
        .await;
        d.scroll_to("#decide-errors").await;
        d.screenshot(&shot("proposal-decide-errors-390-en")).await;
        d.click("#lang-uk").await;
        d.set_width(1366).await;
        // A link of the summary takes the focus to its field.
        d.click(&format!("#decide-errors a[href=\"#reason-{}\"]", ids[1]))
            .await;
        d.wait_js(FOCUSED, &format!("textarea#reason-{}", ids[1]))
            .await;
        let reason = "Сума на 2028 рік не підтверджена кошторисом.";
        d.fill(&format!("#reason-{}", ids[1]), reason).await;
        d.click("#decide-errors a[href=\"#decision-uk\"]").await;
        d.wait_js(FOCUSED, "textarea#decision-uk").await;
        d.fill("#decision-uk", "Наказ департаменту від 24.11.2026 № 17")
            .await;
        d.wait_gone("#decide-errors", "every error fixed").await;
        d.scroll_to("#proposal-lines").await;
        d.screenshot(&shot("proposal-deciding")).await;
        d.click("#decide").await;
        d.find("#proposal-state[data-state=\"decided\"]").await;
        d.wait_text("#proposal-action-status", "the decision confirmed", |t| {
            t.contains("Рішення записано")
        })
        .await;
        d.wait_js(FOCUSED, "div#proposal-action-status").await;
        d.screenshot(&shot("proposal-decided")).await;
        d.find(&format!(
            ".proposal-line[data-line-id=\"{}\"][data-state=\"approved\"]",
            ids[0]
        ))
        .await;

        // The coordinator's page again follows by itself, reasons included.
        c.find("#proposal-state[data-state=\"decided\"]").await;
        c.find(&format!(
            ".proposal-line[data-line-id=\"{}\"][data-state=\"approved\"]",
            ids[0]
        ))
        .await;
        let returned = c
            .wait_text(
                &format!(".proposal-line[data-line-id=\"{}\"]", ids[1]),
                "the returned line with its reason",
                |t| t.contains(reason),
            )
            .await;
        assert!(returned.contains("Повернуто"), "{returned}");
        c.wait_text("#live-notice", "who decided", |t| {
            t.contains("Олена Савченко")
        })
        .await;
        c.wait_text("#inbox-count", "the decision too", |t| t.trim() == "2")
            .await;
        c.scroll_to("#proposal-lines").await;
        c.screenshot(&shot("proposal-decided-live")).await;

        // The returned line is back in the coordinator's draft, with the reason beside it.
        c.goto(&page).await;
        c.wait_text("#measure-approved-in", "version 2", |t| t.contains('2'))
            .await;
        c.wait_text("#draft-changes .line-returned-note", "the reason", |t| {
            t.contains(reason)
        })
        .await;
        c.scroll_to("#measure-status-panel").await;
        c.screenshot(&shot("proposal-measure-returned")).await;

        // The new plan version and what it changed.
        c.click(".main-nav a[href=\"/versions\"]").await;
        c.find(".version-row[data-version=\"2\"]").await;
        c.click("#versions-compare").await;
        c.wait_url(|u| u.contains("from=1") && u.contains("to=2"))
            .await;
        let row = c
            .wait_text(
                &format!(
                    "#comparison-table .comparison-row[data-measure-id=\"{}\"]",
                    m.id
                ),
                "the approved line",
                |t| t.contains(&y1.to_string()),
            )
            .await;
        assert!(row.contains("+12,5"), "{row}");
        assert!(
            !c.text("#comparison-table").await.contains("+7,0"),
            "the returned line is not in the plan"
        );
        c.screenshot(&shot("versions-compare")).await;
        d.close().await;
        c.close().await;
    });
    // What the browser did is what the server holds.
    let community = Client::demo(&app, "community.pidhorodne");
    let now = community.measure(m.id).expect("measure");
    let line = |y: Year| {
        now.budget_lines
            .iter()
            .find(|l| l.year == y)
            .map(|l| l.amount)
    };
    assert_eq!(line(y1), Some(a1));
    assert_eq!(now.approved_in, Some(2));
    let draft = community
        .my_draft()
        .expect("draft")
        .expect("the returned line");
    assert!(draft.lines.iter().any(|l| {
        l.state == LineState::Pending
            && l.returned_note.is_some()
            && matches!(l.change, Change::Amount { year, .. } if year == y2)
    }));
}

#[test]
fn two_plan_versions_are_compared_line_by_line_with_their_totals() {
    let app = spawn_app(DbKind::Sqlite, true);
    let m = approved_pidhorodne_measure(&app);
    let (input, raised) = raise_two_lines(&m);
    let community = Client::demo(&app, "community.pidhorodne");
    let district = Client::demo(&app, "district.dnipro");
    let department = Client::demo(&app, "department");
    let proposed = community.propose(m.id, None, &input).expect("propose");
    let draft = community
        .proposal(proposed.draft.expect("draft").proposal_id)
        .expect("proposal");
    let submitted = community.step(&draft, "submit").expect("submit");
    let endorsed = district.step(&submitted, "endorse").expect("endorse");
    department.approve_all(&endorsed).expect("approve");
    let comparison = department.compare(1, 2).expect("compare");
    let delta = comparison.to.totals.total().decimal() - comparison.from.totals.total().decimal();
    assert_eq!(delta, rust_decimal::Decimal::new(195, 1));
    let rt = runtime();
    let b = rt.block_on(async {
        let b = Browser::open_as(&app.url, "head").await;
        b.goto("/versions").await;
        b.find(".version-row[data-version=\"1\"]").await;
        let v2 = b
            .wait_text(".version-row[data-version=\"2\"]", "version 2", |t| {
                t.contains("Наказ департаменту № 17")
            })
            .await;
        assert!(v2.contains("Олена Савченко"), "{v2}");
        assert!(b
            .text(".version-row[data-version=\"1\"]")
            .await
            .contains("Обласна рада"));
        // The same version twice is not a comparison.
        b.click("#compare-from-2").await;
        b.click("#versions-compare").await;
        b.find("#versions-compare-error").await;
        b.click("#compare-from-1").await;
        b.click("#versions-compare").await;
        b.wait_url(|u| u.ends_with("/versions?from=1&to=2")).await;
        // The comparison is fetched after the address changes: wait for it before counting.
        b.find("#comparison-table .comparison-row").await;
        let rows = b
            .client
            .find_all(fantoccini::Locator::Css(
                "#comparison-table .comparison-row",
            ))
            .await
            .expect("rows");
        assert_eq!(rows.len(), 2, "two changed lines");
        let table = b.text("#comparison-table").await;
        for (year, amount) in raised {
            assert!(table.contains(&year.to_string()), "{table}");
            assert!(table.contains(&amount.format(shared::Lang::Uk)), "{table}");
        }
        let total = b.text("#comparison-totals tfoot").await;
        assert!(total.contains("+19,5"), "{total}");
        assert_eq!(
            amount_in(&b.text("#comparison-totals tfoot td:nth-child(3)").await),
            comparison.to.totals.total()
        );
        b.screenshot("versions-comparison").await;
        b.live().await;
        b
    });
    // The department approves another change while the page is open: version 3 appears.
    let mut again = m.to_input();
    again.name.uk = "Модернізація ЦНАП (друга черга)".into();
    department.propose(m.id, None, &again).expect("propose");
    let own = department.my_draft().expect("draft").expect("draft");
    let own = department.step(&own, "submit").expect("submit");
    department.approve_all(&own).expect("approve");
    rt.block_on(async {
        b.find(".version-row[data-version=\"3\"]").await;
        b.wait_text("#live-notice", "who made it", |t| {
            t.contains("Олена Савченко")
        })
        .await;
        // A link to the comparison opens it directly, in English too.
        b.click("#lang-en").await;
        b.client.refresh().await.expect("reload");
        b.wait_text("#comparison-title", "English", |t| {
            t.contains("Differences between versions")
        })
        .await;
        b.screenshot("versions-comparison-english").await;
        b.close().await;
    });
}

#[test]
fn a_new_measure_is_a_draft_that_rides_in_the_proposal_as_an_added_measure() {
    let app = spawn_app(DbKind::Sqlite, true);
    let (_community, made) =
        super::pidhorodne_measure(&app, "Електронний архів рішень ради", "42,5");
    assert_eq!(made.status, MeasureStatus::Draft);
    let rt = runtime();
    rt.block_on(async {
        let b = Browser::open_as(&app.url, "community.pidhorodne").await;
        b.goto(&format!("/measures/{}", made.id)).await;
        b.find("#measure-status[data-status=\"draft\"]").await;
        b.wait_text("#draft-measure-note", "the draft note", |t| {
            t.contains("Проєкт — буде запропоновано до затвердження")
        })
        .await;
        // Edited in place, as before approval.
        b.wait_text("#measure-save", "a plain save", |t| t.trim() == "Зберегти")
            .await;
        assert!(b.exists("#measure-delete").await);
        b.screenshot("measure-draft-status").await;
        b.click("#draft-proposal-link").await;
        b.wait_url(|u| u.contains("/proposals/")).await;
        b.find("#proposal-state[data-state=\"draft\"]").await;
        let line = b
            .wait_text(".proposal-line", "the added measure", |t| {
                t.contains("Новий захід додається до плану")
            })
            .await;
        assert!(line.contains("42,5"), "{line}");
        // Submitted, the draft measure is locked while its proposal is under review.
        b.click("#submit-proposal").await;
        b.find("#proposal-state[data-state=\"submitted\"]").await;
        b.goto(&format!("/measures/{}", made.id)).await;
        b.find("#measure-locked").await;
        b.find("#in-review li a").await;
        b.fill(
            "#measure-name-uk",
            "Електронний архів рішень і розпоряджень",
        )
        .await;
        b.click("#measure-save").await;
        b.wait_text("#measure-save-error", "the lock", |t| {
            t.contains("Пропозицію вже подано")
        })
        .await;
        b.screenshot("measure-draft-locked").await;
        b.close().await;
    });
}

#[test]
fn a_draft_changed_elsewhere_is_a_conflict_that_keeps_what_was_typed() {
    let app = spawn_app(DbKind::Sqlite, true);
    let m = approved_pidhorodne_measure(&app);
    let (_, [(y1, a1), _]) = raise_two_lines(&m);
    let page = format!("/measures/{}", m.id);
    let rt = runtime();
    let b = rt.block_on(async {
        let b = Browser::open_as(&app.url, "community.pidhorodne").await;
        b.goto(&page).await;
        b.find("#measure-status[data-status=\"approved\"]").await;
        assert!(!b.exists("#draft-changes").await, "no draft yet");
        b
    });
    // The same coordinator, in another window, saves a change to the proposal first.
    let elsewhere = Client::demo(&app, "community.pidhorodne");
    let mut other = m.to_input();
    other.expected_result = "Підключено всі реєстри та електронну чергу".into();
    elsewhere.propose(m.id, None, &other).expect("propose");
    let typed = a1.to_input(shared::Lang::Uk);
    rt.block_on(async {
        b.fill(&cell(y1), &typed).await;
        b.click("#measure-save").await;
        b.wait_text("#conflict-title", "the draft conflict", |t| {
            t.contains("Чернетку пропозиції вже змінено")
        })
        .await;
        // What was typed stays; the proposal's current value is shown beside the field.
        let value = b.find(&cell(y1)).await.prop("value").await.expect("value");
        assert_eq!(value.as_deref(), Some(typed.as_str()));
        b.wait_text(
            ".field:has(#measure-result) .beside",
            "the draft's value beside the field",
            |t| t.contains("У чернетці пропозиції") && t.contains("електронну чергу"),
        )
        .await;
        b.scroll_to("#conflict").await;
        b.screenshot("measure-draft-conflict").await;
        b.click("#conflict-keep").await;
        b.click("#measure-save").await;
        b.wait_text("#measure-saved", "saved to the proposal", |t| {
            t.contains("чернетці пропозиції")
        })
        .await;
        b.close().await;
    });
    let draft = elsewhere.my_draft().expect("draft").expect("a draft");
    let saved = draft
        .lines
        .iter()
        .any(|l| matches!(&l.change, Change::Amount { year, new, .. } if *year == y1 && *new == Some(a1)));
    assert!(saved, "the typed amount is in the draft");
    // Keeping one's own values replaced the other window's change to the expected result.
    assert!(!draft
        .lines
        .iter()
        .any(|l| matches!(&l.change, Change::Field { new, .. } if new.key() == "expected_result")));
}

#[test]
fn a_change_underneath_shows_on_the_open_draft_as_a_conflict_until_rebased() {
    let app = spawn_app(DbKind::Sqlite, true);
    let m = approved_pidhorodne_measure(&app);
    let first = m.budget_lines[0];
    let plus = |s: &str| first.amount + Amount::parse(s).expect("amount");
    let community = Client::demo(&app, "community.pidhorodne");
    let mut mine = m.to_input();
    mine.budget_lines[0].amount = plus("100");
    let proposed = community.propose(m.id, None, &mine).expect("propose");
    let id = proposed.draft.expect("draft").proposal_id;
    let rt = runtime();
    let b = rt.block_on(async {
        let b = Browser::open_as(&app.url, "community.pidhorodne").await;
        b.goto(&format!("/proposals/{id}")).await;
        b.find("#proposal-state[data-state=\"draft\"]").await;
        assert!(!b.exists("#proposal-conflicts").await);
        b.live().await;
        b
    });
    // Meanwhile the department changes the same amount and approves it: version 2.
    let dept = Client::demo(&app, "department");
    let mut theirs = m.to_input();
    theirs.budget_lines[0].amount = plus("50");
    dept.propose(m.id, None, &theirs)
        .expect("department proposes");
    let own = dept.my_draft().expect("draft").expect("draft");
    let own = dept.step(&own, "submit").expect("submit");
    dept.approve_all(&own).expect("approve");
    let uk = |a: Amount| a.format(shared::Lang::Uk);
    rt.block_on(async {
        // The open page shows the conflict by itself: expected, approved now, proposed.
        b.find("#proposal-conflicts").await;
        let line = ".proposal-line[data-conflict=\"true\"]";
        b.wait_text(
            &format!("{line} .conflict-now"),
            "the new approved amount",
            |t| t == uk(plus("50")),
        )
        .await;
        assert_eq!(
            b.text(&format!("{line} .conflict-expected")).await,
            uk(first.amount)
        );
        assert_eq!(
            b.text(&format!("{line} .conflict-proposed")).await,
            uk(plus("100"))
        );
        b.wait_text("#live-notice", "who approved the version", |t| {
            t.contains("Олена Савченко")
        })
        .await;
        b.scroll_to("#proposal-conflicts").await;
        b.screenshot("proposal-conflict").await;
        // Submitting is refused until the line is rebased.
        b.click("#submit-proposal").await;
        b.wait_text("#proposal-action-status", "the conflict refusal", |t| {
            t.contains("узгодити")
        })
        .await;
        b.click("#rebase-proposal").await;
        b.wait_text("#proposal-action-status", "rebased", |t| {
            t.contains("узгоджено")
        })
        .await;
        // Shown once the rebased proposal has loaded: its new base.
        b.wait_text("#proposal-base", "based on version 2", |t| t == "2")
            .await;
        assert!(!b.exists("#proposal-conflicts").await);
        let rebased = b.text(".proposal-line").await;
        assert!(
            rebased.contains(&uk(plus("50"))) && rebased.contains("+50,0"),
            "{rebased}"
        );
        b.click("#submit-proposal").await;
        b.find("#proposal-state[data-state=\"submitted\"]").await;
        b.click("#lang-en").await;
        b.wait_text("#proposal-state", "the state in English", |t| {
            t.contains("Awaiting the district")
        })
        .await;
        b.screenshot("proposal-english").await;
        b.close().await;
    });
}

#[test]
fn withdrawing_an_approved_measure_is_proposed_and_can_be_taken_back() {
    let app = spawn_app(DbKind::Sqlite, true);
    let m = approved_pidhorodne_measure(&app);
    let rt = runtime();
    rt.block_on(async {
        let b = Browser::open_as(&app.url, "community.pidhorodne").await;
        b.goto(&format!("/measures/{}", m.id)).await;
        b.find("#measure-status[data-status=\"approved\"]").await;
        assert!(
            !b.exists("#discard-changes").await,
            "nothing to discard yet"
        );
        b.click("#propose-withdraw").await;
        b.wait_text("#propose-withdraw-question", "the question", |t| {
            t.contains("департамент")
        })
        .await;
        b.click("#propose-withdraw-confirm").await;
        b.wait_text("#measure-saved", "proposed", |t| t.contains("Виключення"))
            .await;
        b.find("#draft-withdrawal").await;
        let line = b.text("#draft-changes-table").await;
        assert!(line.contains("Захід виключається з плану"), "{line}");
        b.wait_gone("#propose-withdraw", "no second withdrawal")
            .await;
        b.screenshot("measure-withdrawal-proposed").await;
        b.click("#discard-changes").await;
        b.click("#discard-changes-confirm").await;
        b.wait_text("#measure-saved", "discarded", |t| t.contains("вилучено"))
            .await;
        b.wait_gone("#draft-changes", "no changes left").await;
        b.find("#propose-withdraw").await;
        b.close().await;
    });
    let community = Client::demo(&app, "community.pidhorodne");
    let draft = community.my_draft().expect("draft");
    assert!(draft.is_none_or(|d| d.lines.iter().all(|l| l.measure_id != m.id)));
}

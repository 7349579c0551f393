//! The programme head's dashboard in the browser: the oblast at a glance, the map and its figures,
//! the drill-down to a district, a community and a measure with the API's figures at every level,
//! and an approved report showing up live.

use super::{amount_in, runtime, PIDHORODNE};
use fantoccini::Locator;
use obriy_tests::browser::Browser;
use obriy_tests::client::save_of;
use obriy_tests::data::org_by_code;
use obriy_tests::{spawn_app, Client, DbKind};
use rust_decimal::Decimal;
use shared::amount::exact_if_rounded;
use shared::api::dashboard::{ChildRow, Dashboard, DashboardLevel, MapShapes};
use shared::api::reports::ExecutionStatus;
use shared::{Amount, IndicatorStatus, Lang};
use std::str::FromStr;

const DNIPRO_DISTRICT: &str = "UA12020000000052809";

/// WebDriver's Enter key.
const ENTER: &str = "\u{E007}";

/// A percentage as the page writes it (`97,9 %`, `97.9%`), or `None` for "—".
fn percent_in(text: &str) -> Option<Decimal> {
    let digits: String = text
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == ',' || *c == '.')
        .map(|c| if c == ',' { '.' } else { c })
        .collect();
    (!digits.is_empty()).then(|| {
        Decimal::from_str(&digits).unwrap_or_else(|e| panic!("{text:?} holds no percentage: {e}"))
    })
}

/// The first line of an element's text (a figure above its note).
fn first_line(text: &str) -> &str {
    text.lines().next().unwrap_or_default()
}

fn status_key(s: IndicatorStatus) -> String {
    serde_json::to_value(s)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// Waits for the dashboard of `d`'s level and id, then checks that the page shows the API's
/// figures: execution by year and in total, each child's execution and reporting, each
/// indicator's status, and how many things are behind.
async fn shows_the_same_figures(b: &Browser, d: &Dashboard) {
    let (level, id) = (d.level.as_str(), d.id);
    b.find(&format!(
        "#dash-heading[data-level=\"{level}\"][data-id=\"{id}\"]"
    ))
    .await;
    // A table shows one decimal; the exact figure is in the cell's tooltip where they differ.
    let amount = |css: String| async move { b.text(&css).await.replace('\u{a0}', " ") };
    for row in d.execution.iter().filter(|r| r.direction.is_none()) {
        let tr = format!("#execution-table tr[data-year=\"{}\"]", row.year);
        let e = row.execution;
        for (col, want) in [
            ("planned", e.planned),
            ("approved", e.approved),
            ("executed", e.executed),
        ] {
            let cell = format!("{tr} [data-col=\"{col}\"]");
            assert_eq!(
                amount(cell.clone()).await.trim(),
                want.format_table(Lang::Uk).replace('\u{a0}', " "),
                "{col} in {} at {level} {id}",
                row.year
            );
            let exact = exact_if_rounded(want.decimal(), Lang::Uk);
            assert_eq!(
                b.attr(&format!("{cell} .amount"), "title")
                    .await
                    .filter(|t| !t.is_empty()),
                exact,
                "the exact {col} in the tooltip"
            );
        }
    }
    let total = "#execution-table tr[data-year=\"total\"]";
    assert_eq!(
        amount(format!("{total} [data-col=\"executed\"]"))
            .await
            .trim(),
        d.total
            .executed
            .format_table(Lang::Uk)
            .replace('\u{a0}', " ")
    );
    assert_eq!(
        percent_in(
            &b.text(&format!("{total} [data-col=\"executed-pct\"]"))
                .await
        ),
        d.total.executed_percent()
    );
    assert_eq!(
        percent_in(&b.text("#glance-executed .glance-figure").await),
        d.total.executed_percent()
    );
    for child in &d.children {
        let tr = format!(
            "#children-table tr[data-level=\"{}\"][data-id=\"{}\"]",
            child.level.as_str(),
            child.id
        );
        assert_eq!(
            amount(format!("{tr} [data-col=\"executed\"]")).await.trim(),
            child
                .execution
                .executed
                .format_table(Lang::Uk)
                .replace('\u{a0}', " "),
            "child {} executed",
            child.id
        );
        let on_time = b.text(&format!("{tr} [data-col=\"on-time-pct\"]")).await;
        assert_eq!(
            percent_in(first_line(&on_time)),
            child.compliance.on_time_percent(),
            "child {} on time: {on_time:?}",
            child.id
        );
    }
    for tile in &d.indicators {
        let shown = b
            .attr(
                &format!("#indicator-{} .tile-head .ind-status", tile.indicator_id),
                "data-status",
            )
            .await;
        assert_eq!(
            shown.as_deref(),
            Some(status_key(tile.status).as_str()),
            "indicator {}",
            tile.code
        );
    }
    assert_eq!(
        b.text("#glance-troubles .glance-figure").await.trim(),
        d.troubles_total.to_string()
    );
}

/// How many communities the legend puts in each class, by class.
async fn legend_counts(b: &Browser) -> Vec<(String, usize)> {
    let mut out = Vec::new();
    for li in b
        .client
        .find_all(Locator::Css("#map-legend li"))
        .await
        .expect("legend")
    {
        let class = li
            .attr("data-class")
            .await
            .ok()
            .flatten()
            .unwrap_or_default();
        let count = li
            .attr("data-count")
            .await
            .ok()
            .flatten()
            .and_then(|c| c.parse().ok())
            .unwrap_or(0);
        out.push((class, count));
    }
    out
}

async fn count(b: &Browser, css: &str) -> usize {
    b.client
        .find_all(Locator::Css(css))
        .await
        .map_or(0, |v| v.len())
}

/// The communities on the map with no figure of this kind.
fn without(rows: &[ChildRow], figure: impl Fn(&ChildRow) -> Option<Decimal>) -> usize {
    rows.iter().filter(|r| figure(r).is_none()).count()
}

#[test]
fn the_head_reads_the_oblast_and_drills_down_to_a_measure_through_the_map_and_the_tables() {
    let app = spawn_app(DbKind::Sqlite, true);
    let api = Client::demo(&app, "head");
    let orgs = api.orgs().expect("orgs");
    let district = org_by_code(&orgs, DNIPRO_DISTRICT);
    let community = org_by_code(&orgs, PIDHORODNE);
    let oblast = api.dashboard("oblast", None, None).expect("oblast");
    let in_district = api
        .dashboard("district", Some(district.0), None)
        .expect("district");
    let in_community = api
        .dashboard("community", Some(community.0), None)
        .expect("community");
    let measure = in_community
        .children
        .iter()
        .find(|c| c.level == DashboardLevel::Measure)
        .expect("a measure of Pidhorodne")
        .clone();
    let at_measure = api
        .dashboard("measure", Some(measure.id), None)
        .expect("measure");
    let map: MapShapes = api.get("/api/map").expect("map");
    let whole = format!("0 0 {} {}", map.width, map.height);
    assert!(
        oblast.map.len() > 80,
        "the oblast's map rows are its communities"
    );
    let rt = runtime();
    rt.block_on(async {
        let b = Browser::open(&app.url).await;
        b.sign_in("head").await;
        // The programme head lands on the dashboard.
        b.wait_url(|u| u.contains("/dashboard")).await;
        shows_the_same_figures(&b, &oblast).await;
        assert!(b.text("#nav-dashboard").await.contains("Моніторинг"));
        b.screenshot("dashboard-oblast").await;
        for section in ["children", "execution", "indicators", "compliance"] {
            b.scroll_to(&format!("#{section}")).await;
            b.screenshot(&format!("dashboard-oblast-{section}")).await;
        }

        // The map: every community, coloured by execution, the legend counting all of them.
        b.find("#community-map path.map-area").await;
        let shapes = count(&b, "#community-map path.map-area").await;
        assert_eq!(shapes, 86, "the 86 communities");
        assert_eq!(
            b.attr("#community-map", "viewBox").await.as_deref(),
            Some(whole.as_str())
        );
        assert_eq!(count(&b, "#community-map path.map-outline").await, 7);
        let by_class = legend_counts(&b).await;
        assert_eq!(by_class.iter().map(|(_, n)| n).sum::<usize>(), shapes);
        let no_data = |by: &[(String, usize)]| {
            by.iter()
                .find(|(c, _)| c == "map-none")
                .map_or(0, |(_, n)| *n)
        };
        assert_eq!(
            no_data(&by_class),
            shapes - oblast.map.len() + without(&oblast.map, |r| r.execution.executed_percent()),
            "communities without an approved amount have no execution figure"
        );
        // Switched to reporting compliance, the legend counts again, in words.
        b.select("#map-figure", "compliance").await;
        b.wait_text("#map-legend", "the compliance classes", |t| {
            t.contains("80–100")
        })
        .await;
        let by_class = legend_counts(&b).await;
        assert_eq!(by_class.iter().map(|(_, n)| n).sum::<usize>(), shapes);
        assert_eq!(
            no_data(&by_class),
            shapes - oblast.map.len() + without(&oblast.map, |r| r.compliance.on_time_percent())
        );
        let title = b
            .text(&format!("#map-table tr[data-org=\"{community}\"]"))
            .await;
        // The table is hidden until asked for; its text is empty while hidden.
        assert!(title.is_empty(), "{title:?}");
        b.click("#map-table-toggle").await;
        let row = b
            .wait_text(
                &format!("#map-table tr[data-org=\"{community}\"]"),
                "Pidhorodne's row",
                |t| t.contains("Підгородненська"),
            )
            .await;
        assert!(
            row.contains("вчасно") || row.contains("Немає даних"),
            "{row}"
        );
        // An indicator held per community, if the demo has one.
        let indicator = b
            .client
            .find(Locator::Css("#map-figure option[value^=\"indicator-\"]"))
            .await;
        if let Ok(option) = indicator {
            let value = option
                .attr("value")
                .await
                .ok()
                .flatten()
                .unwrap_or_default();
            b.select("#map-figure", &value).await;
            b.wait_text("#map-legend", "the status classes", |t| {
                t.contains("Відстає") && t.contains("За планом")
            })
            .await;
        }
        b.scroll_to("#map-section").await;
        b.screenshot("dashboard-map").await;
        // Keyboard users pass the 86 focusable communities in one step.
        b.press_enter_on("#map-skip").await;
        let focused = b
            .client
            .execute("return document.activeElement.id", vec![])
            .await
            .expect("active element");
        assert_eq!(focused.as_str(), Some("map-legend"));
        b.select("#map-figure", "execution").await;

        // Down to the Dnipro district through the table of districts.
        b.click(&format!(
            "#children-table tr[data-level=\"district\"][data-id=\"{district}\"] a.drill-link"
        ))
        .await;
        shows_the_same_figures(&b, &in_district).await;
        assert!(b
            .wait_url(|u| u.contains(&format!("level=district&id={district}")))
            .await
            .contains("/dashboard"));
        // The district's map shows only its communities, zoomed to them.
        let on_map = count(&b, "#community-map path.map-area").await;
        assert_eq!(on_map, in_district.map.len());
        assert_eq!(count(&b, "#community-map path.map-outline").await, 1);
        assert_ne!(
            b.attr("#community-map", "viewBox").await.as_deref(),
            Some(whole.as_str()),
            "zoomed to the district"
        );
        b.scroll_to("#map-section").await;
        b.screenshot("dashboard-district-map").await;

        // Into Pidhorodne from the map, with the keyboard.
        let area = b
            .find(&format!("#community-map path[data-org=\"{community}\"]"))
            .await;
        area.send_keys(ENTER).await.expect("Enter on the map");
        shows_the_same_figures(&b, &in_community).await;
        let crumbs = b.text("#dash-path").await;
        assert!(
            crumbs.contains("Дніпровський район") && crumbs.contains("Підгородненська"),
            "{crumbs}"
        );
        b.find("#trace").await;
        b.screenshot("dashboard-community").await;

        // A measure from the table of measures.
        b.click(&format!(
            "#children-table tr[data-level=\"measure\"][data-id=\"{}\"] a.drill-link",
            measure.id
        ))
        .await;
        shows_the_same_figures(&b, &at_measure).await;
        assert_eq!(
            b.attr(".dash-measure-link a", "href").await.as_deref(),
            Some(format!("/measures/{}", measure.id).as_str())
        );
        b.screenshot("dashboard-measure").await;

        // Back to the oblast through the path, then in English.
        b.click("#dash-path li[data-level=\"oblast\"] a").await;
        shows_the_same_figures(&b, &oblast).await;
        b.click("#lang-en").await;
        b.wait_text("#execution-title", "English", |t| t == "Budget execution")
            .await;
        b.wait_text("#map-legend", "the legend in English", |t| {
            t.contains("No data") && t.contains("communities")
        })
        .await;
        b.screenshot("dashboard-oblast-en").await;
        b.scroll_to("#map-section").await;
        b.screenshot("dashboard-map-en").await;
        b.close().await;
    });
}

#[test]
fn another_quarter_is_assessed_with_the_apis_statuses() {
    let app = spawn_app(DbKind::Sqlite, true);
    let api = Client::demo(&app, "head");
    let q2 = api.dashboard("oblast", None, Some("2026-Q2")).expect("Q2");
    let rt = runtime();
    rt.block_on(async {
        let b = Browser::open_as(&app.url, "head").await;
        b.goto("/dashboard").await;
        b.find("#dash-heading[data-level=\"oblast\"]").await;
        b.select("#dash-quarter", "2026-Q2").await;
        b.wait_url(|u| u.contains("quarter=2026-Q2")).await;
        // The tiles follow once the new answer is in.
        for tile in &q2.indicators {
            let css = format!(
                "#indicator-{} .tile-head .ind-status[data-status=\"{}\"]",
                tile.indicator_id,
                status_key(tile.status)
            );
            b.find(&css).await;
        }
        shows_the_same_figures(&b, &q2).await;
        b.close().await;
    });
}

#[test]
fn a_report_approved_while_the_head_watches_shows_on_the_dashboard() {
    let app = spawn_app(DbKind::Sqlite, true);
    let head = Client::demo(&app, "head");
    let coordinator = Client::demo(&app, "community.pidhorodne");
    let org = org_by_code(&head.orgs().expect("orgs"), PIDHORODNE);
    // Pidhorodne's latest due report (the third quarter) is left unwritten in the demo.
    let report = coordinator.report(org, "2026-Q3").expect("report");
    let spent = Amount::parse("12,5").expect("amount");
    let mut save = save_of(&report);
    for m in &mut save.measures {
        m.status = Some(ExecutionStatus::InProgress);
    }
    let line = report
        .measures
        .iter()
        .enumerate()
        .find_map(|(i, m)| m.lines.first().map(|l| (i, l.source)))
        .expect("a measure with a budget line in 2026");
    save.measures[line.0].spending = vec![shared::api::reports::SpendingInput {
        source: line.1,
        amount: spent,
        comment: String::new(),
    }];
    for (v, shown) in save.values.iter_mut().zip(&report.values) {
        v.value = shown.previous.or(shown.expected).or(Some(Decimal::ZERO));
        v.comment = "Перевірено".into();
    }
    let saved = coordinator.save_report(&report, &save).expect("save");
    let submitted = coordinator
        .report_step(&saved, "submit", None)
        .expect("submit");
    let endorsed = Client::demo(&app, "district.dnipro")
        .report_step(&submitted, "endorse", None)
        .expect("endorse");
    // Submitted late and endorsed, not yet approved: nothing of it counts yet.
    let before = head
        .dashboard("community", Some(org.0), None)
        .expect("before");
    let rt = runtime();
    let b = rt.block_on(async {
        let b = Browser::open_as(&app.url, "head").await;
        b.goto(&format!("/dashboard?level=community&id={org}"))
            .await;
        shows_the_same_figures(&b, &before).await;
        // The report is listed, at its stage, but not counted yet.
        b.find("#trace-table tr[data-period=\"2026-Q3\"] [data-state=\"endorsed\"]")
            .await;
        b.live().await;
        b
    });
    Client::demo(&app, "department")
        .report_step(&endorsed, "approve", None)
        .expect("approve");
    let after = head
        .dashboard("community", Some(org.0), None)
        .expect("after");
    assert_eq!(after.total.executed, before.total.executed + spent);

    rt.block_on(async {
        let want = after.total.executed;
        b.wait_text(
            "#execution-table tr[data-year=\"total\"] [data-col=\"executed\"]",
            "the new executed total",
            |t| t.replace('\u{a0}', " ") == want.format_table(Lang::Uk).replace('\u{a0}', " "),
        )
        .await;
        shows_the_same_figures(&b, &after).await;
        // The figure traces to the report, which links to its page.
        let row = format!("#trace-table tr[data-org=\"{org}\"][data-period=\"2026-Q3\"]");
        b.find(&format!("{row} [data-state=\"approved\"]")).await;
        assert!(amount_in(&b.text(&format!("{row} td.num")).await) >= spent);
        assert_eq!(
            b.attr(&format!("{row} a.trace-link"), "href")
                .await
                .as_deref(),
            Some(format!("/reports/{org}/2026-Q3").as_str())
        );
        b.scroll_to("#trace").await;
        b.screenshot("dashboard-trace").await;
        b.close().await;
    });
}

#[test]
fn a_community_coordinator_opens_the_dashboard_of_their_own_community() {
    let app = spawn_app(DbKind::Sqlite, true);
    let api = Client::demo(&app, "community.pidhorodne");
    let org = org_by_code(&api.orgs().expect("orgs"), PIDHORODNE);
    let own = api
        .dashboard("community", Some(org.0), None)
        .expect("own dashboard");
    let rt = runtime();
    rt.block_on(async {
        let b = Browser::open_as(&app.url, "community.pidhorodne").await;
        assert_eq!(
            b.attr("#nav-dashboard", "href").await.as_deref(),
            Some(format!("/dashboard?level=community&id={org}").as_str())
        );
        // Without an address of its own, the page opens the coordinator's community.
        b.goto("/dashboard").await;
        shows_the_same_figures(&b, &own).await;
        b.close().await;
    });
}

#[test]
fn a_district_coordinator_opens_their_district_and_its_own_measures() {
    let app = spawn_app(DbKind::Sqlite, true);
    let api = Client::demo(&app, "district.dnipro");
    let district = org_by_code(&api.orgs().expect("orgs"), DNIPRO_DISTRICT);
    let own = api
        .dashboard("district", Some(district.0), None)
        .expect("district");
    let measures = api
        .dashboard("community", Some(district.0), None)
        .expect("the district's own measures");
    let rt = runtime();
    rt.block_on(async {
        let b = Browser::open_as(&app.url, "district.dnipro").await;
        b.click("#nav-dashboard").await;
        shows_the_same_figures(&b, &own).await;
        // The district's own organisation among its communities: its own measures.
        let row = format!("#children-table tr[data-level=\"community\"][data-id=\"{district}\"]");
        assert!(b.text(&row).await.contains("Власні заходи району"));
        b.click(&format!("{row} a.drill-link")).await;
        shows_the_same_figures(&b, &measures).await;
        let path = b.text("#dash-path").await;
        assert_eq!(
            path.matches("Дніпровський район").count(),
            1,
            "the district is one step: {path}"
        );
        assert!(path.contains("Власні заходи району"), "{path}");
        b.screenshot("dashboard-district-own").await;
        b.close().await;
    });
}

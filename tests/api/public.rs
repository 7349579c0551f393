//! `/api/public/...`: the open programme without an account: what is approved appears, what is
//! not (drafts, proposals in review, comments, people) never does, the figures are the signed-in
//! API's, answers are tagged and cacheable, and anonymous floods are limited per address.

use obriy_backend::app::public::limiter::Rate;
use obriy_backend::seed::demo::ACCOUNTS;
use obriy_tests::data::org_by_code;
use obriy_tests::{on_both, spawn_app, spawn_app_with, Client, DbKind};
use reqwest::Method;
use shared::api::comments::NewComment;
use shared::api::endpoints::{self as ep, Endpoint};
use shared::api::measures::MeasureStatus;
use shared::api::plan::PlanFilter;
use shared::api::public::PublicPlan;
use shared::api::rollup::RollupLevel;
use shared::execution::Execution;
use shared::{ErrorCode, FundingSource, MeasureId, OrgId};
use std::collections::HashMap;

const PIDHORODNE: &str = "UA12020210000032285";

/// Every public endpoint of the table.
fn public_endpoints() -> Vec<Endpoint> {
    ep::ALL
        .iter()
        .copied()
        .filter(|e| e.path.starts_with("/public/"))
        .collect()
}

fn measure_ids(plan: &PublicPlan) -> Vec<MeasureId> {
    plan.directions
        .iter()
        .flat_map(|d| d.tasks.iter().flat_map(|t| t.measures.iter().map(|m| m.id)))
        .collect()
}

/// Every string value in a JSON document.
fn strings(v: &serde_json::Value) -> Vec<String> {
    match v {
        serde_json::Value::String(s) => vec![s.clone()],
        serde_json::Value::Array(items) => items.iter().flat_map(strings).collect(),
        serde_json::Value::Object(fields) => fields.values().flat_map(strings).collect(),
        _ => Vec::new(),
    }
}

/// A server whose public limit does not get in the way of a test that reads a lot.
fn unlimited(kind: DbKind) -> obriy_tests::TestApp {
    spawn_app_with(kind, true, |s| {
        s.public_rate = Rate {
            per_second: 100_000.0,
            burst: 100_000.0,
        }
    })
}

on_both! {
    fn the_approved_programme_is_read_without_an_account(kind) {
        let app = unlimited(kind);
        let anonymous = Client::anonymous(&app);
        let programme = anonymous.public_programme().expect("programme");
        assert!(programme.overview.measure_count > 0);
        assert!(!programme.overview.directions.is_empty());
        let plan = anonymous.public_plan().expect("plan");
        let ids = measure_ids(&plan);
        assert_eq!(i64::try_from(ids.len()).expect("n"), plan.measure_count);
        assert_eq!(plan.measure_count, programme.overview.measure_count);
        let first = anonymous.public_measure(ids[0]).expect("measure");
        assert_eq!(first.measure.id, ids[0]);
        assert!(!first.task.uk.is_empty());
        let indicators = anonymous.public_indicators().expect("indicators");
        assert!(!indicators.indicators.is_empty());
        assert!(indicators.indicators.iter().any(|i| i.oblast.is_some()));
        let orgs = anonymous.public_orgs().expect("orgs");
        let pidhorodne = orgs.orgs.iter().find(|o| o.org.code.as_deref() == Some(PIDHORODNE)).expect("community");
        assert!(!pidhorodne.reports.is_empty(), "a community reports");
        let versions = anonymous.public_versions().expect("versions");
        assert_eq!(versions.versions.len(), 1);
        assert_eq!(versions.current, plan.version);
        // The signed-in API still wants an account.
        assert_eq!(anonymous.programme().expect_err("401").status, 401);
    }
}

on_both! {
    fn nothing_unapproved_or_personal_is_public(kind) {
        let app = unlimited(kind);
        let anna = Client::demo(&app, "community.pidhorodne");
        let dept = Client::demo(&app, "department");
        let org = org_by_code(&anna.orgs().expect("orgs"), PIDHORODNE);
        // A draft measure.
        let input = anna.measure_in(PIDHORODNE, "SECRET-DRAFT-MARKER", &[(2026, FundingSource::Local, "5")]);
        let draft = anna.create_measure(&input).expect("draft");
        assert_eq!(draft.status, MeasureStatus::Draft);
        // A proposal in review changing an approved measure's name, description and amount.
        let approved = anna
            .plan(&PlanFilter { org: Some(org), ..Default::default() })
            .expect("plan")
            .directions
            .iter()
            .flat_map(|d| d.tasks.iter().flat_map(|t| t.measures.iter()))
            .find(|m| m.status == MeasureStatus::Approved)
            .map(|m| anna.measure(m.id).expect("measure"))
            .expect("an approved measure of the community");
        let mut wanted = approved.to_input();
        wanted.name.uk = "SECRET-PROPOSAL-MARKER".into();
        wanted.description = "SECRET-PROPOSAL-MARKER опис".into();
        anna.propose(approved.id, None, &wanted).expect("propose");
        let proposal = anna.my_draft().expect("draft").expect("a draft proposal");
        anna.step(&proposal, "submit").expect("submit");
        // A comment on the approved measure.
        anna.add_comment(approved.id, &NewComment { body: "SECRET-COMMENT-MARKER".into(), parent_id: None })
            .expect("comment");
        // The department's own draft line, kept in its draft proposal.
        let mut theirs = approved.to_input();
        theirs.expected_result = "SECRET-DEPARTMENT-DRAFT-MARKER".into();
        dept.propose(approved.id, None, &theirs).expect("department's draft");

        let anonymous = Client::anonymous(&app);
        let plan = anonymous.public_plan().expect("plan");
        let ids = measure_ids(&plan);
        assert!(ids.contains(&approved.id) && !ids.contains(&draft.id));
        assert_eq!(anonymous.public_measure(draft.id).expect_err("a draft").status, 404);
        assert_eq!(anonymous.public_measure(MeasureId(999_999)).expect_err("none").status, 404);
        assert_eq!(anonymous.public_measure(approved.id).expect("approved").measure.name, approved.name);

        let mut bodies = Vec::new();
        for e in public_endpoints() {
            let values: Vec<MeasureId> = if e.params().next().is_some() { ids.clone() } else { vec![MeasureId(0)] };
            for id in values {
                let url = if e.params().next().is_some() { e.url(&[&id]) } else { e.url(&[]) };
                let body: serde_json::Value = anonymous.get(&url).unwrap_or_else(|f| panic!("{url}: {f:?}"));
                bodies.push((url, body.to_string(), strings(&body)));
            }
        }
        assert!(bodies.len() > ids.len());
        for (url, body, texts) in &bodies {
            assert!(!body.contains("SECRET-"), "{url} shows something not approved");
            for (login, name, _, _) in ACCOUNTS {
                assert!(!body.contains(name), "{url} names {name}");
                assert!(!texts.iter().any(|t| t == login), "{url} shows the login {login}");
            }
            for field in ["author", "approved_by", "display_name", "login", "comment", "proposal_id", "narrative"] {
                assert!(!body.contains(&format!("\"{field}")), "{url} has a field {field}");
            }
        }
    }
}

on_both! {
    fn the_numbers_are_the_signed_in_apis(kind) {
        let app = unlimited(kind);
        let anonymous = Client::anonymous(&app);
        let dept = Client::demo(&app, "department");
        let programme = anonymous.public_programme().expect("programme");
        assert_eq!(programme.overview, dept.programme().expect("signed-in programme"));

        let plan = anonymous.public_plan().expect("plan");
        let tree = dept.plan(&PlanFilter::default()).expect("signed-in plan");
        assert_eq!(plan.totals, tree.totals, "the plan's totals are the approved measures'");
        let by_direction: HashMap<i32, _> = dept
            .rollup(RollupLevel::Direction)
            .expect("roll-up")
            .rows
            .into_iter()
            .map(|r| (r.id, r))
            .collect();
        for d in &plan.directions {
            let row = &by_direction[&d.id.0];
            assert_eq!(d.totals, row.totals, "direction {}", d.number);
            let listed: usize = d.tasks.iter().map(|t| t.measures.len()).sum();
            assert_eq!(i64::try_from(listed).expect("n"), row.measure_count);
            let sum: Execution = d.tasks.iter().map(|t| t.execution.layers()).sum();
            assert_eq!(sum, d.execution.layers());
        }

        // Each measure's three layers are its execution as the signed-in API gives it.
        let mut executed_somewhere = false;
        for m in plan.directions.iter().flat_map(|d| d.tasks.iter().flat_map(|t| t.measures.iter())) {
            let signed_in = dept.execution(m.id).expect("execution");
            let cells: Vec<_> = signed_in.cells.iter().map(|c| (c.year, c.source, c.execution)).collect();
            let public: Vec<_> = m.budget.iter().map(|c| (c.year, c.source, c.execution.layers())).collect();
            assert_eq!(public, cells, "measure {}", m.id);
            assert_eq!(m.total.layers(), signed_in.total);
            assert_eq!(m.total.executed_percent, signed_in.total.executed_percent());
            executed_somewhere |= !m.total.executed.is_zero();
        }
        assert!(executed_somewhere, "the demo's approved reports spent something");

        // The oblast's and each organisation's figures are the dashboard's.
        let oblast = dept.dashboard("oblast", None, None).expect("dashboard");
        assert_eq!(plan.execution.layers(), oblast.total);
        let indicators = anonymous.public_indicators().expect("indicators");
        let tiles: Vec<_> = indicators.indicators.iter().filter_map(|i| i.oblast.clone()).collect();
        assert_eq!(tiles, oblast.indicators);
        let orgs = anonymous.public_orgs().expect("orgs");
        let signed_in_orgs: HashMap<OrgId, _> = dept.orgs().expect("orgs").into_iter().map(|o| (o.id, o)).collect();
        for o in orgs.orgs.iter().filter(|o| o.measure_count > 0).take(8) {
            let board = dept.dashboard("community", Some(o.org.id.0), None).expect("org dashboard");
            assert_eq!(o.execution.layers(), board.total, "{}", o.org.name.uk);
            assert_eq!(o.compliance, board.compliance_total, "{}", o.org.name.uk);
            assert_eq!(o.measure_count, signed_in_orgs[&o.org.id].measure_count);
        }
        let versions = anonymous.public_versions().expect("versions");
        let signed_in = dept.versions().expect("versions");
        assert_eq!(versions.current, signed_in.current);
        for (p, s) in versions.versions.iter().zip(&signed_in.versions) {
            assert_eq!((p.number, p.measure_count, &p.totals), (s.number, s.measure_count, &s.totals));
        }
    }
}

on_both! {
    fn a_new_version_is_published_with_what_it_changed(kind) {
        let app = unlimited(kind);
        let anonymous = Client::anonymous(&app);
        let dept = Client::demo(&app, "department");
        let before = anonymous.public_plan().expect("plan");
        let (_, headers) = anonymous.head_of(&ep::PUBLIC_PLAN.url(&[]));
        let etag = headers["etag"].clone();
        let id = measure_ids(&before)[0];
        let m = dept.measure(id).expect("measure");
        let mut wanted = m.to_input();
        wanted.name.uk = format!("{} (змінено)", wanted.name.uk);
        dept.propose(id, None, &wanted).expect("propose");
        let p = dept.step(&dept.my_draft().expect("d").expect("d"), "submit").expect("submit");
        dept.approve_all(&p).expect("approve");

        let versions = anonymous.public_versions().expect("versions");
        assert_eq!(versions.current, 2);
        let newest = &versions.versions[0];
        assert_eq!(newest.number, 2);
        assert!(newest.changes.iter().any(|c| c.measure_id == id), "{newest:?}");
        assert_eq!(anonymous.public_measure(id).expect("measure").measure.name.uk, wanted.name.uk);
        let (_, headers) = anonymous.head_of(&ep::PUBLIC_PLAN.url(&[]));
        assert_ne!(headers["etag"], etag, "a new plan, a new tag");
    }
}

#[test]
fn answers_are_tagged_cacheable_and_open_to_other_sites() {
    let app = spawn_app(DbKind::Sqlite, true);
    let anonymous = Client::anonymous(&app);
    for e in public_endpoints() {
        let url = if e.params().next().is_some() {
            let plan = anonymous.public_plan().expect("plan");
            e.url(&[&measure_ids(&plan)[0]])
        } else {
            e.url(&[])
        };
        let (status, headers) = anonymous.head_of(&url);
        assert_eq!(status, 200, "{url}");
        assert_eq!(headers["cache-control"], "public, max-age=60", "{url}");
        assert_eq!(headers["access-control-allow-origin"], "*", "{url}");
        let etag = &headers["etag"];
        assert!(
            etag.starts_with('"') && etag.ends_with('"'),
            "{url}: {etag}"
        );
        let (status, body) =
            anonymous.raw_with(Method::GET, &url, &[("if-none-match", etag.as_str())], "");
        assert_eq!((status, body.as_str()), (304, ""), "{url}");
        let (status, _) = anonymous.raw_with(
            Method::GET,
            &url,
            &[("if-none-match", "\"other\", W/".to_string().as_str())],
            "",
        );
        assert_eq!(status, 200, "{url}");
        let weak = format!("W/{etag}");
        let (status, _) =
            anonymous.raw_with(Method::GET, &url, &[("if-none-match", weak.as_str())], "");
        assert_eq!(status, 304, "{url}: a weak tag matches too");
    }
    // Signed-in answers stay private.
    let dept = Client::demo(&app, "department");
    let (_, headers) = dept.head_of(&ep::PROGRAMME.url(&[]));
    assert_eq!(headers["cache-control"], "no-store");
}

#[test]
fn anonymous_floods_are_limited_and_signed_in_users_are_not() {
    let app = spawn_app_with(DbKind::Sqlite, true, |s| {
        s.public_rate = Rate {
            per_second: 1.0,
            burst: 5.0,
        }
    });
    let anonymous = Client::anonymous(&app);
    let url = ep::PUBLIC_PROGRAMME.url(&[]);
    let statuses: Vec<(u16, HashMap<String, String>)> =
        (0..12).map(|_| anonymous.head_of(&url)).collect();
    assert!(
        statuses[..5].iter().all(|(s, _)| *s == 200),
        "the burst passes"
    );
    let (_, limited) = statuses
        .iter()
        .find(|(s, _)| *s == 429)
        .expect("a flood is refused");
    let wait: u64 = limited["retry-after"].parse().expect("seconds");
    assert!((1..=2).contains(&wait), "{wait}");
    let refused = anonymous.public_programme().expect_err("still limited");
    assert_eq!(
        (refused.status, refused.code()),
        (429, ErrorCode::RateLimited)
    );

    // Someone signed in from the same address reads on.
    let dept = Client::demo(&app, "department");
    for _ in 0..20 {
        dept.public_programme().expect("signed in: not limited");
    }
    // The limit passes with time.
    std::thread::sleep(std::time::Duration::from_millis(1100 * wait));
    anonymous.public_programme().expect("after the wait");
}

//! `/api/public/...`: the open programme without an account: what is approved appears, what is
//! not (drafts, proposals in review, comments, people) never does, the figures are the signed-in
//! API's, answers are tagged and cacheable, and anonymous floods are limited per address.

use obriy_backend::app::public::datapackage::DATA_SETS;
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

/// Every URL of every public endpoint: each measure of the plan, each data file.
fn public_urls(measures: &[MeasureId]) -> Vec<String> {
    let mut urls = Vec::new();
    for e in public_endpoints() {
        match e.params().next() {
            None => urls.push(e.url(&[])),
            Some("id") => urls.extend(measures.iter().map(|id| e.url(&[id]))),
            Some("file") => {
                for (name, _, _) in DATA_SETS {
                    urls.push(e.url(&[&format!("{name}.csv")]));
                    urls.push(e.url(&[&format!("{name}.json")]));
                }
            }
            Some(other) => panic!("{}: a parameter {other} this test does not know", e.path),
        }
    }
    urls
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
        for url in public_urls(&ids) {
            let (status, text) = anonymous.raw(Method::GET, &url, "");
            assert_eq!(status, 200, "{url}: {text}");
            let body: serde_json::Value = if url.ends_with(".csv") {
                serde_json::Value::String(text.clone())
            } else {
                serde_json::from_str(&text).unwrap_or_else(|e| panic!("{url}: {e}"))
            };
            let texts = if url.ends_with(".csv") {
                csv::Reader::from_reader(text.as_bytes())
                    .records()
                    .flat_map(|r| r.expect("a record").iter().map(str::to_string).collect::<Vec<_>>())
                    .collect()
            } else {
                strings(&body)
            };
            bodies.push((url, text, texts));
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
    let plan = anonymous.public_plan().expect("plan");
    let ids = measure_ids(&plan);
    for url in public_urls(&ids[..1]) {
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

/// A data set's CSV file read with its table schema: each cell of its type, each code allowed.
fn read_csv(anonymous: &Client, resource: &serde_json::Value) -> Vec<HashMap<String, String>> {
    let path = resource["path"].as_str().expect("path");
    let url = format!("/api/public/{path}");
    let (status, headers) = anonymous.head_of(&url);
    assert_eq!(status, 200, "{url}");
    assert_eq!(headers["content-type"], "text/csv; charset=utf-8");
    assert_eq!(headers["access-control-allow-origin"], "*");
    let (_, text) = anonymous.raw(Method::GET, &url, "");
    let fields = resource["schema"]["fields"].as_array().expect("fields");
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .expect("header")
        .iter()
        .map(str::to_string)
        .collect();
    let names: Vec<&str> = fields
        .iter()
        .map(|f| f["name"].as_str().expect("name"))
        .collect();
    assert_eq!(header, names, "{url}");
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.unwrap_or_else(|e| panic!("{url}: {e}"));
        let mut row = HashMap::new();
        for (f, cell) in fields.iter().zip(record.iter()) {
            let name = f["name"].as_str().expect("name");
            if !cell.is_empty() {
                let ok = match f["type"].as_str().expect("type") {
                    "integer" => cell.parse::<i64>().is_ok(),
                    "number" => cell.parse::<rust_decimal::Decimal>().is_ok(),
                    "date" => shared::Date::parse(cell).is_ok(),
                    _ => true,
                };
                assert!(ok, "{url}: {name} = {cell:?} is not a {}", f["type"]);
                if let Some(codes) = f["constraints"]["enum"].as_array() {
                    assert!(codes.iter().any(|c| c == cell), "{url}: {name} = {cell:?}");
                }
            }
            row.insert(name.to_string(), cell.to_string());
        }
        rows.push(row);
    }
    rows
}

on_both! {
    fn the_open_data_package(kind) {
        let app = unlimited(kind);
        let anonymous = Client::anonymous(&app);
        let package: serde_json::Value = anonymous.get(&ep::PUBLIC_DATAPACKAGE.url(&[])).expect("package");
        assert_eq!(package["licenses"][0]["name"], "CC-BY-4.0");
        assert_eq!(package["profile"], "tabular-data-package");
        for key in ["title", "description", "publisher", "update_frequency", "last_modified"] {
            assert!(package[key].as_str().is_some_and(|s| !s.is_empty()), "{key}");
        }
        assert!(package["keywords"].as_array().is_some_and(|k| !k.is_empty()));
        let resources = package["resources"].as_array().expect("resources");
        assert_eq!(resources.len(), 14, "seven data sets, each as CSV and JSON");
        let mut tables = HashMap::new();
        for r in resources.iter().filter(|r| r["format"] == "csv") {
            let rows = read_csv(&anonymous, r);
            // The JSON file holds the same rows.
            let json_path = r["path"].as_str().expect("path").replace(".csv", ".json");
            let json: Vec<HashMap<String, Option<String>>> =
                anonymous.get(&format!("/api/public/{json_path}")).expect("json");
            assert_eq!(json.len(), rows.len(), "{json_path}");
            for (j, c) in json.iter().zip(&rows) {
                for (k, v) in c {
                    assert_eq!(j[k].as_deref().unwrap_or(""), v, "{json_path}: {k}");
                }
            }
            tables.insert(r["name"].as_str().expect("name").to_string(), rows);
        }

        // The same numbers as the public API.
        let plan = anonymous.public_plan().expect("plan");
        assert_eq!(i64::try_from(tables["measures"].len()).expect("n"), plan.measure_count);
        let sum = |phase: &str| -> rust_decimal::Decimal {
            tables["budget-lines"]
                .iter()
                .filter(|r| r["phase"] == phase)
                .map(|r| r["amount"].parse::<rust_decimal::Decimal>().expect("amount"))
                .sum()
        };
        assert_eq!(sum("planned"), plan.totals.total().decimal());
        assert_eq!(sum("planned"), plan.execution.planned.decimal());
        assert_eq!(sum("approved"), plan.execution.approved.decimal());
        assert_eq!(sum("executed"), plan.execution.executed.decimal());
        let orgs = anonymous.public_orgs().expect("orgs");
        assert_eq!(tables["organisations"].len(), orgs.orgs.len());
        let row = tables["organisations"].iter().find(|r| r["katotth"] == PIDHORODNE).expect("a community by its code");
        assert_eq!(row["kind"], "community");
        assert!(tables["reporting-compliance"].iter().any(|r| r["katotth"] == PIDHORODNE));
        assert!(!tables["indicators"].is_empty() && !tables["indicator-actuals"].is_empty());
        assert_eq!(tables["plan-versions"].len(), 1);

        // Stable names: anything else is 404.
        for missing in ["nothing.csv", "measures.xml", "measures", "datapackage.json"] {
            let (status, _) = anonymous.raw(Method::GET, &format!("/api/public/data/{missing}"), "");
            assert_eq!(status, 404, "{missing}");
        }
    }
}

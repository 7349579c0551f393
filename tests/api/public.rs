//! `/api/public/...`: the open programme without an account: what is approved appears, what is
//! not (drafts, proposals in review, comments, people) never does, the figures are the signed-in
//! API's, answers are tagged and cacheable, and anonymous floods are limited per address.

use obriy_backend::app::public::datapackage::DATA_SETS;
use obriy_backend::app::public::limiter::Rate;
use obriy_backend::seed::demo::ACCOUNTS;
use obriy_tests::data::org_by_code;
use obriy_tests::documents::pdf_text;
use obriy_tests::{on_both, spawn_app, spawn_app_with, Client, DbKind};
use reqwest::Method;
use shared::api::comments::NewComment;
use shared::api::endpoints::{self as ep, Endpoint};
use shared::api::local_programmes::{LocalProgramme, LocalProgrammeStatus, SaveLocalProgramme};
use shared::api::measures::MeasureStatus;
use shared::api::orgs::OrgKind;
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

/// What the public URLs are made of: the plan's measures, the organisations, the published
/// documents.
struct Ids {
    measures: Vec<MeasureId>,
    orgs: Vec<OrgId>,
    documents: Vec<i32>,
}

impl Ids {
    fn of(anonymous: &Client) -> Ids {
        Ids {
            measures: measure_ids(&anonymous.public_plan().expect("plan")),
            orgs: anonymous
                .public_orgs()
                .expect("orgs")
                .orgs
                .iter()
                .map(|o| o.org.id)
                .collect(),
            documents: anonymous
                .public_documents()
                .expect("documents")
                .documents
                .iter()
                .map(|d| d.id)
                .collect(),
        }
    }
}

/// Every URL of every public endpoint: each measure of the plan, each organisation, each
/// published document, each data file.
fn public_urls(ids: &Ids) -> Vec<String> {
    let mut urls = Vec::new();
    for e in public_endpoints() {
        match e.params().next() {
            None => urls.push(e.url(&[])),
            Some("id") => urls.extend(ids.measures.iter().map(|id| e.url(&[id]))),
            Some("org") => urls.extend(ids.orgs.iter().map(|id| e.url(&[id]))),
            Some("doc") => urls.extend(ids.documents.iter().map(|id| e.url(&[id]))),
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
    limited(kind, 100_000.0, 100_000.0)
}

/// A server whose public limit is `per_second` with a `burst`.
fn limited(kind: DbKind, per_second: f64, burst: f64) -> obriy_tests::TestApp {
    spawn_app_with(kind, true, |s| s.public_rate = Rate { per_second, burst })
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
        // The community's local programme turned back into a draft, and a document published.
        let mut local: LocalProgramme = anna.call(ep::LOCAL_PROGRAMME, &[&org]).expect("local programme");
        let mut wanted_local = local.programme.take().expect("the demo's programme");
        wanted_local.title = "SECRET-LOCAL-DRAFT-MARKER".into();
        wanted_local.status = LocalProgrammeStatus::Draft;
        let _: LocalProgramme = anna
            .call_with(ep::LOCAL_PROGRAMME_SAVE, &[&org], &SaveLocalProgramme { version: local.version, programme: wanted_local })
            .expect("a draft local programme");
        dept.publish_document("quarterly.pdf", "period=2026-Q3").expect("publish");

        let anonymous = Client::anonymous(&app);
        let all = Ids::of(&anonymous);
        assert_eq!(all.documents.len(), 1);
        assert!(anonymous.public_org(org).expect("the community").local_programme.is_none(), "a draft is not published");
        let plan = anonymous.public_plan().expect("plan");
        let ids = measure_ids(&plan);
        assert!(ids.contains(&approved.id) && !ids.contains(&draft.id));
        assert_eq!(anonymous.public_measure(draft.id).expect_err("a draft").status, 404);
        assert_eq!(anonymous.public_measure(MeasureId(999_999)).expect_err("none").status, 404);
        assert_eq!(anonymous.public_measure(approved.id).expect("approved").measure.name, approved.name);

        let mut bodies = Vec::new();
        for url in public_urls(&all) {
            if let Some(doc) = url.strip_prefix("/api/public/documents/") {
                // A published file: its text read back.
                let (pdf, _) = anonymous.public_document(doc.parse().expect("id")).expect("document");
                let text = pdf_text(&pdf);
                assert!(text.contains("Дніпропетровщина") || text.contains("Програм"), "{url}: {text}");
                bodies.push((url, text.clone(), vec![text]));
                continue;
            }
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
    let dept = Client::demo(&app, "department");
    dept.publish_document("annual.pdf", "period=2026")
        .expect("publish");
    let mut ids = Ids::of(&anonymous);
    ids.measures.truncate(1);
    ids.orgs.truncate(2);
    for url in public_urls(&ids) {
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
    let (_, headers) = dept.head_of(&ep::PROGRAMME.url(&[]));
    assert_eq!(headers["cache-control"], "no-store");
}

#[test]
fn anonymous_floods_are_limited_and_signed_in_users_are_not() {
    let app = limited(DbKind::Sqlite, 1.0, 5.0);
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

on_both! {
    fn the_map_shows_every_community_with_the_dashboards_figures(kind) {
        let app = unlimited(kind);
        let anonymous = Client::anonymous(&app);
        let dept = Client::demo(&app, "department");
        let map = anonymous.public_map().expect("map");
        assert_eq!((map.communities.len(), map.districts.len()), (86, 7));
        assert_eq!(map, dept.get::<shared::api::dashboard::MapShapes>(&ep::MAP.url(&[])).expect("signed-in map"));
        let orgs: HashMap<OrgId, _> = anonymous.public_orgs().expect("orgs").orgs.into_iter().map(|o| (o.org.id, o)).collect();
        let oblast = dept.dashboard("oblast", None, None).expect("dashboard");
        assert_eq!(oblast.map.len(), 86);
        for row in &oblast.map {
            let shape = map.communities.iter().find(|s| s.org.0 == row.id).expect("a shape per community");
            let public = &orgs[&shape.org];
            assert_eq!(public.org.kind, OrgKind::Community);
            assert_eq!(public.org.code.as_deref(), Some(shape.code.as_str()));
            assert_eq!(public.execution.layers(), row.execution, "{}", shape.name.uk);
            assert_eq!(public.execution.executed_percent, row.execution.executed_percent());
            assert_eq!(public.compliance, row.compliance, "{}", shape.name.uk);
        }
        assert!(oblast.map.iter().any(|r| r.compliance.on_time > 0), "the demo reports on time somewhere");
    }
}

on_both! {
    fn a_communitys_page_shows_its_adopted_local_programme(kind) {
        let app = unlimited(kind);
        let anonymous = Client::anonymous(&app);
        let orgs = anonymous.public_orgs().expect("orgs");
        let pidhorodne = orgs.orgs.iter().find(|o| o.org.code.as_deref() == Some(PIDHORODNE)).expect("community");
        let page = anonymous.public_org(pidhorodne.org.id).expect("page");
        assert_eq!(&page.org, pidhorodne, "the list's figures");
        let district = page.parent_org.expect("its district");
        assert_eq!(district.kind, OrgKind::District);
        let local = page.local_programme.expect("the demo's adopted programme");
        assert_eq!(local.status, LocalProgrammeStatus::Approved);
        assert!(local.in_force && !local.decision.is_empty() && !local.tasks.is_empty());
        // The signed-in register says the same.
        let anna = Client::demo(&app, "community.pidhorodne");
        let signed_in: LocalProgramme = anna.call(ep::LOCAL_PROGRAMME, &[&pidhorodne.org.id]).expect("register");
        let recorded = signed_in.programme.clone().expect("recorded");
        assert_eq!((local.title.as_str(), local.decision_date, local.first_year, local.last_year),
                   (recorded.title.as_str(), recorded.decision_date.expect("date"), recorded.first_year, recorded.last_year));
        assert_eq!(local.envelope, recorded.envelope);
        assert_eq!(local.tasks.iter().map(|t| t.id).collect::<Vec<_>>(), recorded.tasks);

        // Expired stays published (it was adopted); cancelled does not.
        let mut expired = recorded.clone();
        expired.status = LocalProgrammeStatus::Expired;
        let saved: LocalProgramme = anna
            .call_with(ep::LOCAL_PROGRAMME_SAVE, &[&pidhorodne.org.id], &SaveLocalProgramme { version: signed_in.version, programme: expired })
            .expect("expired");
        let local = anonymous.public_org(pidhorodne.org.id).expect("page").local_programme.expect("expired is published");
        assert_eq!(local.status, LocalProgrammeStatus::Expired);
        assert!(!local.in_force);
        let mut cancelled = recorded.clone();
        cancelled.status = LocalProgrammeStatus::Cancelled;
        let _: LocalProgramme = anna
            .call_with(ep::LOCAL_PROGRAMME_SAVE, &[&pidhorodne.org.id], &SaveLocalProgramme { version: saved.version, programme: cancelled })
            .expect("cancelled");
        assert!(anonymous.public_org(pidhorodne.org.id).expect("page").local_programme.is_none());

        // An executor has none; an unknown organisation is 404.
        let executor = orgs.orgs.iter().find(|o| o.org.kind == OrgKind::Executor).expect("an executor");
        assert!(anonymous.public_org(executor.org.id).expect("executor").local_programme.is_none());
        assert_eq!(anonymous.public_org(OrgId(999_999)).expect_err("none").status, 404);
    }
}

on_both! {
    fn the_department_publishes_a_document_that_stays_as_published(kind) {
        let app = unlimited(kind);
        let anonymous = Client::anonymous(&app);
        let dept = Client::demo(&app, "department");
        assert!(anonymous.public_documents().expect("list").documents.is_empty(), "nothing is published until the department does");
        // Producing a document publishes nothing.
        let (made, _) = dept.document("quarterly.pdf", "period=2026-Q3").expect("produce");
        assert!(anonymous.public_documents().expect("list").documents.is_empty());
        // Only the department publishes.
        for login in ["community.pidhorodne", "district.dnipro", "head"] {
            let refused = Client::demo(&app, login).publish_document("quarterly.pdf", "period=2026-Q3").expect_err(login);
            assert_eq!(refused.status, 403, "{login}");
        }
        assert_eq!(anonymous.publish_document("quarterly.pdf", "period=2026-Q3").expect_err("anonymous").status, 401);
        let bad = dept.publish_document("quarterly.pdf", "period=2026").expect_err("a year for a quarterly");
        assert_eq!((bad.status, bad.body.field.as_deref()), (422, Some("period")));

        let doc = dept.publish_document("quarterly.pdf", "period=2026-Q3").expect("publish");
        assert_eq!((doc.period.as_str(), doc.lang, doc.format), ("2026-Q3", shared::Lang::Uk, shared::api::documents::DocumentFormat::Pdf));
        let list = anonymous.public_documents().expect("list").documents;
        assert_eq!(list, vec![doc.clone()]);
        let (bytes, content_type) = anonymous.public_document(doc.id).expect("file");
        assert_eq!((doc.size, content_type.as_str()), (i64::try_from(bytes.len()).expect("n"), "application/pdf"));
        // The department's copy is signed by name; the published one carries the position alone.
        let (published, signed) = (pdf_text(&bytes), pdf_text(&made));
        assert!(signed.contains("Олена Савченко"), "{signed}");
        assert!(!published.contains("Олена Савченко"), "{published}");
        assert_eq!(published.contains("ПРОЄКТ"), doc.draft);
        assert!(published.contains("Департамент"), "the signer's position stays");
        let (_, headers) = anonymous.head_of(&ep::PUBLIC_DOCUMENT.url(&[&doc.id]));
        assert!(headers["content-disposition"].contains(&doc.filename), "{headers:?}");
        let final_doc = dept.publish_document("final.pdf", "lang=en&source=oblast").expect("final");
        assert_eq!((final_doc.period.as_str(), final_doc.lang), ("2026-2028", shared::Lang::En));

        // On the record, by the department.
        let page: shared::api::audit::AuditPage = dept.get("/api/audit?limit=20").expect("record");
        let published: Vec<_> = page.entries.iter().filter(|e| e.action == shared::api::audit::AuditAction::DocumentPublished).collect();
        assert_eq!(published.len(), 2);
        assert!(published.iter().any(|e| e.entity_id == Some(doc.id) && e.user_name == "Олена Савченко"));

        // The data move on; the published file does not.
        let plan = anonymous.public_plan().expect("plan");
        let id = measure_ids(&plan)[0];
        let mut wanted = dept.measure(id).expect("measure").to_input();
        wanted.name.uk = format!("{} (змінено)", wanted.name.uk);
        dept.propose(id, None, &wanted).expect("propose");
        let p = dept.step(&dept.my_draft().expect("d").expect("d"), "submit").expect("submit");
        dept.approve_all(&p).expect("approve");
        let (again, _) = anonymous.public_document(doc.id).expect("file");
        assert_eq!(again, bytes, "the published bytes are fixed");
        assert_eq!(anonymous.public_documents().expect("list").documents.len(), 2);
        assert_eq!(anonymous.public_document(999_999).expect_err("none").status, 404);
    }
}

#[test]
fn refusals_of_the_public_api_are_open_to_other_sites_too() {
    let app = limited(DbKind::Sqlite, 1.0, 6.0);
    let anonymous = Client::anonymous(&app);
    for url in [
        ep::PUBLIC_MEASURE.url(&[&999_999]),
        ep::PUBLIC_MEASURE.url(&[&"not-a-number"]),
        ep::PUBLIC_DOCUMENT.url(&[&999_999]),
        "/api/public/nothing-here".to_string(),
        "/api/public/data/nothing.csv".to_string(),
    ] {
        let (status, headers) = anonymous.head_of(&url);
        assert_eq!(status, 404, "{url}");
        assert_eq!(headers["access-control-allow-origin"], "*", "{url}");
    }
    let url = ep::PUBLIC_PROGRAMME.url(&[]);
    let (status, headers) = (0..12)
        .map(|_| anonymous.head_of(&url))
        .find(|(s, _)| *s == 429)
        .expect("a flood is refused");
    assert_eq!(status, 429);
    assert_eq!(headers["access-control-allow-origin"], "*");
    assert!(headers.contains_key("retry-after"));
    // The signed-in API is not opened to other sites.
    let (status, headers) = anonymous.head_of(&ep::PROGRAMME.url(&[]));
    assert_eq!(status, 401);
    assert!(!headers.contains_key("access-control-allow-origin"));
}

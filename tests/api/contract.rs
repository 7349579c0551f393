//! The contract as reviewers read it: the OpenAPI document and the error bodies, snapshot-tested
//! (`tests/api/snapshots/`; `cargo insta review` after a deliberate change), and every shared
//! endpoint answered by the server at its method and path.

use obriy_tests::data::{measure, org_by_code};
use obriy_tests::{spawn_app, Client, DbKind};
use reqwest::Method;
use shared::api::endpoints::{self as ep, Method as EpMethod};
use shared::{ErrorCode, FundingSource};

const PIDHORODNE: &str = "UA12020210000032285";

#[test]
fn the_openapi_document() {
    let app = spawn_app(DbKind::Sqlite, false);
    let doc: serde_json::Value = Client::anonymous(&app)
        .get("/api/openapi.json")
        .expect("doc");
    // Every endpoint of the shared table is in it, at its method, and nothing else is.
    let mut documented = Vec::new();
    for (path, item) in doc["paths"].as_object().expect("paths") {
        for method in item.as_object().expect("item").keys() {
            documented.push(format!("{} {path}", method.to_uppercase()));
        }
    }
    let mut table: Vec<String> = ep::ALL
        .iter()
        .map(|e| format!("{} {}", e.method, e.path))
        .collect();
    documented.sort();
    table.sort();
    assert_eq!(documented, table);
    insta::assert_json_snapshot!("openapi", doc);
}

#[test]
fn every_endpoint_answers_at_its_method_and_path() {
    let app = spawn_app(DbKind::Sqlite, true);
    let c = Client::demo(&app, "department");
    for e in ep::ALL {
        let values: Vec<String> = e
            .params()
            .map(|p| match p {
                "period" => "2026-Q3".to_string(),
                "step" => "submit".to_string(),
                "level" => "programme".to_string(),
                _ => "1".to_string(),
            })
            .collect();
        let shown: Vec<&dyn std::fmt::Display> = values.iter().map(|v| v as _).collect();
        let method = match e.method {
            EpMethod::Get => Method::GET,
            EpMethod::Post => Method::POST,
            EpMethod::Put => Method::PUT,
            EpMethod::Delete => Method::DELETE,
        };
        if *e == ep::EVENTS || *e == ep::LOGOUT {
            continue; // a stream that stays open; the end of this session
        }
        let (status, body) = c.raw(method, &e.url(&shown), "{}");
        // Routed: whatever the answer, it is the API's (not the app's index page), and a 404
        // says the thing is missing in the API's shape rather than that no route matched.
        assert!(status < 500, "{} {}: {status} {body}", e.method, e.path);
        if status == 404 {
            let parsed: serde_json::Value = serde_json::from_str(&body).expect("an error body");
            assert_eq!(parsed["code"], "not_found", "{} {}", e.method, e.path);
        }
    }
    // A method the table doesn't list for an endpoint's path: 405 with the methods it takes.
    let (status, body) = c.raw(Method::PATCH, "/api/measures/1", "{}");
    assert_eq!(status, 405, "{body}");
    let (_, headers) = c.headers_of(Method::TRACE, "/api/measures/1");
    assert_eq!(
        headers.get("allow").map(String::as_str),
        Some("GET, PUT, DELETE")
    );
    // A path no endpoint has: 404 in the API's shape.
    let (status, body) = c.raw(Method::GET, "/api/no-such-thing", "");
    assert_eq!(status, 404, "{body}");
}

#[test]
fn error_bodies() {
    let app = spawn_app(DbKind::Sqlite, true);
    let anonymous = Client::anonymous(&app);
    let c = Client::demo(&app, "community.pidhorodne");
    let orgs = c.orgs().expect("orgs");
    let task = obriy_tests::data::first_task(&c.programme().expect("p"));
    let org = org_by_code(&orgs, PIDHORODNE);
    let input = measure(task, org, "Захід", &[(2026, FundingSource::Local, "5")]);
    let created = c.create_measure(&input).expect("create");
    c.update_measure(created.id, created.version, &input)
        .expect("edit");
    let mut bad = input.clone();
    bad.name.uk = "  ".into();
    let mut cases = serde_json::Map::new();
    let mut case = |name: &str, failure: obriy_tests::Failure| {
        cases.insert(
            name.to_string(),
            serde_json::json!({ "status": failure.status, "body": failure.body }),
        );
    };
    case("unauthenticated", anonymous.programme().expect_err("401"));
    case(
        "not_found",
        c.measure(shared::MeasureId(999_999)).expect_err("404"),
    );
    case(
        "bad_credentials",
        anonymous.login("department", "wrong").expect_err("401"),
    );
    case(
        "version_conflict",
        c.update_measure(created.id, created.version, &input)
            .expect_err("409"),
    );
    case(
        "name_required_at_its_field",
        c.create_measure(&bad).expect_err("422"),
    );
    case(
        "unreadable_json",
        c.post::<_, serde_json::Value>("/api/measures", &serde_json::json!({"task_id": "x"}))
            .expect_err("400"),
    );
    case(
        "forbidden",
        c.get::<serde_json::Value>("/api/users").expect_err("403"),
    );
    case(
        "report_period_not_found",
        c.get::<serde_json::Value>("/api/reports/1/2031-Q9")
            .expect_err("404"),
    );
    insta::with_settings!({ sort_maps => true }, {
        insta::assert_json_snapshot!("error_bodies", cases, {
            ".*.body.current" => "[the measure as it is now]",
        });
    });
    assert_eq!(
        cases["name_required_at_its_field"]["body"]["field"],
        serde_json::json!("name.uk")
    );
    let _ = ErrorCode::NotFound;
}

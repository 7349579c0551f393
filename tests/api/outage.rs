//! The database goes away and comes back (PostgreSQL behind a TCP forwarder that cuts every
//! connection): requests fail fast with 503 and a clear message, the health check says the
//! database is down, nothing saved is lost, and service resumes on its own.

use obriy_tests::proxy::Proxy;
use obriy_tests::Client;
use shared::{ErrorCode, FundingSource};
use std::time::{Duration, Instant};

const PIDHORODNE: &str = "UA12020210000032285";

#[test]
fn postgres_going_away_is_a_quick_503_and_service_resumes_by_itself() {
    let direct = obriy_tests::pg::fresh_database();
    let (server, name) = direct.rsplit_once('/').expect("a database URL");
    let target = server
        .rsplit_once('@')
        .map_or(server, |(_, h)| h)
        .to_string();
    let proxy = Proxy::start(target);
    let via_proxy = format!("postgres://postgres@127.0.0.1:{}/{name}", proxy.port);
    let app = obriy_tests::app::spawn_on(&via_proxy, true);
    let c = Client::demo(&app, "department");
    let saved = c
        .create_measure(&c.measure_in(
            PIDHORODNE,
            "Збережено до збою",
            &[(2026, FundingSource::Local, "3")],
        ))
        .expect("saved before the outage");

    let during = c.measure_in(
        PIDHORODNE,
        "Під час збою",
        &[(2026, FundingSource::Local, "1")],
    );
    proxy.set_down(true);
    let started = Instant::now();
    let e = c.programme().expect_err("the database is down");
    let waited = started.elapsed();
    assert_eq!(
        (e.status, e.code()),
        (503, ErrorCode::DatabaseUnavailable),
        "{e:?}"
    );
    assert!(
        e.body.message.uk.contains("не втрачено")
            && e.body.message.en.contains("Nothing saved before is lost")
    );
    assert!(
        waited < Duration::from_secs(6),
        "answered in {waited:?}, not after the old 10 s pool wait"
    );
    let (status, health) = c.head_of("/api/health");
    assert_eq!(status, 503);
    let (_, text) = c.raw_with(reqwest::Method::GET, "/api/health", &[], "");
    let health_body: serde_json::Value = serde_json::from_str(&text).expect("health");
    assert_eq!(
        (
            health_body["status"].as_str(),
            health_body["database_up"].as_bool()
        ),
        (Some("database_unavailable"), Some(false)),
        "{health:?}"
    );
    let e = c.create_measure(&during).expect_err("no write");
    assert_eq!(e.status, 503);

    proxy.set_down(false);
    let until = Instant::now() + Duration::from_secs(20);
    let back = loop {
        match c.programme() {
            Ok(p) => break p,
            Err(e) if Instant::now() < until => {
                assert_eq!(e.status, 503, "{e:?}");
                std::thread::sleep(Duration::from_millis(200));
            }
            Err(e) => panic!("service did not resume: {e:?}"),
        }
    };
    assert!(back.measure_count >= 1);
    assert_eq!(
        c.measure(saved.id).expect("still there").name.uk,
        "Збережено до збою",
        "the session and the data survived"
    );
    let (status, _) = c.head_of("/api/health");
    assert_eq!(status, 200);
}

#[test]
fn sqlite_commits_are_durable_by_default() {
    let dir = tempfile::tempdir().expect("dir");
    let url = dir.path().join("d.db").display().to_string();
    let mut owned = obriy_backend::db::Connection::establish(&url).expect("open");
    let obriy_backend::db::Connection::Sqlite(c) = &mut owned else {
        panic!("SQLite")
    };
    #[derive(diesel::QueryableByName)]
    struct Sync {
        #[diesel(sql_type = diesel::sql_types::Integer)]
        synchronous: i32,
    }
    use diesel::RunQueryDsl;
    let got: Sync = diesel::sql_query("PRAGMA synchronous")
        .get_result(c)
        .expect("pragma");
    assert_eq!(got.synchronous, 2, "FULL");
}

//! Hostile and broken input: invisible characters, bodies too large or with something after the
//! JSON, bodies that are not JSON, writes from another site's page. Each is refused with a clear
//! 4xx and changes nothing.

use obriy_tests::data::{first_task, measure, org_by_code};
use obriy_tests::{on_both, spawn_app, Client, DEMO_PASSWORD};
use reqwest::Method;
use shared::api::comments::NewComment;
use shared::{ApiErrorBody, ErrorCode, FundingSource};

const PIDHORODNE: &str = "UA12020210000032285";

fn body(text: &str) -> ApiErrorBody {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("an error body ({e}): {text}"))
}

on_both! {
    fn invisible_characters_are_refused_at_their_field(kind) {
        let app = spawn_app(kind, true);
        let c = Client::demo(&app, "community.pidhorodne");
        let orgs = c.orgs().expect("orgs");
        let task = first_task(&c.programme().expect("p"));
        let org = org_by_code(&orgs, PIDHORODNE);
        let before = c.programme().expect("p").measure_count;
        for (bad, what) in [("Захід\u{0}", "NUL"), ("\u{202E}evil", "a right-to-left override"), ("a\u{7}b", "a bell")] {
            let mut input = measure(task, org, "Захід", &[(2026, FundingSource::Local, "5")]);
            input.name.uk = bad.into();
            let e = c.create_measure(&input).expect_err(what);
            assert_eq!((e.status, e.code(), e.body.field.as_deref()), (422, ErrorCode::TextControlCharacter, Some("name.uk")), "{what}");
            assert!(e.body.message.uk.contains("керівний символ"));
        }
        // Line breaks and tabs are text.
        let mut fine = measure(task, org, "Захід", &[(2026, FundingSource::Local, "5")]);
        fine.description = "Перший рядок\nдругий\tрядок".into();
        let created = c.create_measure(&fine).expect("line breaks pass");
        let e = c
            .post::<_, serde_json::Value>(&format!("/api/measures/{}/comments", created.id), &NewComment { body: "так\u{0}".into(), parent_id: None })
            .expect_err("a NUL in a comment");
        assert_eq!((e.code(), e.body.field.as_deref()), (ErrorCode::TextControlCharacter, Some("body")));
        // Even the login on the sign-in form (a 500 on PostgreSQL before).
        let anonymous = Client::anonymous(&app);
        let e = anonymous.login("department\u{0}", DEMO_PASSWORD).expect_err("NUL login");
        assert_eq!((e.status, e.code(), e.body.field.as_deref()), (422, ErrorCode::TextControlCharacter, Some("login")));
        assert_eq!(c.programme().expect("p").measure_count, before, "nothing approved changed");
        assert_eq!(c.measure(created.id).expect("m").description, fine.description);
    }
}

on_both! {
    fn a_body_over_the_limit_is_413_and_one_after_its_json_is_refused(kind) {
        let app = spawn_app(kind, true);
        let c = Client::demo(&app, "community.pidhorodne");
        let json = [("content-type", "application/json")];
        // 300 KiB is under the limit (a 400 before: the server applied 256 KiB).
        let padded = format!("{{\"ids\": [] {} }}", " ".repeat(300 * 1024));
        let (status, text) = c.raw_with(Method::POST, "/api/inbox/read", &json, padded);
        assert_eq!(status, 200, "{text}");
        let huge = format!("{{\"ids\": [] {} }}", " ".repeat(shared::text::BODY_LIMIT));
        let (status, text) = c.raw_with(Method::POST, "/api/inbox/read", &json, huge);
        let e = body(&text);
        assert_eq!((status, e.code), (413, ErrorCode::BodyTooLarge));
        assert!(e.message.en.contains("1 MiB") && e.message.uk.contains("1 МіБ"), "{e:?}");
        let (status, text) = c.raw_with(Method::POST, "/api/inbox/read", &json, "{\"ids\": null} GARBAGE");
        assert_eq!((status, body(&text).code), (400, ErrorCode::BadRequest), "trailing data is refused, not ignored");
        let (status, _) = c.raw_with(Method::POST, "/api/inbox/read", &json, "{\"ids\": null}  \n");
        assert_eq!(status, 200, "whitespace after the value is fine");
    }
}

on_both! {
    fn sign_in_takes_only_json_and_no_write_comes_from_another_site(kind) {
        let app = spawn_app(kind, true);
        let anonymous = Client::anonymous(&app);
        let login = format!("{{\"login\":\"department\",\"password\":\"{DEMO_PASSWORD}\"}}");
        // A form another site's page can post without asking (login CSRF).
        let (status, text) = anonymous.raw_with(Method::POST, "/api/auth/login", &[("content-type", "text/plain")], login.clone());
        assert_eq!((status, body(&text).code), (415, ErrorCode::JsonRequired));
        let (status, text) = anonymous.raw_with(Method::POST, "/api/auth/login", &[], login.clone());
        assert_eq!((status, body(&text).code), (415, ErrorCode::JsonRequired), "no content type");
        fn json_from(origin: &str) -> [(&str, &str); 2] {
            [("content-type", "application/json"), ("origin", origin)]
        }
        let (status, text) = anonymous.raw_with(Method::POST, "/api/auth/login", &json_from("https://evil.example"), login.clone());
        assert_eq!((status, body(&text).code), (403, ErrorCode::ForeignOrigin));
        assert!(anonymous.me().is_err(), "not signed in");
        let own = app.url.clone();
        let (status, text) = anonymous.raw_with(Method::POST, "/api/auth/login", &json_from(&own), login);
        assert_eq!(status, 200, "the app's own page signs in: {text}");
        // Signed in, a write from another site is refused even with the right CSRF token.
        let c = Client::demo(&app, "department");
        let (status, text) = c.raw_with(Method::POST, "/api/inbox/read", &[("content-type", "application/json"), ("sec-fetch-site", "cross-site")], "{}");
        assert_eq!((status, body(&text).code), (403, ErrorCode::ForeignOrigin));
        let (status, _) = c.raw_with(Method::POST, "/api/inbox/read", &[("content-type", "application/json"), ("sec-fetch-site", "same-origin")], "{}");
        assert_eq!(status, 200);
    }
}

#[test]
fn personal_answers_are_not_stored_and_https_is_remembered() {
    let app = spawn_app(obriy_tests::DbKind::Sqlite, true);
    let c = Client::demo(&app, "community.pidhorodne");
    let (status, headers) = c.head_of("/api/inbox");
    assert_eq!(status, 200);
    assert_eq!(
        headers.get("cache-control").map(String::as_str),
        Some("no-store")
    );
    assert!(
        !headers.contains_key("strict-transport-security"),
        "plain HTTP in tests"
    );
    // Only the app's own scripts and its wasm run: no inline script, no eval.
    let csp = headers
        .get("content-security-policy")
        .expect("a content security policy");
    let script_src = csp
        .split(';')
        .map(str::trim)
        .find(|d| d.starts_with("script-src"))
        .expect("script-src");
    assert_eq!(script_src, "script-src 'self' 'wasm-unsafe-eval'", "{csp}");
    assert!(
        csp.contains("frame-ancestors 'none'") && csp.contains("object-src 'none'"),
        "{csp}"
    );
    let secure = obriy_tests::spawn_app_with(obriy_tests::DbKind::Sqlite, false, |s| {
        s.secure_cookies = true
    });
    let (_, headers) = Client::anonymous(&secure).head_of("/api/health");
    assert!(headers
        .get("strict-transport-security")
        .is_some_and(|v| v.contains("max-age=31536000")));
}

#[test]
fn the_service_worker_is_revalidated_scoped_to_the_app_and_allowed_by_the_policy() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("index.html"),
        "<!doctype html><title>Обрій</title>",
    )
    .expect("index");
    std::fs::write(dir.path().join("sw.js"), "// the worker\n").expect("worker");
    let app = obriy_tests::spawn_app_with(obriy_tests::DbKind::Sqlite, false, |s| {
        s.static_dir = dir.path().to_path_buf();
    });
    let (status, headers) = Client::anonymous(&app).head_of("/sw.js");
    assert_eq!(status, 200);
    // A new build's worker replaces the old one at the next visit.
    assert_eq!(headers["cache-control"], "no-cache");
    assert!(
        headers["content-type"].starts_with("text/javascript"),
        "{headers:?}"
    );
    assert_eq!(headers["service-worker-allowed"], "/");
    let csp = &headers["content-security-policy"];
    assert!(csp.contains("worker-src 'self'"), "{csp}");
}

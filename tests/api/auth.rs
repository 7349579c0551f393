//! `/api/auth/*`: sign-in, sessions, sign-out, CSRF and the sign-in rate limit.

use obriy_tests::{on_both, spawn_app, Client, DEMO_PASSWORD};
use reqwest::Method;
use shared::{ErrorCode, Role};

on_both! {
    fn sign_in_and_out(kind) {
        let app = spawn_app(kind, true);
        let c = Client::anonymous(&app);
        assert_eq!(c.me().expect_err("anonymous").code(), ErrorCode::Unauthenticated);
        assert_eq!(c.programme().expect_err("anonymous").status, 401);

        let wrong = c.login("department", "not the password").expect_err("wrong");
        assert_eq!((wrong.status, wrong.code()), (401, ErrorCode::BadCredentials));
        assert!(wrong.body.message.uk.contains("Невірний") && wrong.body.message.en.contains("Wrong"));
        let unknown = c.login("nobody", DEMO_PASSWORD).expect_err("unknown");
        assert_eq!(unknown.body, wrong.body, "unknown logins look the same as wrong passwords");

        let s = c.login("community.pidhorodne", DEMO_PASSWORD).expect("sign in");
        assert_eq!(s.user.role, Role::CommunityCoordinator);
        assert_eq!(s.user.org.as_ref().map(|o| o.name.uk.as_str()), Some("Підгородненська міська громада"));
        assert!(s.user.is_demo);
        assert_eq!(c.me().expect("me").user, s.user);

        c.logout().expect("sign out");
        assert_eq!(c.me().expect_err("signed out").code(), ErrorCode::Unauthenticated);
    }
}

on_both! {
    fn writes_need_the_csrf_token(kind) {
        let app = spawn_app(kind, true);
        let c = Client::demo(&app, "department");
        c.set_csrf(None);
        let (status, body) = c.raw(Method::POST, "/api/auth/logout", "");
        assert_eq!(status, 403, "{body}");
        assert!(body.contains("csrf_failed"));
        c.set_csrf(Some("forged".into()));
        let (status, _) = c.raw(Method::POST, "/api/measures", "{}");
        assert_eq!(status, 403);
        assert!(c.me().is_ok(), "the session survives a refused write");
    }
}

on_both! {
    fn sign_in_is_rate_limited(kind) {
        let app = spawn_app(kind, true);
        let c = Client::anonymous(&app);
        let mut codes = Vec::new();
        for _ in 0..6 {
            codes.push(c.login("head", "guess-guess-guess").expect_err("wrong").code());
        }
        assert_eq!(codes[..5], [ErrorCode::BadCredentials; 5]);
        assert_eq!(codes[5], ErrorCode::TooManyAttempts);
        let limited = c.login("head", DEMO_PASSWORD).expect_err("still limited");
        assert_eq!(limited.status, 429);
        // Another account is not locked by someone guessing this one.
        assert!(c.login("department", DEMO_PASSWORD).is_ok());
    }
}

on_both! {
    fn guessing_at_a_login_never_locks_its_owner_out(kind) {
        // Behind a reverse proxy the server reads the client's address from X-Forwarded-For.
        let app = obriy_tests::spawn_app_with(kind, true, |s| s.trusted_proxies = vec!["127.0.0.1".parse().expect("ip")]);
        let from = |addr: &str, password: &str| {
            let c = Client::anonymous(&app);
            let body = format!("{{\"login\":\"head\",\"password\":\"{password}\"}}");
            let (status, text) = c.raw_with(Method::POST, "/api/auth/login", &[("content-type", "application/json"), ("x-forwarded-for", addr)], body);
            (status, text)
        };
        for _ in 0..5 {
            assert_eq!(from("203.0.113.5", "guess-guess-guess").0, 401);
        }
        let (status, text) = from("203.0.113.5", "guess-guess-guess");
        assert_eq!(status, 429, "{text}");
        // The head signs in from the office while someone guesses from elsewhere.
        let (status, text) = from("198.51.100.7", DEMO_PASSWORD);
        assert_eq!(status, 200, "the right password from another address: {text}");
        // The guesser waits, and is told how long.
        let c = Client::anonymous(&app);
        let resp = reqwest::blocking::Client::new()
            .post(format!("{}/api/auth/login", app.url))
            .header("x-forwarded-for", "203.0.113.5")
            .json(&serde_json::json!({"login": "head", "password": DEMO_PASSWORD}))
            .send()
            .expect("login");
        assert_eq!(resp.status().as_u16(), 429);
        let retry: u64 = resp.headers().get("retry-after").and_then(|v| v.to_str().ok()).and_then(|v| v.parse().ok()).expect("Retry-After");
        assert!((1..=15).contains(&retry), "{retry}");
        // Without a trusted proxy the header is the client's own word, and ignored.
        let plain = spawn_app(kind, true);
        for n in 0..5 {
            let c = Client::anonymous(&plain);
            let (status, _) = c.raw_with(Method::POST, "/api/auth/login", &[("content-type", "application/json"), ("x-forwarded-for", &format!("192.0.2.{n}"))], "{\"login\":\"head\",\"password\":\"nope-nope-nope\"}");
            assert_eq!(status, 401);
        }
        assert_eq!(Client::anonymous(&plain).login("head", "nope-nope-nope").expect_err("limited").status, 429, "forged addresses did not spread the guesses");
        drop(c);
    }
}

on_both! {
    fn sessions_and_cookies_are_safe(kind) {
        let app = spawn_app(kind, true);
        let resp = reqwest::blocking::Client::new()
            .post(format!("{}/api/auth/login", app.url))
            .json(&serde_json::json!({"login": "head", "password": DEMO_PASSWORD}))
            .send()
            .expect("login");
        let cookie = resp.headers().get("set-cookie").and_then(|v| v.to_str().ok()).unwrap_or_default().to_string();
        assert!(cookie.contains("HttpOnly"), "{cookie}");
        assert!(cookie.contains("SameSite=Strict"), "{cookie}");
        // Password hashes are argon2id and never leave the server.
        let admin = Client::demo(&app, "admin");
        let users: serde_json::Value = admin.get("/api/users").expect("users");
        assert!(!users.to_string().contains("argon2"));
        assert_eq!(users.as_array().map(Vec::len), Some(9));
    }
}

on_both! {
    fn without_demo_mode_no_account_exists_until_an_admin_is_created(kind) {
        let app = spawn_app(kind, false);
        let c = Client::anonymous(&app);
        for login in ["department", "admin", "head"] {
            assert_eq!(c.login(login, DEMO_PASSWORD).expect_err("no demo accounts").status, 401);
        }
        // What `obriy create-admin` does.
        let admin = shared::api::users::CreateUser {
            login: "root.admin".into(),
            display_name: "Адміністратор".into(),
            password: "a-long-admin-password".into(),
            role: Role::Admin,
            org_id: None,
        };
        let system = obriy_backend::app::record::Who::system();
        app.server
            .state
            .write(&system, |tx| obriy_backend::app::accounts::create_in(tx, &admin, false))
            .expect("create admin");
        c.login("root.admin", "a-long-admin-password").expect("admin signs in");
        // The administrator creates a community coordinator, whose organisation must fit the role.
        let orgs = c.orgs().expect("orgs");
        let district = orgs.iter().find(|o| o.kind == shared::api::orgs::OrgKind::District).expect("d").id;
        let community = orgs.iter().find(|o| o.kind == shared::api::orgs::OrgKind::Community).expect("c").id;
        let mut new = shared::api::users::CreateUser {
            login: "coord".into(), display_name: "Координатор".into(),
            password: "short".into(), role: Role::CommunityCoordinator, org_id: Some(district),
        };
        let e = c.post::<_, serde_json::Value>("/api/users", &new).expect_err("short password");
        assert_eq!((e.code(), e.body.field.as_deref()), (ErrorCode::PasswordTooShort, Some("password")));
        new.password = "long-enough-pass".into();
        let e = c.post::<_, serde_json::Value>("/api/users", &new).expect_err("a district for a community role");
        assert_eq!((e.code(), e.body.field.as_deref()), (ErrorCode::OrgRequired, Some("org_id")));
        new.org_id = Some(community);
        let made: shared::api::auth::UserInfo = c.post("/api/users", &new).expect("created");
        assert_eq!(made.org.map(|o| o.id), Some(community));
        assert!(!made.is_demo);
        let e = c.post::<_, serde_json::Value>("/api/users", &new).expect_err("taken");
        assert_eq!(e.code(), ErrorCode::LoginTaken);
        let coordinator = Client::anonymous(&app);
        coordinator.login("coord", "long-enough-pass").expect("the new coordinator signs in");
    }
}

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

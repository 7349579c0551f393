//! Accounts: password rules (length, not the login, not one repeated character, not a common
//! password), logins unique whatever their case, changing one's password, the administrator's
//! reset (a one-time password to change at the next sign-in) and disabling an account (its
//! sessions end at once), each on the record.

use obriy_tests::{on_both, spawn_app, Client, DEMO_PASSWORD};
use shared::api::audit::{AuditAction, AuditPage};
use shared::api::auth::UserInfo;
use shared::api::users::{ChangePassword, CreateUser, PasswordReset};
use shared::{ErrorCode, Role};

fn account(login: &str, password: &str) -> CreateUser {
    CreateUser {
        login: login.into(),
        display_name: "Тетяна Коваль".into(),
        password: password.into(),
        role: Role::ProgrammeHead,
        org_id: None,
    }
}

on_both! {
    fn passwords_follow_the_rules_and_logins_ignore_case(kind) {
        let app = spawn_app(kind, true);
        let admin = Client::demo(&app, "admin");
        let refused = |login: &str, password: &str| {
            let e = admin.post::<_, UserInfo>("/api/users", &account(login, password)).expect_err("refused");
            assert_eq!(e.body.field.as_deref(), Some("password"), "{e:?}");
            e.code()
        };
        assert_eq!(refused("t.koval", "short-pass"), ErrorCode::PasswordTooShort);
        assert_eq!(refused("t.koval.admin", "T.Koval.Admin"), ErrorCode::PasswordIsLogin);
        assert_eq!(refused("t.koval", "zzzzzzzzzzzzzz"), ErrorCode::PasswordRepeated);
        assert_eq!(refused("t.koval", "password1234"), ErrorCode::PasswordTooCommon);
        assert_eq!(refused("t.koval", "qwertyuiop123!"), ErrorCode::PasswordTooCommon);
        admin.post::<_, UserInfo>("/api/users", &account("t.koval", "вишневий-сад-над-Дніпром")).expect("a good one");
        let e = admin.post::<_, UserInfo>("/api/users", &account("T.Koval", "інший-довгий-пароль-1")).expect_err("same login");
        assert_eq!((e.status, e.code()), (409, ErrorCode::LoginTaken));
        Client::anonymous(&app).login("T.KOVAL", "вишневий-сад-над-Дніпром").expect("any case signs in");
    }
}

on_both! {
    fn a_user_changes_their_password_and_their_other_sessions_end(kind) {
        let app = spawn_app(kind, true);
        let here = Client::demo(&app, "community.pidhorodne");
        let elsewhere = Client::demo(&app, "community.pidhorodne");
        let wrong = here.post::<_, UserInfo>("/api/auth/password", &ChangePassword { current: "not-it-at-all".into(), new: "нова-весна-у-громаді".into() }).expect_err("wrong current");
        assert_eq!((wrong.code(), wrong.body.field.as_deref()), (ErrorCode::PasswordWrong, Some("current")));
        let weak = here.post::<_, UserInfo>("/api/auth/password", &ChangePassword { current: DEMO_PASSWORD.into(), new: "football2026!".into() }).expect_err("common");
        assert_eq!((weak.code(), weak.body.field.as_deref()), (ErrorCode::PasswordTooCommon, Some("new")));
        here.post::<_, UserInfo>("/api/auth/password", &ChangePassword { current: DEMO_PASSWORD.into(), new: "нова-весна-у-громаді".into() }).expect("changed");
        assert!(here.me().is_ok(), "this session stays");
        assert_eq!(elsewhere.me().expect_err("ended").status, 401, "the other session ended");
        assert_eq!(Client::anonymous(&app).login("community.pidhorodne", DEMO_PASSWORD).expect_err("old").status, 401);
        Client::anonymous(&app).login("community.pidhorodne", "нова-весна-у-громаді").expect("new one");
    }
}

on_both! {
    fn the_administrator_resets_and_disables_accounts(kind) {
        let app = spawn_app(kind, true);
        let admin = Client::demo(&app, "admin");
        let head = Client::demo(&app, "head");
        let head_id = head.me().expect("me").user.id;
        assert_eq!(head.post::<_, PasswordReset>(&format!("/api/users/{head_id}/password-reset"), &()).expect_err("not the head's to do").status, 403);

        // A reset: a one-time password; the account's sessions end; it must be changed first.
        let reset: PasswordReset = admin.post(&format!("/api/users/{head_id}/password-reset"), &()).expect("reset");
        assert!(reset.user.must_change_password);
        assert_eq!(head.me().expect_err("ended").status, 401);
        let fresh = Client::anonymous(&app);
        let session = fresh.login("head", &reset.one_time_password).expect("the one-time password signs in");
        assert!(session.user.must_change_password);
        let blocked = fresh.programme().expect_err("must change first");
        assert_eq!((blocked.status, blocked.code()), (403, ErrorCode::PasswordChangeRequired));
        fresh.post::<_, UserInfo>("/api/auth/password", &ChangePassword { current: reset.one_time_password.clone(), new: "керівник-обирає-свій".into() }).expect("changed");
        assert!(!fresh.me().expect("me").user.must_change_password);
        fresh.programme().expect("and now works");

        // Disabled: signed out at once, and kept out; enabled again, back in.
        let disabled: UserInfo = admin.post(&format!("/api/users/{head_id}/disable"), &()).expect("disable");
        assert!(disabled.disabled);
        assert_eq!(fresh.me().expect_err("ended at once").status, 401);
        let kept_out = Client::anonymous(&app).login("head", "керівник-обирає-свій").expect_err("disabled");
        assert_eq!((kept_out.status, kept_out.code()), (403, ErrorCode::AccountDisabled));
        assert_eq!(Client::anonymous(&app).login("head", "a-wrong-one-here").expect_err("wrong").code(), ErrorCode::BadCredentials, "a wrong password learns nothing");
        let admin_id = admin.me().expect("me").user.id;
        let e = admin.post::<_, UserInfo>(&format!("/api/users/{admin_id}/disable"), &()).expect_err("self");
        assert_eq!(e.code(), ErrorCode::CannotDisableSelf);
        admin.post::<_, UserInfo>(&format!("/api/users/{head_id}/enable"), &()).expect("enable");
        Client::anonymous(&app).login("head", "керівник-обирає-свій").expect("back in");

        // Every change is on the record, never a password.
        let page: AuditPage = admin.get("/api/audit?limit=100").expect("record");
        let actions: Vec<AuditAction> = page.entries.iter().map(|e| e.action).collect();
        for a in [AuditAction::PasswordReset, AuditAction::PasswordChanged, AuditAction::UserDisabled, AuditAction::UserEnabled] {
            assert!(actions.contains(&a), "{a:?} missing");
        }
        let text = serde_json::to_string(&page).expect("json");
        assert!(!text.contains(&reset.one_time_password) && !text.contains("керівник-обирає-свій"));
    }
}

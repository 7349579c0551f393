//! Accounts in the browser, at 1366 px and at 390 px: a coordinator changes their own password
//! (the shared rule and the server's refusals at their fields); the administrator lists, creates,
//! resets, disables and enables accounts (a login taken in another letter case is refused at the
//! login field); after a reset the user must choose a password first and then goes on to the page
//! they wanted. Nobody else is offered the users page.

use super::{runtime, PIDHORODNE};
use obriy_tests::browser::Browser;
use obriy_tests::data::org_by_code;
use obriy_tests::{spawn_app, Client, DbKind, DEMO_PASSWORD};
use shared::api::users::PasswordReset;
use shared::ErrorCode;

const DESKTOP: u32 = 1366;
const PHONE: u32 = 390;

#[test]
fn a_coordinator_changes_their_own_password_on_the_account_page() {
    let app = spawn_app(DbKind::Sqlite, true);
    let new_password = "нова-весна-у-громаді";
    let rt = runtime();
    rt.block_on(async {
        let b = Browser::open(&app.url).await;
        b.set_width(DESKTOP).await;
        b.sign_in("community.pidhorodne").await;
        // The user menu in the header leads to the account page.
        b.click("#user-info").await;
        b.wait_url(|u| u.ends_with("/account")).await;
        b.wait_text("#account-login", "the login", |t| {
            t.contains("community.pidhorodne")
        })
        .await;
        assert!(b.text("#account-org").await.contains("Підгородненська"));
        assert!(!b.exists("#must-change").await, "nothing forces a change");
        b.screenshot("account-desktop").await;

        // Checked in the form first, by the shared rule: nothing is sent.
        b.click("#change-password").await;
        b.wait_text(
            "#current-password-error",
            "the current password is asked for",
            |t| t.contains("Вкажіть поточний пароль"),
        )
        .await;
        b.fill("#current-password", "not-the-password-1").await;
        b.fill("#new-password", "коротко").await;
        b.click("#change-password").await;
        b.wait_text("#new-password-error", "the length rule", |t| {
            t.contains("щонайменше 12")
        })
        .await;
        assert_eq!(
            b.attr("#new-password", "aria-invalid").await.as_deref(),
            Some("true")
        );
        b.fill("#new-password", new_password).await;
        b.fill("#repeat-password", "нова-весна").await;
        b.click("#change-password").await;
        b.wait_text("#repeat-password-error", "the repeat differs", |t| {
            t.contains("не збігаються")
        })
        .await;

        // The server's refusals at their fields: the wrong current password, a common new one.
        b.fill("#repeat-password", new_password).await;
        b.click("#change-password").await;
        b.wait_text(
            "#current-password-error",
            "the wrong current password",
            |t| t.contains("Поточний пароль невірний"),
        )
        .await;
        b.fill("#current-password", DEMO_PASSWORD).await;
        b.fill("#new-password", "football2026!").await;
        b.fill("#repeat-password", "football2026!").await;
        b.click("#change-password").await;
        b.wait_text("#new-password-error", "a common password", |t| {
            t.contains("поширений")
        })
        .await;
        b.screenshot("account-refused-desktop").await;

        b.fill("#new-password", new_password).await;
        b.fill("#repeat-password", new_password).await;
        b.click("#change-password").await;
        b.wait_text("#password-changed", "the confirmation", |t| {
            t.contains("Пароль змінено")
        })
        .await;
        assert!(
            b.value("#current-password").await.is_empty(),
            "the fields are cleared"
        );
        b.screenshot("account-changed-desktop").await;

        // In English, and on a phone.
        b.click("#lang-en").await;
        b.wait_text("label[for=\"current-password\"]", "English", |t| {
            t.contains("Current password")
        })
        .await;
        b.screenshot("account-changed-desktop-en").await;
        b.set_width(PHONE).await;
        b.assert_fits("account-phone-en").await;
        b.screenshot("account-phone-en").await;
        b.click("#lang-uk").await;
        b.wait_text("#password-title", "Ukrainian", |t| {
            t.contains("Зміна пароля")
        })
        .await;
        b.assert_fits("account-phone").await;
        b.screenshot("account-phone").await;
        b.close().await;
    });
    let anonymous = Client::anonymous(&app);
    let old = anonymous
        .login("community.pidhorodne", DEMO_PASSWORD)
        .expect_err("the old password no longer signs in");
    assert_eq!(old.code(), ErrorCode::BadCredentials);
    anonymous
        .login("community.pidhorodne", new_password)
        .expect("the new one does");
}

#[test]
fn the_administrator_creates_resets_disables_and_enables_accounts() {
    let app = spawn_app(DbKind::Sqlite, true);
    let admin = Client::demo(&app, "admin");
    let pidhorodne = org_by_code(&admin.orgs().expect("orgs"), PIDHORODNE);
    let head = Client::demo(&app, "head").me().expect("head").user.id;
    let me = admin.me().expect("admin").user.id;
    let rt = runtime();
    let one_time = rt.block_on(async {
        let b = Browser::open(&app.url).await;
        b.set_width(DESKTOP).await;
        b.sign_in("admin").await;
        b.click(".main-nav a[href=\"/users\"]").await;
        b.wait_url(|u| u.ends_with("/users")).await;
        let head_row = "tr[data-login=\"head\"]";
        b.wait_text(head_row, "the head's account", |t| {
            t.contains("Керівник програми")
        })
        .await;
        b.find(&format!("{head_row} [data-state=\"active\"]")).await;
        b.find("tr[data-login=\"community.pidhorodne\"]").await;
        assert!(
            !b.exists(&format!("#disable-{me}")).await,
            "the administrator's own account is not offered for disabling"
        );
        b.screenshot("users-desktop").await;

        // A new community coordinator: the organisation is asked for by the shared rule.
        b.fill("#new-login", "t.koval").await;
        b.fill("#new-name", "Тетяна Коваль").await;
        b.fill("#new-user-password", "вишневий-сад-над-Дніпром")
            .await;
        b.select("#new-role", "community_coordinator").await;
        b.click("#create-user").await;
        b.wait_text("#new-org-error", "the organisation is required", |t| {
            t.contains("організація")
        })
        .await;
        b.select("#new-org", &pidhorodne.to_string()).await;
        b.click("#create-user").await;
        b.wait_text("#users-status", "created", |t| t.contains("t.koval"))
            .await;
        b.wait_text("tr[data-login=\"t.koval\"]", "the new row", |t| {
            t.contains("Тетяна Коваль") && t.contains("Підгородненська")
        })
        .await;
        assert!(
            b.value("#new-login").await.is_empty(),
            "the form is cleared"
        );

        // The same login in capitals: the server's refusal at the login field.
        b.fill("#new-login", "T.Koval").await;
        b.fill("#new-name", "Тетяна Коваль").await;
        b.fill("#new-user-password", "інший-довгий-пароль-1").await;
        b.select("#new-role", "programme_head").await;
        assert!(!b.exists("#new-org").await, "the head has no organisation");
        b.click("#create-user").await;
        b.wait_text("#new-login-error", "the login is taken", |t| {
            t.contains("Такий логін уже існує")
        })
        .await;
        b.scroll_to("#new-user").await;
        b.screenshot("users-login-taken-desktop").await;

        // A reset, asked first: the one-time password is shown once, with what happens next.
        b.click(&format!("#reset-{head}")).await;
        b.find(&format!("#reset-{head}-question")).await;
        b.click(&format!("#reset-{head}-confirm")).await;
        let password = b
            .wait_text("#one-time-password", "the one-time password", |t| {
                t.len() == 19 && t.matches('-').count() == 3
            })
            .await;
        assert!(b
            .text("#one-time-note")
            .await
            .contains("має змінити пароль"));
        b.find(&format!("{head_row} [data-state=\"must-change\"]"))
            .await;
        b.screenshot("users-one-time-desktop").await;
        b.click("#one-time-done").await;
        b.wait_gone("#one-time", "hidden once passed on").await;

        // Disabling is asked first; cancelling changes nothing.
        b.click(&format!("#disable-{head}")).await;
        b.find(&format!("#disable-{head}-question")).await;
        b.click(&format!("#disable-{head}-cancel")).await;
        b.find(&format!("{head_row} [data-state=\"active\"]")).await;
        b.click(&format!("#disable-{head}")).await;
        b.click(&format!("#disable-{head}-confirm")).await;
        b.find(&format!("{head_row} [data-state=\"disabled\"]"))
            .await;
        b.wait_text("#users-status", "disabled", |t| {
            t.contains("вимкнено: head")
        })
        .await;
        b.screenshot("users-disabled-desktop").await;
        (b, password)
    });
    let (b, password) = one_time;
    let refused = Client::anonymous(&app)
        .login("head", &password)
        .expect_err("a disabled account cannot sign in");
    assert_eq!(refused.code(), ErrorCode::AccountDisabled);
    rt.block_on(async {
        b.click(&format!("#enable-{head}")).await;
        b.find("tr[data-login=\"head\"] [data-state=\"active\"]")
            .await;
        // In English, and on a phone: the table becomes one card per account.
        b.click("#lang-en").await;
        b.wait_text("#users-title", "English", |t| t.contains("User accounts"))
            .await;
        b.screenshot("users-desktop-en").await;
        b.set_width(PHONE).await;
        b.assert_fits("users-phone-en").await;
        b.screenshot("users-phone-en").await;
        b.click("#lang-uk").await;
        b.wait_text("#users-title", "Ukrainian", |t| {
            t.contains("Облікові записи")
        })
        .await;
        b.assert_fits("users-phone").await;
        b.screenshot("users-phone").await;
        b.scroll_to("#new-user").await;
        b.screenshot("users-new-phone").await;

        // Others are not offered the page, and it says why when opened anyway.
        b.set_width(DESKTOP).await;
        b.sign_out().await;
        b.sign_in("department").await;
        b.find(".main-nav a[href=\"/plan\"]").await;
        assert!(!b.exists(".main-nav a[href=\"/users\"]").await);
        b.goto("/users").await;
        b.wait_text(".error-view", "forbidden", |t| t.contains("forbidden"))
            .await;
        b.close().await;
    });
    let session = Client::anonymous(&app)
        .login("head", &password)
        .expect("enabled again, the one-time password signs in");
    assert!(session.user.must_change_password);
    let created = Client::anonymous(&app)
        .login("T.KOVAL", "вишневий-сад-над-Дніпром")
        .expect("the new account signs in, in any letter case");
    assert_eq!(created.user.org.map(|o| o.id), Some(pidhorodne));
}

#[test]
fn after_a_reset_the_user_chooses_a_password_first_and_then_goes_where_they_were_going() {
    let app = spawn_app(DbKind::Sqlite, true);
    let admin = Client::demo(&app, "admin");
    let head = Client::demo(&app, "head").me().expect("head").user.id;
    let reset: PasswordReset = admin
        .post(&format!("/api/users/{head}/password-reset"), &())
        .expect("reset");
    let chosen = "керівник-обирає-свій";
    let rt = runtime();
    rt.block_on(async {
        let b = Browser::open(&app.url).await;
        b.set_width(PHONE).await;
        // The head follows a link to the reports and signs in with the one-time password.
        b.goto("/reports").await;
        b.wait_url(|u| u.contains("/login?next=")).await;
        b.fill("#login", "head").await;
        b.fill("#password", &reset.one_time_password).await;
        b.click("#login-submit").await;
        b.wait_url(|u| u.contains("/account?next=%2Freports")).await;
        b.wait_text("#must-change", "why", |t| t.contains("одноразовий"))
            .await;
        assert!(
            !b.exists(".main-nav").await,
            "no other section is offered yet"
        );
        assert!(
            b.text("label[for=\"current-password\"]")
                .await
                .contains("адміністратор"),
            "the current password is the one the administrator gave"
        );
        b.assert_fits("forced-change-phone").await;
        b.screenshot("forced-change-phone").await;
        // Another address sends them back here.
        b.goto("/plan").await;
        b.wait_url(|u| u.contains("/account?next=%2Fplan")).await;
        b.goto("/account?next=%2Freports").await;
        b.set_width(DESKTOP).await;
        b.find("#must-change").await;
        b.screenshot("forced-change-desktop").await;

        b.fill("#current-password", &reset.one_time_password).await;
        b.fill("#new-password", chosen).await;
        b.fill("#repeat-password", chosen).await;
        b.click("#change-password").await;
        b.wait_url(|u| u.ends_with("/reports")).await;
        b.wait_text("#notice", "the confirmation", |t| {
            t.contains("Пароль змінено")
        })
        .await;
        b.find(".main-nav a[href=\"/plan\"]").await;
        b.find("#report-period-select").await;
        b.screenshot("forced-change-done-desktop").await;
        b.close().await;
    });
    let session = Client::anonymous(&app)
        .login("head", chosen)
        .expect("chosen");
    assert!(!session.user.must_change_password);
}

//! The header on a phone and the way the keyboard moves between pages: the sections fold behind
//! a "Меню" button (Escape and a chosen link close it), the header stays one short row, nothing
//! scrolls sideways at 320 px (the main pages), each page has its own title in the current language, the focus
//! lands on the new page's heading and the skip link reaches the content. A laptop keeps the
//! whole navigation.

use super::runtime;
use obriy_tests::axe;
use obriy_tests::browser::Browser;
use obriy_tests::{spawn_app, DbKind};

const ESCAPE: &str = "\u{E00C}";

async fn displayed(b: &Browser, css: &str) -> bool {
    b.find(css).await.is_displayed().await.unwrap_or(false)
}

pub const FOCUSED: &str = "const a = document.activeElement; \
                       return a ? a.tagName.toLowerCase() + '#' + a.id : ''";
const TITLE: &str = "return document.title";

#[test]
fn on_a_phone_the_sections_fold_behind_a_menu_and_focus_follows_the_pages() {
    let app = spawn_app(DbKind::Sqlite, true);
    let pages = super::a11y::signed_in_pages(&app);
    runtime().block_on(async {
        let b = Browser::open(&app.url).await;
        b.set_width(390).await;
        b.sign_in("community.pidhorodne").await;
        b.find("#home-measures").await;
        b.wait_js(TITLE, "Моя робота — Обрій").await;

        // Folded: one short row with the name, the language switch and the button.
        let toggle = "#menu-toggle";
        assert_eq!(
            b.attr(toggle, "aria-expanded").await.as_deref(),
            Some("false")
        );
        assert_eq!(
            b.attr(toggle, "aria-controls").await.as_deref(),
            Some("site-menu")
        );
        assert_eq!(
            b.js("return document.querySelector('#menu-toggle').tagName")
                .await,
            "BUTTON"
        );
        assert!(!displayed(&b, ".main-nav").await);
        assert!(!displayed(&b, "#sign-out").await);
        assert!(displayed(&b, "#lang-en").await);
        let height: f64 = b
            .js("return String(document.querySelector('.topbar').getBoundingClientRect().height)")
            .await
            .parse()
            .expect("a height");
        assert!(
            height <= 64.0,
            "the header takes {height} px of an 844 px screen"
        );
        b.assert_fits("menu-closed-390").await;
        b.screenshot("menu-closed-390").await;

        // Open: every section, the user and sign-out; Escape closes and gives the button the focus.
        b.click(toggle).await;
        assert_eq!(
            b.attr(toggle, "aria-expanded").await.as_deref(),
            Some("true")
        );
        assert!(displayed(&b, "#nav-local-programme").await);
        assert!(displayed(&b, "#user-info").await);
        assert!(displayed(&b, "#sign-out").await);
        b.assert_fits("menu-open-390").await;
        b.screenshot("menu-open-390").await;
        let open_menu = axe::check(&b).await;
        assert!(open_menu.is_empty(), "the open menu: {open_menu:#?}");
        b.find(toggle)
            .await
            .send_keys(ESCAPE)
            .await
            .expect("Escape");
        assert_eq!(
            b.attr(toggle, "aria-expanded").await.as_deref(),
            Some("false")
        );
        assert!(!displayed(&b, ".main-nav").await);
        assert_eq!(b.js(FOCUSED).await, "button#menu-toggle");

        // A chosen link closes the menu; the new page has its title and the focus on its heading.
        b.click(toggle).await;
        b.click("#nav-local-programme").await;
        b.wait_url(|u| u.ends_with("/local-programme")).await;
        b.wait_js(FOCUSED, "h1#local-title").await;
        assert_eq!(
            b.attr("#local-title", "tabindex").await.as_deref(),
            Some("-1")
        );
        assert_eq!(
            b.attr(toggle, "aria-expanded").await.as_deref(),
            Some("false")
        );
        b.wait_js(TITLE, "Місцева програма — Обрій").await;

        // The language switch stays in the row; the title and the button follow it.
        b.click("#lang-en").await;
        b.wait_js(TITLE, "Local programme — Obriy").await;
        b.wait_text(toggle, "Menu", |t| t.trim().eq_ignore_ascii_case("menu"))
            .await;
        b.click(toggle).await;
        b.screenshot("menu-open-390-en").await;
        b.nav("/reports").await;
        b.wait_url(|u| u.ends_with("/reports")).await;
        b.wait_js(FOCUSED, "h1#reports-heading").await;
        b.wait_js(TITLE, "Reports — Obriy").await;
        b.click("#lang-uk").await;

        // 320 px: nothing sideways, folded or open.
        b.set_width(320).await;
        b.goto("/passport").await;
        b.find("#envelope").await;
        b.assert_fits("menu-closed-320").await;
        b.screenshot("menu-closed-320").await;
        b.click(toggle).await;
        b.assert_fits("menu-open-320").await;
        b.screenshot("menu-open-320").await;

        for p in &pages {
            super::a11y::open(&b, p).await;
            b.assert_fits(&format!("320{}", p.path.replace('/', "-")))
                .await;
        }

        // The skip link puts the focus on the content.
        b.goto("/plan").await;
        b.find("#plan-total").await;
        b.press_enter_on(".skip-link").await;
        b.wait_js(FOCUSED, "main#main").await;

        // A laptop: the whole navigation, no button; the focus still follows the pages.
        b.set_width(1366).await;
        b.goto("/plan").await;
        b.find("#plan-total").await;
        assert!(!displayed(&b, toggle).await);
        assert!(displayed(&b, "#nav-local-programme").await);
        assert!(displayed(&b, "#sign-out").await);
        b.screenshot("menu-1366").await;
        b.click(".main-nav a[href=\"/proposals\"]").await;
        b.wait_js(FOCUSED, "h1#proposals-heading").await;
        b.wait_js(TITLE, "Пропозиції — Обрій").await;
        b.close().await;
    });
}

//! The interface's words in both languages: the inbox writes out periods and due dates
//! ("III квартал 2026", "05.10.2026"; "Q3 2026", "5 Oct 2026"), names the organisation in the
//! reader's language and never guesses a sender's gender ("(ла)"); counts agree with their
//! numbers ("1 захід", "2 заходи", "5 заходів").

use super::runtime;
use obriy_tests::browser::Browser;
use obriy_tests::{spawn_app, Client, DbKind};
use shared::api::comments::NewComment;
use shared::api::inbox::Inbox;

/// The Ukrainian form of "захід" after `n`, as a reader checks it (1, 21 → захід; 2–4, 22 →
/// заходи; 5–20, 25, 111 → заходів).
fn measures_word(n: i64) -> &'static str {
    match (n % 10, n % 100) {
        (1, h) if h != 11 => "захід",
        (2..=4, h) if !(12..=14).contains(&h) => "заходи",
        _ => "заходів",
    }
}

#[test]
fn the_inbox_and_the_counts_read_naturally_in_ukrainian_and_english() {
    let app = spawn_app(DbKind::Sqlite, true);
    let district = Client::demo(&app, "district.dnipro");
    let department = Client::demo(&app, "department");
    // The Q3 report is overdue the day after 5 October: Obriy reminds the community.
    app.set_today("2026-10-06");
    assert!(department.run_reminders().expect("reminders").sent > 0);
    let (community, made) = super::pidhorodne_measure(&app, "Електронна черга до ЦНАП", "15");
    let m = made.id;
    let _: shared::api::comments::Comment = district
        .post(
            &format!("/api/measures/{m}/comments"),
            &NewComment {
                body: "Додайте кошторис.".into(),
                parent_id: None,
            },
        )
        .expect("comment");
    let unread = community.get::<Inbox>("/api/inbox").expect("inbox").unread;
    assert!(unread >= 2, "{unread}");

    runtime().block_on(async {
        let b = Browser::open(&app.url).await;
        b.sign_in("community.pidhorodne").await;
        b.goto("/inbox").await;
        let overdue = ".inbox-item:has(a[href*='2026-Q3'])";
        let uk = b
            .wait_text(overdue, "the reminder in Ukrainian", |t| {
                t.contains("III квартал 2026")
            })
            .await;
        for want in ["05.10.2026", "Підгородненська міська громада", "Обрій"]
        {
            assert!(uk.contains(want), "{want}: {uk}");
        }
        assert!(
            !uk.contains("2026-Q3") && !uk.contains("2026-10-05"),
            "{uk}"
        );
        let all = b.text("#inbox-list").await;
        assert!(!all.contains("(ла)") && !all.contains("(а) "), "{all}");
        assert!(all.contains("Новий коментар до заходу"), "{all}");
        let counted = b.text("#inbox-unread").await;
        let want = match (unread % 10, unread % 100) {
            (1, h) if h != 11 => "непрочитане",
            (2..=4, h) if !(12..=14).contains(&h) => "непрочитані",
            _ => "непрочитаних",
        };
        assert_eq!(counted.trim(), format!("{unread} {want}"));
        b.screenshot("inbox-uk-1366").await;

        b.click("#lang-en").await;
        let en = b
            .wait_text(overdue, "the reminder in English", |t| {
                t.contains("Q3 2026")
            })
            .await;
        for want in [
            "5 Oct 2026",
            "Pidhorodnenska urban hromada",
            "Obriy",
            "was due",
        ] {
            assert!(en.contains(want), "{want}: {en}");
        }
        let when = b.text(&format!("{overdue} time")).await;
        assert!(
            ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
                .iter()
                .any(|m| when.contains(m)),
            "an English date: {when}"
        );
        let headline = b.text(&format!("{overdue} .inbox-what")).await;
        assert!(
            !headline
                .chars()
                .any(|c| ('\u{400}'..='\u{4ff}').contains(&c)),
            "no Ukrainian in the English sentence: {headline}"
        );
        assert!(b
            .text("#inbox-list")
            .await
            .contains("New comment on a measure"));
        assert_eq!(
            b.text("#inbox-unread").await.trim(),
            format!("{unread} unread")
        );
        b.screenshot("inbox-en-1366").await;
        b.set_width(390).await;
        b.assert_fits("inbox-en-390").await;
        b.screenshot("inbox-en-390").await;

        // Back in Ukrainian: the plan's count agrees with its number.
        b.click("#lang-uk").await;
        b.set_width(1366).await;
        b.goto("/plan").await;
        let caption = b
            .wait_text("#plan caption", "the plan's count", |t| t.contains("заход"))
            .await;
        let n: i64 = b
            .text("#plan-count")
            .await
            .chars()
            .filter(char::is_ascii_digit)
            .collect::<String>()
            .parse()
            .expect("a count");
        let word = measures_word(n);
        assert!(
            caption.contains(&format!(" {word}")),
            "{n} {word}: {caption}"
        );
        b.set_width(390).await;
        b.goto("/inbox").await;
        b.wait_text(overdue, "the reminder on a phone", |t| {
            t.contains("III квартал 2026")
        })
        .await;
        b.assert_fits("inbox-uk-390").await;
        b.screenshot("inbox-uk-390").await;
        b.close().await;
    });
}

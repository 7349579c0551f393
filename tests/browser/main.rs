//! Browser journeys in headless Chromium against a real server with the demo data:
//! a coordinator plans, a wrong amount is refused in place, the district sees it, the language
//! switch works; accounts, overspent report lines and decisions beyond the funding envelope.
//! Screenshots go to target/screenshots/.

mod a11y;
mod accounts;
mod dashboard;
mod documents;
mod envelope;
mod home;
mod imports;
mod indicators;
mod local_programmes;
mod offline;
mod overspending;
mod paper;
mod phone;
mod plan;
mod proposals;
mod public;
mod reports;
mod words;

use obriy_tests::browser::Browser;
use obriy_tests::data::{measure, org_by_code};
use obriy_tests::{spawn_app, Client, DbKind};
use shared::api::plan::PlanFilter;
use shared::{Amount, FundingSource};

const PIDHORODNE: &str = "UA12020210000032285";

/// The Pidhorodne coordinator, signed in, and a measure she planned through the API.
fn pidhorodne_measure(
    app: &obriy_tests::TestApp,
    name: &str,
    amount: &str,
) -> (Client, shared::api::measures::MeasureDetail) {
    let community = Client::demo(app, "community.pidhorodne");
    let orgs = community.orgs().expect("orgs");
    let task = obriy_tests::data::first_task(&community.programme().expect("p"));
    let made = community
        .create_measure(&measure(
            task,
            org_by_code(&orgs, PIDHORODNE),
            name,
            &[(2026, FundingSource::Local, amount)],
        ))
        .expect("create");
    (community, made)
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap_or_else(|e| panic!("tokio: {e}"))
}

/// Digits and the decimal comma of a formatted amount, as a number.
fn amount_in(text: &str) -> Amount {
    let digits: String = text
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == ',' || *c == '.')
        .collect();
    Amount::parse(&digits).unwrap_or_else(|e| panic!("{text:?} holds no amount: {e}"))
}

obriy_tests::on_both! {
    fn a_community_coordinator_plans_a_measure_and_sees_the_totals_change(kind) {
        plan_a_measure(kind);
    }
}

fn plan_a_measure(kind: DbKind) {
    let app = spawn_app(kind, true);
    let shot = |name: &str| {
        format!(
            "{name}-{}",
            if kind == DbKind::Sqlite {
                "sqlite"
            } else {
                "postgres"
            }
        )
    };
    let api = Client::demo(&app, "community.pidhorodne");
    let task = api.programme().expect("p").directions[1].tasks[0].id;
    let before = api
        .plan(&PlanFilter::default())
        .expect("plan")
        .totals
        .total();
    let rt = runtime();
    let (b, id) = rt.block_on(async {
        let b = Browser::open(&app.url).await;
        b.sign_in("community.pidhorodne").await;
        // A coordinator lands on their own work; the passport is a link away.
        b.find("#home-measures").await;
        b.nav("/passport").await;
        b.find("#envelope").await;
        b.screenshot(&shot("overview-community")).await;
        b.goto("/plan").await;
        let shown = b
            .wait_text("#plan-total", "the plan total", |t| !t.trim().is_empty())
            .await;
        assert_eq!(
            amount_in(&shown),
            before,
            "the plan page shows the same total as the API"
        );
        b.screenshot(&shot("plan-community")).await;
        b.click("#new-measure").await;
        b.wait_url(|u| u.ends_with("/measures/new")).await;
        b.fill("#measure-name-uk", "Електронна черга в ЦНАП Підгородного")
            .await;
        b.select("#measure-task", &task.to_string()).await;
        b.select("#measure-start", "2026").await;
        b.select("#measure-end", "2027").await;
        b.fill("#cell-2026-local", "1 250,5").await;
        b.wait_text("#grid-total", "1 250,5", |t| {
            amount_in(t) == Amount::parse("1250,5").expect("a")
        })
        .await;
        b.fill("#cell-2027-local", "100").await;
        b.wait_text("#grid-total", "1 350,5", |t| {
            amount_in(t) == Amount::parse("1350,5").expect("a")
        })
        .await;
        b.screenshot(&shot("measure-new-filled")).await;
        b.click("#measure-save").await;
        let url = b
            .wait_url(|u| u.contains("/measures/") && !u.ends_with("/new"))
            .await;
        b.find("#measure-meta[data-version=\"1\"]").await;
        b.find("#measure-status[data-status=\"draft\"]").await;
        b.screenshot(&shot("measure-saved")).await;
        let id: shared::MeasureId = url
            .rsplit('/')
            .next()
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| panic!("a measure's address: {url}"));
        (b, id)
    });
    let saved = api.measure(id).expect("measure");
    assert_eq!(
        saved.totals.total(),
        Amount::parse("1350,5").expect("a"),
        "saved with exact amounts"
    );
    // A new measure is a draft: listed in the plan, not counted in its totals until approved.
    assert_eq!(
        api.plan(&PlanFilter::default())
            .expect("plan")
            .totals
            .total(),
        before
    );
    rt.block_on(async {
        b.goto("/plan").await;
        b.wait_text("#plan-total", "the approved total", |t| {
            !t.is_empty() && amount_in(t) == before
        })
        .await;
        b.find(&format!("#measure-row-{id} .badge-draft")).await;
    });
    // Approved through its proposal, it counts.
    let draft = api.my_draft().expect("draft").expect("the measure's draft");
    let submitted = api.step(&draft, "submit").expect("submit");
    let endorsed = Client::demo(&app, "district.dnipro")
        .step(&submitted, "endorse")
        .expect("endorse");
    Client::demo(&app, "department")
        .approve_all(&endorsed)
        .expect("approve");
    let after = api.plan(&PlanFilter::default()).expect("plan");
    assert_eq!(
        after.totals.total(),
        before + Amount::parse("1350,5").expect("a")
    );
    rt.block_on(async {
        b.goto("/plan").await;
        let expected = after.totals.total();
        b.wait_text("#plan-total", "the new total", |t| {
            !t.is_empty() && amount_in(t) == expected
        })
        .await;
        assert!(!b.exists(&format!("#measure-row-{id} .badge-draft")).await);
        b.goto("/passport").await;
        b.find("#envelope").await;
        b.goto("/territory").await;
        b.find("#territory").await;
        b.screenshot(&shot("territory")).await;
        b.close().await;
    });
}

#[test]
fn a_wrong_amount_is_shown_next_to_the_field_and_nothing_is_saved() {
    let app = spawn_app(DbKind::Sqlite, true);
    let api = Client::demo(&app, "community.pidhorodne");
    let count = || {
        api.plan(&PlanFilter::default())
            .expect("plan")
            .measure_count
    };
    let before = count();
    let rt = runtime();
    rt.block_on(async {
        let b = Browser::open(&app.url).await;
        b.sign_in("community.pidhorodne").await;
        b.goto("/measures/new").await;
        b.fill("#measure-name-uk", "Захід з помилкою").await;
        b.fill("#cell-2026-local", "12,3456").await;
        let msg = b
            .wait_text("#cell-2026-local-error", "a precision error", |t| {
                t.contains("трьох знаків")
            })
            .await;
        assert!(msg.contains("коми"), "{msg}");
        assert_eq!(
            b.attr("#cell-2026-local", "aria-invalid").await.as_deref(),
            Some("true")
        );
        b.screenshot("measure-invalid-amount").await;
        b.click("#measure-save").await;
        tokio::time::sleep(std::time::Duration::from_millis(500)).await;
        assert!(b
            .client
            .current_url()
            .await
            .expect("url")
            .as_str()
            .ends_with("/measures/new"));
        b.fill("#cell-2026-local", "-5").await;
        b.wait_text("#cell-2026-local-error", "a sign error", |t| {
            t.contains("від’ємною")
        })
        .await;
        // Corrected, the error goes away.
        b.fill("#cell-2026-local", "12,345").await;
        b.wait_text("#cell-2026-local-error", "no error", |t| {
            t.trim().is_empty()
        })
        .await;
        b.close().await;
    });
    assert_eq!(
        count(),
        before,
        "nothing was saved while the amount was wrong"
    );
}

#[test]
fn the_district_coordinator_sees_the_communitys_new_measure() {
    let app = spawn_app(DbKind::Sqlite, true);
    let (_community, made) = pidhorodne_measure(&app, "Кібергігієна-2026 для ради", "75,5");
    let rt = runtime();
    rt.block_on(async {
        let b = Browser::open(&app.url).await;
        b.sign_in("district.dnipro").await;
        b.goto(
            "/plan?q=%D0%9A%D1%96%D0%B1%D0%B5%D1%80%D0%B3%D1%96%D0%B3%D1%96%D1%94%D0%BD%D0%B0-2026",
        )
        .await;
        let link = format!("[data-measure-id=\"{}\"]", made.id);
        let text = b.text(&link).await;
        assert!(text.contains("Кібергігієна-2026"), "{text}");
        b.screenshot("plan-district").await;
        b.click(&link).await;
        b.wait_url(|u| u.ends_with(&format!("/measures/{}", made.id)))
            .await;
        // The district reads its community's measure but does not edit it.
        b.find("#measure-readonly").await;
        b.screenshot("measure-readonly-district").await;
        b.close().await;
    });
}

#[test]
fn the_language_switch_works_and_persists() {
    let app = spawn_app(DbKind::Sqlite, true);
    let rt = runtime();
    rt.block_on(async {
        let b = Browser::open(&app.url).await;
        b.sign_in("head").await;
        // The head lands on the dashboard; this test reads the overview.
        b.goto("/").await;
        b.wait_text("nav", "Ukrainian navigation", |t| t.contains("Огляд"))
            .await;
        b.click("#lang-en").await;
        b.wait_text("nav", "English navigation", |t| {
            t.contains("Overview") && t.contains("Plan")
        })
        .await;
        assert_eq!(b.attr("html", "lang").await.as_deref(), Some("en"));
        b.find("#envelope").await;
        b.screenshot("overview-english").await;
        b.client.refresh().await.expect("reload");
        b.wait_text("nav", "English after a reload", |t| t.contains("Overview"))
            .await;
        b.click("#lang-uk").await;
        b.wait_text("nav", "Ukrainian again", |t| t.contains("Огляд"))
            .await;
        assert_eq!(
            b.attr("#lang-uk", "aria-pressed").await.as_deref(),
            Some("true")
        );
        b.close().await;
    });
}

#[test]
fn visitors_who_are_not_signed_in_see_only_the_sign_in_page() {
    let app = spawn_app(DbKind::Sqlite, true);
    let rt = runtime();
    rt.block_on(async {
        let b = Browser::open(&app.url).await;
        b.goto("/plan").await;
        b.wait_url(|u| u.contains("/login")).await;
        b.fill("#login", "head").await;
        b.fill("#password", "wrong-password").await;
        b.click("#login-submit").await;
        b.wait_text("#login-error", "the bilingual error", |t| {
            t.contains("Невірний")
        })
        .await;
        b.screenshot("login-error").await;
        b.fill("#password", obriy_tests::DEMO_PASSWORD).await;
        b.click("#login-submit").await;
        // Back to the page that was asked for.
        b.wait_url(|u| u.contains("/plan")).await;
        b.close().await;
    });
}

#[test]
fn the_district_asks_in_a_comment_and_the_community_sees_it_beside_the_history() {
    let app = spawn_app(DbKind::Sqlite, true);
    let (community, made) = pidhorodne_measure(&app, "Захищений зв’язок для старостатів", "10");
    let mut edit = made.to_input();
    edit.budget_lines[0].amount = Amount::parse("12,5").expect("a");
    community
        .update_measure(made.id, made.version, &edit)
        .expect("update");
    let page = format!("/measures/{}", made.id);
    let question = "Чому сума у 2026 зросла до 12,5?";
    let scroll_to = |id: &'static str| {
        format!("document.getElementById('{id}').scrollIntoView({{block: 'start'}})")
    };
    let rt = runtime();
    rt.block_on(async {
        let b = Browser::open(&app.url).await;
        b.sign_in("district.dnipro").await;
        b.goto(&page).await;
        b.find("#measure-readonly").await;
        // An empty comment is refused next to the field, before anything is sent.
        b.click("#comment-submit").await;
        b.wait_text("#comment-body-error", "the empty-comment error", |t| {
            !t.trim().is_empty()
        })
        .await;
        assert_eq!(
            b.attr("#comment-body", "aria-invalid").await.as_deref(),
            Some("true")
        );
        b.fill("#comment-body", question).await;
        b.click("#comment-submit").await;
        b.wait_text("#measure-comments .comment", "the new comment", |t| {
            t.contains(question)
        })
        .await;
        assert_eq!(
            b.find("#comment-body")
                .await
                .prop("value")
                .await
                .expect("value")
                .as_deref(),
            Some(""),
            "the field is emptied after sending"
        );
        assert!(b.exists("[data-comment-id]").await);
        b.close().await;
    });
    rt.block_on(async {
        let b = Browser::open(&app.url).await;
        b.sign_in("community.pidhorodne").await;
        b.goto(&page).await;
        b.wait_text("#measure-comments", "the district's comment", |t| {
            t.contains(question)
        })
        .await;
        b.client
            .execute(&scroll_to("measure-comments"), vec![])
            .await
            .expect("scroll");
        b.screenshot("measure-comments").await;
        let update = b
            .wait_text(
                "#measure-history [data-action=\"measure.update\"]",
                "the edit with its amounts",
                |t| t.contains("10,0") && t.contains("12,5"),
            )
            .await;
        assert!(update.contains("Місцеві бюджети"), "{update}");
        assert!(
            b.exists("#measure-history [data-action=\"measure.create\"]")
                .await
        );
        b.client
            .execute(&scroll_to("measure-history"), vec![])
            .await
            .expect("scroll");
        b.screenshot("measure-history").await;
        b.close().await;
    });
}

#[test]
fn the_district_sees_the_communitys_change_and_comment_arrive_live() {
    let app = spawn_app(DbKind::Sqlite, true);
    let (community, made) = pidhorodne_measure(&app, "Резервне копіювання даних громади", "10");
    let page = format!("/measures/{}", made.id);
    let note = "Суму збільшено за новим кошторисом.";
    let rt = runtime();
    let b = rt.block_on(async {
        let b = Browser::open(&app.url).await;
        b.sign_in("district.dnipro").await;
        b.goto(&page).await;
        b.find("#measure-readonly").await;
        b.wait_text("#measure-budget", "the first amount", |t| {
            t.contains("10,0")
        })
        .await;
        // The live stream is connected before anything changes.
        b.find("html[data-live=\"open\"]").await;
        b
    });
    // The community changes the amount and explains it, while the district's page stays open.
    let mut edit = made.to_input();
    edit.budget_lines[0].amount = Amount::parse("25").expect("a");
    community
        .update_measure(made.id, made.version, &edit)
        .expect("update");
    let _: shared::api::comments::Comment = community
        .post(
            &format!("/api/measures/{}/comments", made.id),
            &shared::api::comments::NewComment {
                body: note.into(),
                parent_id: None,
            },
        )
        .expect("comment");
    rt.block_on(async {
        b.wait_text("#live-notice", "the live notice", |t| {
            t.contains("Оксана Шевчук")
        })
        .await;
        b.wait_text("#measure-budget", "the new amount", |t| t.contains("25,0"))
            .await;
        b.wait_text("#measure-comments .comment", "the new comment", |t| {
            t.contains(note)
        })
        .await;
        assert_eq!(
            b.attr("#live-notice", "role").await.as_deref(),
            Some("status")
        );
        b.screenshot("measure-live-update").await;
        b.close().await;
    });
}

#[test]
fn the_coordinator_reads_the_inbox_and_sees_who_else_has_the_measure_open() {
    let app = spawn_app(DbKind::Sqlite, true);
    let (_community, made) = pidhorodne_measure(&app, "Електронна черга до ЦНАП", "15");
    let district = Client::demo(&app, "district.dnipro");
    let question = "Додайте, будь ласка, кошторис.";
    let _: shared::api::comments::Comment = district
        .post(
            &format!("/api/measures/{}/comments", made.id),
            &shared::api::comments::NewComment {
                body: question.into(),
                parent_id: None,
            },
        )
        .expect("comment");
    let page = format!("/measures/{}", made.id);
    let rt = runtime();
    let b = rt.block_on(async {
        let b = Browser::open(&app.url).await;
        b.sign_in("community.pidhorodne").await;
        b.wait_text("#inbox-count", "one unread item", |t| t.trim() == "1")
            .await;
        b.click(".main-nav a[href=\"/inbox\"]").await;
        let item = b
            .wait_text(".inbox-item", "the district's comment", |t| {
                t.contains("Ігор Бондар")
            })
            .await;
        assert!(item.contains(question), "{item}");
        assert!(item.contains("Нове"), "{item}");
        assert!(b.exists(".inbox-item[data-notification-id]").await);
        assert!(b.exists("#inbox-read-all").await);
        b.screenshot("inbox").await;
        b.click(".inbox-item a.inbox-open").await;
        b.wait_url(|u| u.ends_with(&page)).await;
        // Opening the measure from the inbox read the item: the count leaves the header.
        b.wait_text("#inbox-count", "no unread items", |t| {
            t.trim().is_empty() || t.trim() == "0"
        })
        .await;
        b.find("#presence").await;
        b.find("html[data-live=\"open\"]").await;
        b
    });
    // The district opens the same measure while the community's page stays open.
    let _: Vec<shared::api::presence::Viewer> = district
        .post(
            &format!("/api/measures/{}/presence", made.id),
            &shared::api::presence::PresenceBeat { editing: false },
        )
        .expect("presence");
    rt.block_on(async {
        let here = b
            .wait_text("#presence", "the district's presence", |t| {
                t.contains("Ігор Бондар")
            })
            .await;
        assert!(!here.contains("Оксана Шевчук"), "{here}");
        assert_eq!(b.attr("#presence", "role").await.as_deref(), Some("status"));
        b.screenshot("measure-presence").await;
        b.close().await;
    });
}

/// The page every address serves names the build's files by their content's hash: it is
/// revalidated on every visit (at `/` too) and runs no inline script (the Content-Security-Policy
/// forbids one); the files it names are cached for a year and sent precompressed.
#[test]
fn the_page_is_revalidated_and_its_files_are_hashed_precompressed_and_immutable() {
    let app = spawn_app(DbKind::Sqlite, true);
    let http = reqwest::blocking::Client::new();
    let get = |path: &str, encoding: &str| {
        http.get(format!("{}{path}", app.url))
            .header("accept-encoding", encoding)
            .send()
            .expect("answer")
    };
    let header = |resp: &reqwest::blocking::Response, name: &str| {
        resp.headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_string()
    };
    let mut boot = String::new();
    for path in ["/", "/plan", "/public"] {
        let resp = get(path, "identity");
        assert_eq!(resp.status(), 200, "{path}");
        assert_eq!(header(&resp, "cache-control"), "no-cache", "{path}");
        assert!(
            header(&resp, "content-security-policy")
                .contains("script-src 'self' 'wasm-unsafe-eval'"),
            "{path}"
        );
        let html = resp.text().expect("html");
        assert_eq!(html.matches("<script").count(), 1, "{path}: {html}");
        let src = html
            .split("<script type=\"module\" src=\"")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .unwrap_or_else(|| panic!("{path}: no boot script in {html}"));
        assert!(src.starts_with("/boot.") && src.ends_with(".js"), "{src}");
        boot = src.to_string();
    }
    let plain = get(&boot, "identity");
    assert_eq!(header(&plain, "content-encoding"), "");
    assert_eq!(
        header(&plain, "cache-control"),
        "public, max-age=31536000, immutable"
    );
    let text = plain.text().expect("boot");
    let wasm = text
        .split("module_or_path: '")
        .nth(1)
        .and_then(|rest| rest.split('\'').next())
        .unwrap_or_else(|| panic!("no wasm in {text}"))
        .to_string();
    assert!(
        wasm.starts_with("/pkg/obriy_bg.") && wasm.ends_with(".wasm"),
        "{wasm}"
    );
    for (accept, sent) in [
        ("gzip, deflate, br", "br"),
        ("gzip", "gzip"),
        ("identity", ""),
    ] {
        let resp = get(&wasm, accept);
        assert_eq!(resp.status(), 200);
        assert_eq!(header(&resp, "content-encoding"), sent, "{accept}");
        assert_eq!(header(&resp, "content-type"), "application/wasm");
        assert!(header(&resp, "vary").eq_ignore_ascii_case("accept-encoding"));
        assert!(header(&resp, "cache-control").contains("immutable"));
    }
    assert_eq!(
        get("/pkg/obriy_bg.0000000000000000.wasm", "br").status(),
        404
    );
}

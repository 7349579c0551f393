//! `/api/events`: changes reach the open pages of those who may see them, quickly.

use obriy_tests::data::{measure, org_by_code};
use obriy_tests::{on_both, spawn_app, Client, DEMO_PASSWORD};
use shared::api::comments::NewComment;
use shared::api::events::{LiveEvent, LiveEventKind};
use shared::{Amount, FundingSource};
use std::io::{BufRead, BufReader};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// Opens the event stream as `login`; events arrive on the channel with the moment they did.
fn listen(app: &obriy_tests::TestApp, login: &str) -> mpsc::Receiver<(LiveEvent, Instant)> {
    let http = reqwest::blocking::Client::builder()
        .cookie_store(true)
        .timeout(None)
        .build()
        .expect("client");
    http.post(format!("{}/api/auth/login", app.url))
        .json(&serde_json::json!({"login": login, "password": DEMO_PASSWORD}))
        .send()
        .expect("login")
        .error_for_status()
        .expect("signed in");
    let resp = http
        .get(format!("{}/api/events", app.url))
        .send()
        .expect("events")
        .error_for_status()
        .expect("200");
    assert_eq!(
        resp.headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok()),
        Some("text/event-stream")
    );
    let (tx, rx) = mpsc::channel();
    let (ready_tx, ready_rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut lines = BufReader::new(resp).lines();
        let mut ready = Some(ready_tx);
        while let Some(Ok(line)) = lines.next() {
            if line.starts_with(": connected") {
                if let Some(r) = ready.take() {
                    let _ = r.send(());
                }
            }
            if let Some(data) = line.strip_prefix("data: ") {
                if let Ok(event) = serde_json::from_str::<LiveEvent>(data) {
                    if tx.send((event, Instant::now())).is_err() {
                        return;
                    }
                }
            }
        }
    });
    ready_rx
        .recv_timeout(Duration::from_secs(10))
        .expect("the stream opened");
    rx
}

on_both! {
    fn changes_reach_those_who_may_see_them(kind) {
        let app = spawn_app(kind, true);
        let district = listen(&app, "district.dnipro");
        let far_away = listen(&app, "community.apostolove");
        let anna = Client::demo(&app, "community.pidhorodne");
        let orgs = anna.orgs().expect("orgs");
        let task = obriy_tests::data::first_task(&anna.programme().expect("p"));
        let pidhorodne = org_by_code(&orgs, "UA12020210000032285");

        let mut latencies = Vec::new();
        let m = anna.create_measure(&measure(task, pidhorodne, "Живий захід", &[(2026, FundingSource::Local, "1")])).expect("create");
        let mut version = m.version;
        for n in 0..20 {
            let mut input = m.to_input();
            input.budget_lines[0].amount = Amount::parse(&format!("{}", n + 2)).expect("a");
            let sent = Instant::now();
            version = anna.update_measure(m.id, version, &input).expect("update").version;
            // The first event may be the creation; wait for this update.
            loop {
                let (event, at) = district.recv_timeout(Duration::from_secs(5)).expect("the district hears of it");
                if event.kind == LiveEventKind::MeasureUpdated {
                    assert_eq!((event.measure_id, event.org_id, event.by.as_str()), (Some(m.id), pidhorodne, "Оксана Шевчук"));
                    latencies.push(at.saturating_duration_since(sent));
                    break;
                }
            }
        }
        anna.post::<_, serde_json::Value>(&format!("/api/measures/{}/comments", m.id), &NewComment { body: "Готово".into(), parent_id: None }).expect("comment");
        let (event, _) = district.recv_timeout(Duration::from_secs(5)).expect("comment event");
        assert_eq!(event.kind, LiveEventKind::CommentAdded);
        // A community in another district hears nothing of it.
        assert!(far_away.recv_timeout(Duration::from_millis(300)).is_err(), "no foreign events");

        latencies.sort();
        let p50 = latencies[latencies.len() / 2];
        let p95 = latencies[latencies.len() * 95 / 100];
        println!("live update latency, request start to event ({kind:?}): p50 {p50:?}, p95 {p95:?}");
        // A correctness bound (the event is pushed, not polled), not a performance assertion.
        assert!(latencies.iter().all(|l| *l < Duration::from_secs(5)));
    }
}

/// Waits for the first event of `kind`, skipping others; returns it with its delay after `sent`.
fn wait_for(
    rx: &mpsc::Receiver<(LiveEvent, Instant)>,
    kind: LiveEventKind,
    sent: Instant,
) -> (LiveEvent, Duration) {
    loop {
        let (event, at) = rx
            .recv_timeout(Duration::from_secs(5))
            .unwrap_or_else(|_| panic!("no {kind:?} event"));
        if event.kind == kind {
            return (event, at.saturating_duration_since(sent));
        }
    }
}

on_both! {
    fn the_steps_of_a_proposal_reach_those_who_may_see_them(kind) {
        use shared::api::proposals::ProposalState;
        let app = spawn_app(kind, true);
        let anna_page = listen(&app, "community.pidhorodne");
        let district_page = listen(&app, "district.dnipro");
        let far_away = listen(&app, "community.apostolove");
        let anna = Client::demo(&app, "community.pidhorodne");
        let district = Client::demo(&app, "district.dnipro");
        let dept = Client::demo(&app, "department");
        let org = org_by_code(&anna.orgs().expect("orgs"), "UA12020210000032285");
        let m = crate::proposals::approved_measures(&anna, org).remove(0);
        let mut latencies = Vec::new();
        for round in 0..8 {
            let mut input = anna.measure(m.id).expect("m").to_input();
            input.budget_lines[0].amount = Amount::try_from_decimal(input.budget_lines[0].amount.decimal() + rust_decimal::Decimal::ONE).expect("a");
            let sent = Instant::now();
            anna.propose(m.id, None, &input).expect("propose");
            let (e, d) = wait_for(&anna_page, LiveEventKind::ProposalChanged, sent);
            assert!(e.draft);
            latencies.push(d);
            let p = anna.my_draft().expect("d").expect("d");
            let sent = Instant::now();
            let p = anna.step(&p, "submit").expect("submit");
            let (e, d) = wait_for(&district_page, LiveEventKind::ProposalSubmitted, sent);
            assert_eq!((e.proposal_id, e.by.as_str()), (Some(p.summary.id), "Оксана Шевчук"));
            latencies.push(d);
            let sent = Instant::now();
            let p = district.step(&p, "endorse").expect("endorse");
            latencies.push(wait_for(&anna_page, LiveEventKind::ProposalEndorsed, sent).1);
            let sent = Instant::now();
            let p = dept.approve_all(&p).expect("approve");
            assert_eq!(p.summary.state, ProposalState::Decided);
            latencies.push(wait_for(&anna_page, LiveEventKind::ProposalDecided, sent).1);
            // A new plan version is news for everyone, even far away.
            let (e, d) = wait_for(&far_away, LiveEventKind::PlanVersionCreated, sent);
            assert_eq!(e.version, Some(round + 2));
            latencies.push(d);
        }
        // The draft edits and the community's proposal steps never reached the other district.
        while let Ok((e, _)) = far_away.recv_timeout(Duration::from_millis(200)) {
            assert!(e.proposal_id.is_none() && e.kind != LiveEventKind::ProposalChanged, "{e:?}");
        }
        // Nor did the district hear of the draft while it was a draft.
        while let Ok((e, _)) = district_page.try_recv() {
            assert!(!e.draft, "{e:?}");
        }
        latencies.sort();
        let p50 = latencies[latencies.len() / 2];
        let p95 = latencies[latencies.len() * 95 / 100];
        println!("proposal live update latency ({kind:?}, {} events): p50 {p50:?}, p95 {p95:?}", latencies.len());
        assert!(latencies.iter().all(|l| *l < Duration::from_secs(5)));
    }
}

/// Two server processes on one PostgreSQL database behave as one: an event produced through one
/// reaches a client of the other, and the other's plan shows the change at once.
#[test]
fn two_processes_on_postgres_share_events_sessions_and_the_plan() {
    let first = spawn_app(obriy_tests::DbKind::Postgres, true);
    let second = obriy_tests::app::spawn_on(&first.database_url, true);
    let watcher = listen(&second, "district.dnipro");
    let anna = Client::demo(&first, "community.pidhorodne");
    let orgs = anna.orgs().expect("orgs");
    let task = obriy_tests::data::first_task(&anna.programme().expect("p"));
    let pidhorodne = org_by_code(&orgs, "UA12020210000032285");
    let seen_before = Client::demo(&second, "district.dnipro")
        .plan(&Default::default())
        .expect("plan")
        .measure_count;

    let sent = Instant::now();
    let m = anna
        .create_measure(&measure(
            task,
            pidhorodne,
            "Через інший процес",
            &[(2026, FundingSource::Local, "3")],
        ))
        .expect("create");
    let (event, at) = watcher
        .recv_timeout(Duration::from_secs(5))
        .expect("the other process hears of it");
    assert_eq!(
        (event.kind, event.measure_id),
        (LiveEventKind::MeasureCreated, Some(m.id))
    );
    println!(
        "cross-process live latency: {:?}",
        at.saturating_duration_since(sent)
    );
    let district = Client::demo(&second, "district.dnipro");
    assert_eq!(
        district
            .plan(&Default::default())
            .expect("plan")
            .measure_count,
        seen_before + 1,
        "the other process's plan"
    );
    // A proposal submitted through one process reaches the district on the other.
    let approved = crate::proposals::approved_measures(&anna, pidhorodne).remove(0);
    anna.propose_withdrawal(approved.id, None).expect("propose");
    let sent = Instant::now();
    let p = anna
        .step(&anna.my_draft().expect("d").expect("d"), "submit")
        .expect("submit");
    let (event, delay) = wait_for(&watcher, LiveEventKind::ProposalSubmitted, sent);
    assert_eq!(event.proposal_id, Some(p.summary.id));
    println!("cross-process proposal event latency: {delay:?}");
    // A session opened on one process works on the other.
    let mut shared_session = Client::demo(&first, "department");
    shared_session.base = second.url.clone();
    assert_eq!(
        shared_session.me().expect("same session").user.login,
        "department"
    );
}

on_both! {
    fn an_open_stream_closes_when_its_session_ends(kind) {
        let app = spawn_app(kind, true);
        let http = reqwest::blocking::Client::builder()
            .cookie_store(true)
            .timeout(None)
            .build()
            .expect("client");
        let session: shared::api::auth::SessionInfo = http
            .post(format!("{}/api/auth/login", app.url))
            .json(&serde_json::json!({"login": "community.pidhorodne", "password": DEMO_PASSWORD}))
            .send()
            .expect("login")
            .json()
            .expect("session");
        let resp = http.get(format!("{}/api/events", app.url)).send().expect("events");
        assert_eq!(resp.status(), 200);
        let (closed_tx, closed_rx) = mpsc::channel();
        let (open_tx, open_rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut lines = BufReader::new(resp).lines();
            while let Some(Ok(line)) = lines.next() {
                if line.starts_with(": connected") {
                    let _ = open_tx.send(());
                }
            }
            let _ = closed_tx.send(Instant::now());
        });
        open_rx.recv_timeout(Duration::from_secs(10)).expect("the stream opened");
        // Another of the user's sessions signing out leaves this stream open.
        let other = Client::demo(&app, "community.pidhorodne");
        other.logout().expect("the other session signs out");
        assert!(closed_rx.recv_timeout(Duration::from_millis(500)).is_err(), "another session's end closed this stream");
        let signed_out = Instant::now();
        http.post(format!("{}/api/auth/logout", app.url))
            .header(shared::api::CSRF_HEADER, session.csrf_token)
            .send()
            .expect("logout")
            .error_for_status()
            .expect("signed out");
        let closed = closed_rx.recv_timeout(Duration::from_secs(5)).expect("the stream closed after sign-out");
        assert!(closed.duration_since(signed_out) < Duration::from_secs(5));
    }
}

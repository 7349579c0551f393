//! `/api/inbox`: coordinators hear of what others do to their organisation's measures.

use obriy_tests::data::{measure, org_by_code};
use obriy_tests::{on_both, spawn_app, Client};
use shared::api::comments::NewComment;
use shared::api::inbox::{Inbox, MarkRead, Notification, NotificationKind};
use shared::{Amount, FundingSource};

on_both! {
    fn comments_and_changes_by_others_reach_the_inbox(kind) {
        let app = spawn_app(kind, true);
        let anna = Client::demo(&app, "community.pidhorodne");
        let orgs = anna.orgs().expect("orgs");
        let task = obriy_tests::data::first_task(&anna.programme().expect("p"));
        let m = anna.create_measure(&measure(task, org_by_code(&orgs, "UA12020210000032285"), "Вебсайт громади", &[(2026, FundingSource::Local, "10")])).expect("create");
        let empty: Inbox = anna.get("/api/inbox").expect("inbox");
        assert_eq!(empty.unread, 0, "her own work does not notify her");

        let district = Client::demo(&app, "district.dnipro");
        district.post::<_, serde_json::Value>(&format!("/api/measures/{}/comments", m.id), &NewComment { body: "Додайте кошторис".into(), parent_id: None }).expect("comment");
        let dept = Client::demo(&app, "department");
        let mut changed = m.to_input();
        changed.budget_lines[0].amount = Amount::parse("8").expect("a");
        dept.update_measure(m.id, m.version, &changed).expect("department edit");

        let inbox: Inbox = anna.get("/api/inbox").expect("inbox");
        assert_eq!(inbox.unread, 2);
        let kinds: Vec<NotificationKind> = inbox.items.iter().map(|n| n.kind).collect();
        assert_eq!(kinds, [NotificationKind::MeasureChanged, NotificationKind::Comment]);
        assert_eq!((inbox.items[1].by.as_str(), inbox.items[1].summary.as_str()), ("Ігор Бондар", "Додайте кошторис"));
        assert_eq!(inbox.items[0].measure_id, Some(m.id));
        assert_eq!(inbox.items[0].summary, "Вебсайт громади", "a change names the measure");
        // Every item names its organisation in both languages, English from the territory data.
        assert_eq!(inbox.items[0].org_name.en, "Pidhorodnenska urban hromada");
        let pidhorodne = orgs.iter().find(|o| o.code.as_ref().map(|c| c.as_str()) == Some("UA12020210000032285")).expect("org");
        assert_eq!((pidhorodne.name.uk.as_str(), pidhorodne.name.en.as_str()),
            ("Підгородненська міська громада", "Pidhorodnenska urban hromada"));
        assert!(Client::demo(&app, "community.apostolove").get::<Inbox>("/api/inbox").expect("other").items.is_empty(),
            "no one else's inbox");
        assert_eq!(district.get::<Inbox>("/api/inbox").expect("district").unread, 0);

        let first = inbox.items[1].id;
        let after: Inbox = anna.post("/api/inbox/read", &MarkRead { ids: Some(vec![first]) }).expect("read one");
        assert_eq!(after.unread, 1);
        assert!(after.items.iter().find(|n| n.id == first).is_some_and(|n| n.read));
        // Someone else's ids are not hers to mark.
        let theirs: Inbox = district.post("/api/inbox/read", &MarkRead { ids: Some(vec![inbox.items[0].id]) }).expect("no-op");
        assert_eq!(theirs.unread, 0);
        assert_eq!(anna.get::<Inbox>("/api/inbox").expect("inbox").unread, 1);
        let all: Inbox = anna.post("/api/inbox/read", &MarkRead::default()).expect("read all");
        assert_eq!(all.unread, 0);
        assert_eq!(Client::anonymous(&app).get::<Inbox>("/api/inbox").expect_err("anonymous").status, 401);
    }
}

on_both! {
    fn items_are_marked_done_once_their_task_is_done(kind) {
        let app = spawn_app(kind, true);
        let community = Client::demo(&app, "community.pidhorodne");
        let district = Client::demo(&app, "district.dnipro");
        let department = Client::demo(&app, "department");
        let org = crate::reports::own_org(&community);
        let item = |c: &Client, kind: NotificationKind| -> Option<Notification> {
            let inbox: Inbox = c.get("/api/inbox").expect("inbox");
            inbox.items.into_iter().find(|n| n.kind == kind && n.org_id == org
                && n.period.map(|p| p.to_string()).as_deref() == Some("2026-Q3"))
        };

        // The day after the due date: the overdue reminder reaches all three, not done.
        app.set_today("2026-10-06");
        assert!(department.run_reminders().expect("run").sent > 0);
        for c in [&community, &district, &department] {
            let reminder = item(c, NotificationKind::ReportOverdue).expect("the reminder");
            assert!(!reminder.done && !reminder.read);
        }

        // The community hands the report in: every reminder of it is done (still unread).
        let blank = community.report(org, "2026-Q3").expect("q3");
        let saved = community.save_report(&blank, &crate::reports::fill(&blank)).expect("save");
        let submitted = community.report_step(&saved, "submit", None).expect("submit");
        for c in [&community, &district, &department] {
            let reminder = item(c, NotificationKind::ReportOverdue).expect("the reminder");
            assert!(reminder.done && !reminder.read, "done is not read");
        }
        assert!(!item(&district, NotificationKind::ReportWaiting).expect("waits").done);

        // The district endorses: its item is done; the department's is the one that waits now.
        district.report_step(&submitted, "endorse", None).expect("endorse");
        assert!(item(&district, NotificationKind::ReportWaiting).expect("waited").done);
        let theirs = item(&department, NotificationKind::ReportWaiting).expect("waits");
        assert!(!theirs.done);
        // Returned for rework: done again only once submitted again.
        let endorsed = department.report(org, "2026-Q3").expect("r");
        let back = department.report_step(&endorsed, "return", Some("Уточніть видатки")).expect("return");
        assert!(item(&department, NotificationKind::ReportWaiting).expect("waited").done);
        assert!(!item(&community, NotificationKind::ReportReturned).expect("returned").done);
        let again = community.report(org, "2026-Q3").expect("r");
        community.report_step(&again, "submit", None).expect("again");
        assert!(item(&community, NotificationKind::ReportReturned).expect("returned").done);
        assert!(back.stage.is_some());

        // A proposal waiting for the department's decision, decided since.
        let m = crate::proposals::approved_measures(&community, org).remove(0);
        community.propose_withdrawal(m.id, None).expect("withdraw");
        let p = community.step(&community.my_draft().expect("d").expect("d"), "submit").expect("submit");
        let p = district.step(&district.proposal(p.summary.id).expect("p"), "endorse").expect("endorse");
        let waiting = |c: &Client| -> Notification {
            let inbox: Inbox = c.get("/api/inbox").expect("inbox");
            inbox.items.into_iter()
                .find(|n| n.kind == NotificationKind::ProposalWaiting && n.proposal_id == Some(p.summary.id))
                .expect("the proposal's item")
        };
        assert!(waiting(&district).done, "endorsed: the district's part is done");
        assert!(!waiting(&department).done);
        department.approve_all(&p).expect("decide");
        assert!(waiting(&department).done);
        // Marking read answers with the same judgement.
        let after: Inbox = department.post("/api/inbox/read", &MarkRead::default()).expect("read all");
        assert!(after.items.iter().filter(|n| n.kind == NotificationKind::ProposalWaiting).all(|n| n.done && n.read));
    }
}

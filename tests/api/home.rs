//! `/api/home`: a coordinator's own work in one answer — the organisation's measures, the next
//! report to hand in, the proposals waiting for them and the unread inbox.

use crate::proposals::approved_measures;
use crate::reports::{fill, own_org};
use obriy_tests::{on_both, spawn_app, Client};
use shared::api::inbox::NotificationKind;
use shared::api::plan::PlanFilter;
use shared::calendar::ReportState;

on_both! {
    fn a_coordinator_s_home_holds_their_own_work(kind) {
        let app = spawn_app(kind, true);
        let community = Client::demo(&app, "community.pidhorodne");
        let district = Client::demo(&app, "district.dnipro");
        let department = Client::demo(&app, "department");
        let org = own_org(&community);

        // Who lands on it: the coordinators, as the server says.
        assert!(community.me().expect("me").user.may.own_work);
        assert!(district.me().expect("me").user.may.own_work);
        for login in ["department", "head", "admin"] {
            assert!(!Client::demo(&app, login).me().expect("me").user.may.own_work, "{login}");
        }

        let home = community.home().expect("home");
        assert_eq!(home.today.to_string(), "2026-11-24");
        assert_eq!(home.org.as_ref().map(|o| o.id), Some(org));
        // Exactly the organisation's measures, with the plan's totals.
        let tree = community.plan(&PlanFilter { org: Some(org), ..Default::default() }).expect("plan");
        let mut planned: Vec<_> = tree.directions.iter()
            .flat_map(|d| d.tasks.iter().flat_map(|t| t.measures.iter()))
            .map(|m| (m.id, m.totals.total()))
            .collect();
        let mut shown: Vec<_> = home.measures.iter().map(|m| (m.id, m.total)).collect();
        planned.sort_by_key(|(id, _)| *id);
        shown.sort_by_key(|(id, _)| *id);
        assert!(!shown.is_empty());
        assert_eq!(shown, planned);
        // The third quarter was never handed in: overdue since 5 October, it comes first.
        let next = home.next_report.expect("a report to hand in");
        assert_eq!((next.org.id, next.period.to_string()), (org, "2026-Q3".to_string()));
        assert_eq!((next.status.state, next.status.due.to_string()), (ReportState::Overdue, "2026-10-05".to_string()));
        assert!(next.waiting_for_me);
        assert!(home.proposals_waiting.is_empty(), "nothing waits for a community's step");
        assert_eq!((home.unread, home.inbox.len()), (0, 0));

        // The community sends a proposal up: the district's home lists it, with the inbox item.
        let m = approved_measures(&community, org).remove(0);
        community.propose_withdrawal(m.id, None).expect("withdraw");
        let p = community.step(&community.my_draft().expect("d").expect("d"), "submit").expect("submit");
        let theirs = district.home().expect("district home");
        assert_eq!(theirs.proposals_waiting.iter().map(|s| s.id).collect::<Vec<_>>(), [p.summary.id]);
        assert_eq!(theirs.unread, 1);
        assert_eq!(theirs.inbox.iter().map(|n| (n.kind, n.done)).collect::<Vec<_>>(),
                   [(NotificationKind::ProposalWaiting, false)]);
        assert!(theirs.org.is_some_and(|o| o.id != org), "the district's own organisation");

        // The quarter handed in, the next report is the running one, due 5 January.
        let blank = community.report(org, "2026-Q3").expect("q3");
        let saved = community.save_report(&blank, &fill(&blank)).expect("save");
        community.report_step(&saved, "submit", None).expect("submit");
        let next = community.home().expect("home").next_report.expect("the next one");
        assert_eq!((next.period.to_string(), next.status.due.to_string()), ("2026-Q4".to_string(), "2027-01-05".to_string()));
        assert_eq!(next.status.state, ReportState::NotStarted);
        assert!(!next.waiting_for_me, "the quarter is not over yet");

        // Read, the inbox item leaves the home page; the endorsed proposal no longer waits.
        let district_inbox: shared::api::inbox::Inbox = district.get("/api/inbox").expect("inbox");
        let ids: Vec<i32> = district_inbox.items.iter().map(|n| n.id).collect();
        district.post::<_, serde_json::Value>("/api/inbox/read", &shared::api::inbox::MarkRead { ids: Some(ids) }).expect("read");
        district.step(&district.proposal(p.summary.id).expect("p"), "endorse").expect("endorse");
        let theirs = district.home().expect("district home");
        assert!(theirs.proposals_waiting.is_empty());
        assert_eq!((theirs.unread, theirs.inbox.len()), (0, 0));
        assert_eq!(department.home().expect("department").proposals_waiting.len(), 1, "now the department's");
        assert_eq!(Client::anonymous(&app).home().expect_err("anonymous").status, 401);
    }
}

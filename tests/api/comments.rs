//! `/api/measures/{id}/comments`: threads where the data is, for whoever may read the measure.

use obriy_tests::data::{measure, org_by_code};
use obriy_tests::{on_both, spawn_app, Client};
use shared::api::audit::{AuditAction, AuditEntry};
use shared::api::comments::{Comment, NewComment};
use shared::{ErrorCode, FundingSource};

on_both! {
    fn comments_thread_on_a_measure(kind) {
        let app = spawn_app(kind, true);
        let anna = Client::demo(&app, "community.pidhorodne");
        let orgs = anna.orgs().expect("orgs");
        let task = obriy_tests::data::first_task(&anna.programme().expect("p"));
        let m = anna.create_measure(&measure(task, org_by_code(&orgs, "UA12020210000032285"), "Захід", &[(2026, FundingSource::Local, "10")])).expect("create");
        let path = format!("/api/measures/{}/comments", m.id);

        // The district reads its community's measure, so it may ask about it.
        let district = Client::demo(&app, "district.dnipro");
        let question: Comment = district.post(&path, &NewComment { body: " Чому 10 тис. грн? ".into(), parent_id: None }).expect("ask");
        assert_eq!((question.body.as_str(), question.author_name.as_str()), ("Чому 10 тис. грн?", "Ігор Бондар"));
        let answer: Comment = anna.post(&path, &NewComment { body: "Кошторис додано.".into(), parent_id: Some(question.id) }).expect("answer");
        let thread: Vec<Comment> = anna.get(&path).expect("thread");
        assert_eq!(thread, vec![question.clone(), answer.clone()]);
        assert_eq!(thread[1].parent_id, Some(question.id));

        let empty = anna.post::<_, Comment>(&path, &NewComment { body: "   ".into(), parent_id: None }).expect_err("empty");
        assert_eq!((empty.code(), empty.body.field.as_deref()), (ErrorCode::CommentRequired, Some("body")));
        let stray = anna.post::<_, Comment>(&path, &NewComment { body: "?".into(), parent_id: Some(99_999) }).expect_err("parent");
        assert_eq!((stray.code(), stray.body.field.as_deref()), (ErrorCode::CommentParentInvalid, Some("parent_id")));

        // Another community's coordinator neither reads nor writes here.
        let other = Client::demo(&app, "community.apostolove");
        assert_eq!(other.get::<Vec<Comment>>(&path).expect_err("read").status, 403);
        assert_eq!(other.post::<_, Comment>(&path, &NewComment { body: "?".into(), parent_id: None }).expect_err("write").status, 403);
        assert_eq!(anna.get::<Vec<Comment>>("/api/measures/99999/comments").expect_err("none").status, 404);

        // Comments are on the measure's record.
        let history: Vec<AuditEntry> = anna.history(m.id, &Default::default()).expect("history").entries;
        assert_eq!(history.iter().filter(|e| e.action == AuditAction::CommentAdded).count(), 2);
        assert_eq!(anna.get::<Vec<Comment>>(&path).expect("unchanged").len(), 2, "refused comments were not saved");
    }
}

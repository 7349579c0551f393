//! A report's texts per measure: the annual report's results achieved and reasons for non-execution, saved, read back and kept through approval; a quarterly report refuses reasons.

use super::reports::{fill, own_org};
use obriy_tests::{on_both, spawn_app, Client};
use shared::api::reports::{ReportStage, NARRATIVE_MAX};
use shared::ErrorCode;

on_both! {
    fn an_annual_report_keeps_results_and_reasons_through_approval(kind) {
        let app = spawn_app(kind, true);
        let community = Client::demo(&app, "community.pidhorodne");
        let district = Client::demo(&app, "district.dnipro");
        let department = Client::demo(&app, "department");
        let org = own_org(&community);

        let annual = community.report(org, "2026").expect("2026");
        assert!(annual.measures.iter().all(|m| m.reasons.is_empty()), "nothing written yet");
        let mut save = fill(&annual);
        for m in &mut save.measures {
            m.spending.clear();
        }
        save.measures[0].narrative = "Підключено 12 шкіл до оптоволокна.".into();
        save.measures[0].reasons = "  Постачальник зірвав строки поставки комутаторів. \n".into();
        let saved = community.save_report(&annual, &save).expect("saved");
        assert_eq!(saved.measures[0].narrative, "Підключено 12 шкіл до оптоволокна.");
        assert_eq!(saved.measures[0].reasons, "Постачальник зірвав строки поставки комутаторів.", "trimmed");
        assert!(saved.measures[1..].iter().all(|m| m.reasons.is_empty()), "empty is allowed");
        let read = community.report(org, "2026").expect("read back");
        assert_eq!(read.measures, saved.measures);

        // The same length rule as the narrative, naming the field; nothing changes.
        let mut long = save.clone();
        long.version = saved.version;
        long.measures[0].reasons = "я".repeat(NARRATIVE_MAX + 1);
        let e = community.save_report(&saved, &long).expect_err("too long");
        assert_eq!((e.status, e.code(), e.body.field.as_deref()),
                   (422, ErrorCode::TextTooLong, Some("measures[0].reasons")));
        assert_eq!(community.report(org, "2026").expect("unchanged").version, saved.version);

        // Up the chain after the year: the approved (locked) report says the same.
        app.set_today("2027-01-20");
        let sub = community.report_step(&saved, "submit", None).expect("submit");
        let end = district.report_step(&sub, "endorse", None).expect("endorse");
        let approved = department.report_step(&end, "approve", None).expect("approve");
        assert_eq!(approved.stage, Some(ReportStage::Approved));
        let locked = Client::demo(&app, "head").report(org, "2026").expect("the head reads it");
        assert_eq!(locked.measures[0].reasons, "Постачальник зірвав строки поставки комутаторів.");
        assert_eq!(locked.measures[0].narrative, "Підключено 12 шкіл до оптоволокна.");
    }
}

on_both! {
    fn a_quarterly_report_refuses_reasons_and_changes_nothing(kind) {
        let app = spawn_app(kind, true);
        let community = Client::demo(&app, "community.pidhorodne");
        let org = own_org(&community);
        let q4 = community.report(org, "2026-Q4").expect("2026-Q4");
        assert!(q4.measures.iter().all(|m| m.reasons.is_empty()));
        let mut save = fill(&q4);
        save.measures[0].reasons = "Причина".into();
        let e = community.save_report(&q4, &save).expect_err("reasons in a quarter");
        assert_eq!((e.status, e.code(), e.body.field.as_deref()),
                   (422, ErrorCode::ReasonsInQuarterly, Some("measures[0].reasons")));
        assert_eq!(community.report(org, "2026-Q4").expect("unchanged").version, q4.version);
        // Blank is no reason at all: saved, and read back empty.
        save.measures[0].reasons = " \n ".into();
        let saved = community.save_report(&q4, &save).expect("blank reasons");
        assert!(saved.measures.iter().all(|m| m.reasons.is_empty()));
    }
}

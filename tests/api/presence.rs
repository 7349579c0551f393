//! `/api/measures/{id}/presence`: who else has a measure open, and who is editing it.

use obriy_tests::data::{measure, org_by_code};
use obriy_tests::{on_both, spawn_app, Client};
use shared::api::presence::{PresenceBeat, Viewer};
use shared::FundingSource;

on_both! {
    fn a_measure_page_shows_who_else_is_there(kind) {
        let app = spawn_app(kind, true);
        let anna = Client::demo(&app, "community.pidhorodne");
        let orgs = anna.orgs().expect("orgs");
        let task = obriy_tests::data::first_task(&anna.programme().expect("p"));
        let m = anna.create_measure(&measure(task, org_by_code(&orgs, "UA12020210000032285"), "Захід", &[(2026, FundingSource::Local, "1")])).expect("create");
        let path = format!("/api/measures/{}/presence", m.id);

        let alone: Vec<Viewer> = anna.post(&path, &PresenceBeat { editing: true }).expect("beat");
        assert_eq!(alone.len(), 1);
        let district = Client::demo(&app, "district.dnipro");
        let both: Vec<Viewer> = district.post(&path, &PresenceBeat { editing: false }).expect("beat");
        let names: Vec<(&str, bool)> = both.iter().map(|v| (v.name.as_str(), v.editing)).collect();
        assert_eq!(names, [("Ігор Бондар", false), ("Оксана Шевчук", true)]);
        // A second beat does not add a second row.
        let again: Vec<Viewer> = district.post(&path, &PresenceBeat { editing: false }).expect("beat");
        assert_eq!(again.len(), 2);

        district.delete(&path).expect("leave");
        let left: Vec<Viewer> = anna.get(&path).expect("list");
        assert_eq!(left.iter().map(|v| v.name.as_str()).collect::<Vec<_>>(), ["Оксана Шевчук"]);

        // Someone who may not read the measure cannot see or join its presence.
        let other = Client::demo(&app, "community.apostolove");
        assert_eq!(other.get::<Vec<Viewer>>(&path).expect_err("read").status, 403);
        assert_eq!(other.post::<_, Vec<Viewer>>(&path, &PresenceBeat::default()).expect_err("beat").status, 403);
        assert_eq!(anna.get::<Vec<Viewer>>("/api/measures/99999/presence").expect_err("none").status, 404);
    }
}

//! `/api/exports`: every exported table opens as a workbook with an "about" sheet and typed cells, and as a CSV in both separators; the plan's file comes back through the import unchanged, and an edit in it becomes exactly one change.

use obriy_tests::imports::{col, edit, read, row_where, set, sheet_mut, V};
use obriy_tests::{on_both, spawn_app, Client};
use shared::api::endpoints as ep;
use shared::api::exports::ExportTable;
use shared::api::imports::{ChangeKind, ImportState};
use shared::ErrorCode;

const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

fn own_org(c: &Client) -> i32 {
    c.me().expect("me").user.org.expect("an organisation").id.0
}

/// The data sheet of an exported workbook: the rows from the headings on.
fn data(book: &[u8], heading: &str) -> Vec<Vec<V>> {
    let sheets = read(book);
    assert!(["Про файл", "About this file"].contains(&sheets[0].0.as_str()));
    let rows = sheets[1].1.clone();
    let at = rows
        .iter()
        .position(|r| r.iter().any(|v| v.text() == heading))
        .unwrap_or_else(|| panic!("no heading {heading}"));
    rows[at..].to_vec()
}

on_both! {
    fn the_plan_goes_out_and_comes_back(kind) {
        let app = spawn_app(kind, true);
        let community = Client::demo(&app, "community.pidhorodne");
        let org = own_org(&community);
        let query = format!("org={org}&lang=uk");
        let (book, media) = community.download(ep::EXPORT, &[&"plan.xlsx"], &query).expect("plan.xlsx");
        assert_eq!(media, XLSX);
        let rows = data(&book, "Код заходу");
        assert!(rows.len() > 2, "{rows:?}");
        // Codes, years and amounts are numbers, not text.
        let (code, amount, year) = (col(&rows, "Код заходу"), col(&rows, "Сума, тис. грн"), col(&rows, "Рік"));
        assert!(rows[1..].iter().all(|r| matches!(r[code], V::N(_)) && matches!(r[amount], V::N(_)) && matches!(r[year], V::N(_))));
        // Only the community's own measures: the plan page's filter and scope.
        let tree = community.plan(&shared::api::plan::PlanFilter { org: Some(shared::OrgId(org)), per_page: Some(500), ..Default::default() }).expect("plan");
        let approved: usize = tree.directions.iter().flat_map(|d| &d.tasks).flat_map(|t| &t.measures)
            .filter(|m| m.status == shared::api::measures::MeasureStatus::Approved)
            .map(|m| m.totals.cells().len()).sum();
        assert_eq!(rows.len() - 1, approved);
        // Back unchanged: nothing to do.
        let job = community.import("kind=plan&name=plan.xlsx", book.clone()).expect("checked");
        assert_eq!(job.state, ImportState::Ready, "{:?}", job.failure);
        assert!(job.changes.is_empty() && job.issues.is_empty(), "{:?} {:?}", job.changes, job.issues);
        // One amount edited in Excel: exactly that change.
        let name = sheets_name(&book);
        let edited = edit(&book, |sheets| {
            let s = sheet_mut(sheets, &name);
            let r = s.iter().position(|r| matches!(r.first(), Some(V::N(_)))).expect("a data row");
            let h = s.iter().position(|r| r.iter().any(|v| v.text() == "Код заходу")).expect("headings");
            let c = col(&s[h..], "Сума, тис. грн");
            set(s, r, c, V::N(777.5));
        });
        let job = community.import("kind=plan&name=plan.xlsx", edited).expect("checked");
        assert_eq!(job.changes.len(), 1, "{:?}", job.changes);
        assert_eq!((job.changes[0].kind, job.changes[0].new.as_str()), (ChangeKind::Changed, "777,5"));
        // The CSV of either separator comes back unchanged too.
        for sep in ["semicolon", "comma"] {
            let (csv, media) = community.download(ep::EXPORT, &[&"plan.csv"], &format!("{query}&sep={sep}")).expect("csv");
            assert!(media.starts_with("text/csv"), "{media}");
            assert_eq!(csv.starts_with(b"\xEF\xBB\xBF"), sep == "semicolon");
            let text = String::from_utf8(csv.clone()).expect("utf-8");
            assert_eq!(text.lines().count(), rows.len());
            let job = community.import("kind=plan&name=plan.csv", csv).expect("checked");
            assert_eq!(job.state, ImportState::Ready, "{sep}: {:?}", job.failure);
            assert!(job.changes.is_empty() && job.issues.is_empty(), "{sep}: {:?} {:?}", job.changes, job.issues);
        }
        // English headings and labels read back as well.
        let (en, _) = community.download(ep::EXPORT, &[&"plan.xlsx"], &format!("org={org}&lang=en")).expect("en");
        let rows_en = data(&en, "Measure code");
        assert_eq!(rows_en.len(), rows.len());
        let job = community.import("kind=plan&name=plan-en.xlsx", en).expect("checked");
        assert!(job.changes.is_empty() && job.issues.is_empty(), "{:?} {:?}", job.changes, job.issues);
        let _ = row_where;
    }
}

fn sheets_name(book: &[u8]) -> String {
    read(book)[1].0.clone()
}

on_both! {
    fn every_table_exports_in_both_formats(kind) {
        let app = spawn_app(kind, true);
        let department = Client::demo(&app, "department");
        let plan = department.plan(&shared::api::plan::PlanFilter::default()).expect("plan");
        let measure = plan.directions.iter().flat_map(|d| &d.tasks).flat_map(|t| &t.measures).next().expect("a measure").id;
        // A proposal, approved: a new plan version to compare with the first.
        let mut input = department.measure(measure).expect("measure").to_input();
        input.budget_lines[0].amount = shared::Amount::parse("1234,5").expect("amount");
        department.propose(measure, None, &input).expect("proposed");
        let draft = department.my_draft().expect("draft").expect("one");
        let submitted = department.step(&draft, "submit").expect("submitted");
        department.approve_all(&department.proposal(submitted.summary.id).expect("p")).expect("approved");
        let proposal = submitted.summary.id;
        let current = department.versions().expect("versions").current;
        assert!(current > 1);
        let pidhorodne = own_org(&Client::demo(&app, "community.pidhorodne"));
        let report_q = format!("org={pidhorodne}&period=2026-Q3");
        let (measure_q, proposal_q, versions_q) = (
            format!("id={}", measure.0),
            format!("id={}", proposal.0),
            format!("from=1&to={current}"),
        );
        let queries = [
            (ExportTable::Measure, measure_q.as_str()),
            (ExportTable::Proposal, proposal_q.as_str()),
            (ExportTable::Versions, versions_q.as_str()),
            (ExportTable::Plan, "year=2027&source=oblast"),
            (ExportTable::Envelope, ""),
            (ExportTable::Calendar, "period=2026-Q3"),
            (ExportTable::Report, report_q.as_str()),
            (ExportTable::Execution, ""),
            (ExportTable::Indicators, "quarter=2026-Q3"),
            (ExportTable::Areas, ""),
            (ExportTable::Compliance, ""),
            (ExportTable::Troubles, "quarter=2026-Q3"),
            (ExportTable::Audit, "limit=5"),
            (ExportTable::Targets, ""),
            (ExportTable::Proposals, "state=decided"),
        ];
        // Every table the API exports is tried.
        assert!(ExportTable::ALL.iter().all(|t| queries.iter().any(|(q, _)| q == t)));
        for (table, filters) in queries {
            for lang in ["uk", "en"] {
                let query = format!("{filters}&lang={lang}");
                let file = format!("{}.xlsx", table.as_str());
                let (book, media) = department.download(ep::EXPORT, &[&file], &query).unwrap_or_else(|e| panic!("{file}: {e:?}"));
                assert_eq!(media, XLSX);
                let sheets = read(&book);
                assert_eq!(sheets.len(), 2, "{file}");
                assert_eq!(sheets[0].0, if lang == "uk" { "Про файл" } else { "About this file" });
                assert!(sheets[1].1.len() > 2, "{file} {lang}: {:?}", sheets[1].1);
                let file = format!("{}.csv", table.as_str());
                let (csv, _) = department.download(ep::EXPORT, &[&file], &query).unwrap_or_else(|e| panic!("{file}: {e:?}"));
                let text = String::from_utf8(csv).expect("utf-8");
                // The CSV holds the workbook's table: its headings and as many rows.
                assert_eq!(text.lines().count(), sheets[1].1.len() - 1, "{file} {lang}");
            }
        }
        // Real numbers in the workbook: the calendar's due dates are dates, the envelope's amounts numbers.
        let (book, _) = department.download(ep::EXPORT, &[&"envelope.xlsx"], "lang=uk").expect("envelope");
        let rows = data(&book, "Рік");
        assert!(rows[1..].iter().all(|r| matches!(r[col(&rows, "Розподілено заходами, тис. грн")], V::N(_))));
        // Bad asks get their answer.
        let bad = department.download(ep::EXPORT, &[&"plan.pdf"], "").expect_err("no such format");
        assert_eq!(bad.status, 404);
        let bad = department.download(ep::EXPORT, &[&"plan.csv"], "sep=pipe").expect_err("no such separator");
        assert_eq!((bad.status, bad.code(), bad.body.field.as_deref()), (422, ErrorCode::ExportSeparatorInvalid, Some("sep")));
        let bad = department.download(ep::EXPORT, &[&"plan.csv"], "year=1999").expect_err("no such year");
        assert_eq!((bad.status, bad.body.field.as_deref()), (422, Some("year")));
        let bad = department.download(ep::EXPORT, &[&"proposal.xlsx"], "id=x").expect_err("no id");
        assert_eq!((bad.status, bad.body.field.as_deref()), (400, Some("id")));
        let bad = department.download(ep::EXPORT, &[&"proposals.csv"], "state=maybe").expect_err("no such state");
        assert_eq!((bad.status, bad.body.field.as_deref()), (400, Some("state")));
        // A coordinator's proposals file holds what their list shows: their own organisation's.
        let community = Client::demo(&app, "community.pidhorodne");
        let (csv, _) = community.download(ep::EXPORT, &[&"proposals.csv"], "sep=comma&lang=en").expect("proposals");
        let listed = community.call::<Vec<shared::api::proposals::ProposalSummary>>(ep::PROPOSALS, &[]).expect("list");
        assert_eq!(String::from_utf8(csv).expect("utf-8").lines().count(), listed.len() + 1);
        // A coordinator gets only what the page would show them.
        let other = department.plan(&shared::api::plan::PlanFilter::default()).expect("plan");
        let foreign = other.directions.iter().flat_map(|d| &d.tasks).flat_map(|t| &t.measures)
            .find(|m| m.org.name.uk.contains("Петриківська")).map(|m| m.id);
        if let Some(id) = foreign {
            let err = community.download(ep::EXPORT, &[&"measure.xlsx"], &format!("id={}", id.0)).expect_err("not theirs");
            assert!(matches!(err.status, 403 | 404), "{}", err.status);
        }
        let anonymous = Client::anonymous(&app);
        assert_eq!(anonymous.download(ep::EXPORT, &[&"plan.csv"], "").expect_err("signed in only").status, 401);
    }
}

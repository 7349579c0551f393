//! `/api/imports`: plan and report files from Excel — previewed change by change, refused row by row, written only on confirmation into the draft (then up the approval chain like any edit); bad files change nothing.

use obriy_tests::imports::{
    col, edit, read, row_where, set, sheet_mut, workbook, Sheet, PLAN_HEAD, V,
};
use obriy_tests::{on_both, spawn_app, Client};
use shared::api::endpoints as ep;
use shared::api::imports::{ChangeKind, ImportJob, ImportState};
use shared::api::measures::MeasureDetail;
use shared::api::plan::PlanFilter;
use shared::api::proposals::Change;
use shared::{Amount, ErrorCode, FundingSource, MeasureId, OrgId};
use std::collections::BTreeSet;

fn own_org(c: &Client) -> OrgId {
    c.me().expect("me").user.org.expect("an organisation").id
}

/// The approved measures of an organisation, in full.
fn measures_of(c: &Client, org: OrgId) -> Vec<MeasureDetail> {
    let tree = c
        .plan(&PlanFilter {
            org: Some(org),
            per_page: Some(500),
            ..PlanFilter::default()
        })
        .expect("plan");
    let mut out = Vec::new();
    for d in &tree.directions {
        for t in &d.tasks {
            for m in &t.measures {
                let detail = c.measure(m.id).expect("measure");
                if detail.status == shared::api::measures::MeasureStatus::Approved {
                    out.push(detail);
                }
            }
        }
    }
    out
}

/// The plan file of these measures as the plan export writes it: one row per budget line.
fn plan_sheet(measures: &[MeasureDetail], version: i32) -> Sheet {
    let mut rows = vec![PLAN_HEAD.iter().map(|h| V::s(h)).collect::<Vec<_>>()];
    for m in measures {
        for l in &m.budget_lines {
            rows.push(vec![
                V::N(f64::from(m.id.0)),
                V::s(&m.task.code.to_string()),
                V::E,
                V::S(m.org.name.uk.clone()),
                V::S(m.name.uk.clone()),
                V::N(f64::from(m.start_year.get())),
                V::N(f64::from(m.end_year.get())),
                V::N(f64::from(l.year.get())),
                V::S(l.source.label().uk),
                V::N(l.amount.decimal().to_string().parse().expect("f64")),
                V::N(f64::from(version)),
            ]);
        }
    }
    ("План".to_string(), rows)
}

fn current_version(c: &Client) -> i32 {
    c.versions().expect("versions").current
}

fn fields(job: &ImportJob) -> BTreeSet<(String, String, ChangeKind)> {
    job.changes
        .iter()
        .map(|c| (c.subject.clone(), c.field.clone(), c.kind))
        .collect()
}

on_both! {
    fn a_plan_file_goes_into_the_draft_and_up_the_chain(kind) {
        let app = spawn_app(kind, true);
        let community = Client::demo(&app, "community.pidhorodne");
        let district = Client::demo(&app, "district.dnipro");
        let department = Client::demo(&app, "department");
        let org = own_org(&community);
        let measures = measures_of(&community, org);
        let m = measures.iter().find(|m| m.budget_lines.len() >= 2).expect("a measure with two lines");
        let version = current_version(&community);
        let (name, mut rows) = plan_sheet(&measures, version);
        let amount_col = col(&rows, "Сума, тис. грн");
        let code_col = col(&rows, "Код заходу");
        let year_col = col(&rows, "Рік");
        let source_col = col(&rows, "Джерело фінансування");
        // Change one amount (typed as text, the Ukrainian way), remove another line.
        let (l0, l1) = (&m.budget_lines[0], &m.budget_lines[1]);
        let id = m.id.0.to_string();
        let r0 = row_where(&rows, &[code_col, year_col, source_col], &[&id, &l0.year.to_string(), &l0.source.label().uk]);
        set(&mut rows, r0, amount_col, V::s("1 234,5"));
        let r1 = row_where(&rows, &[code_col, year_col, source_col], &[&id, &l1.year.to_string(), &l1.source.label().uk]);
        rows.remove(r1);
        // A new measure of two rows, without a code.
        for (year, amount) in [(2027.0, 100.0), (2028.0, 50.5)] {
            rows.push(vec![
                V::E, V::s(&m.task.code.to_string()), V::E, V::E,
                V::s("Кібергігієна для працівників ЦНАП"),
                V::N(2027.0), V::N(2028.0), V::N(year), V::s("Місцеві бюджети"), V::N(amount), V::E,
            ]);
        }
        let file = workbook(&[(name, rows)]);
        let plan_before = community.plan(&PlanFilter::default()).expect("plan");

        let job = community.import("kind=plan&name=plan.xlsx", file.clone()).expect("uploaded");
        assert_eq!(job.state, ImportState::Ready, "{:?}", job.failure);
        assert!(job.issues.is_empty(), "{:?}", job.issues);
        let subject = format!("measure:{id}");
        let want: BTreeSet<_> = [
            (subject.clone(), format!("amount:{}:{}", l0.year, l0.source.as_str()), ChangeKind::Changed),
            (subject.clone(), format!("amount:{}:{}", l1.year, l1.source.as_str()), ChangeKind::Removed),
            ("measure:new".to_string(), "measure_add".to_string(), ChangeKind::Added),
        ].into_iter().collect();
        assert_eq!(fields(&job), want);
        assert_eq!(job.counts.changed, 1);
        assert_eq!(job.counts.removed, 1);
        assert_eq!(job.counts.added, 1);
        let lines: usize = measures.iter().map(|m| m.budget_lines.len()).sum();
        assert_eq!(job.counts.unchanged as usize, lines - 2, "every other line is unchanged");
        assert!(job.can_confirm);
        // Nothing is written before the confirmation.
        assert!(community.my_draft().expect("draft").is_none());
        assert_eq!(community.plan(&PlanFilter::default()).expect("plan"), plan_before);

        let applied = community.confirm_import(job.id).expect("confirmed");
        assert_eq!(applied.state, ImportState::Applied);
        let draft = community.my_draft().expect("draft").expect("a draft");
        assert_eq!(applied.proposal_id, Some(draft.summary.id.0));
        let mut got: Vec<String> = draft.lines.iter().map(|l| match &l.change {
            Change::Amount { year, source, old, new } => format!("{}:{year}:{}:{:?}->{:?}", l.measure_id.0, source.as_str(), old.map(|a| a.decimal().to_string()), new.map(|a| a.decimal().to_string())),
            Change::MeasureAdd { measure } => format!("add:{}:{}", measure.name.uk, measure.budget_lines.len()),
            other => format!("{other:?}"),
        }).collect();
        got.sort();
        let mut want = vec![
            format!("{id}:{}:{}:{:?}->{:?}", l0.year, l0.source.as_str(), Some(l0.amount.decimal().to_string()), Some("1234.5".to_string())),
            format!("{id}:{}:{}:{:?}->None", l1.year, l1.source.as_str(), Some(l1.amount.decimal().to_string())),
            "add:Кібергігієна для працівників ЦНАП:2".to_string(),
        ];
        want.sort();
        assert_eq!(got, want);

        // The same file again changes nothing.
        let again = community.import("kind=plan&name=plan.xlsx", file).expect("again");
        assert_eq!(again.state, ImportState::Ready);
        assert!(again.changes.iter().all(|c| c.in_draft), "{:?}", again.changes);
        assert!(!again.can_confirm);
        assert_eq!(community.confirm_import(again.id).expect_err("nothing").code(), ErrorCode::ImportNothingToApply);
        let draft_again = community.my_draft().expect("draft").expect("a draft");
        assert_eq!(draft_again.lines.len(), draft.lines.len());

        // Up the chain like any edit: submitted, endorsed by the district, approved.
        let submitted = community.step(&draft_again, "submit").expect("submit");
        let endorsed = district.step(&district.proposal(submitted.summary.id).expect("seen"), "endorse").expect("endorse");
        department.approve_all(&department.proposal(endorsed.summary.id).expect("seen")).expect("approved");
        let after = community.measure(m.id).expect("measure");
        let find = |y, s| after.budget_lines.iter().find(|l| l.year == y && l.source == s).map(|l| l.amount);
        assert_eq!(find(l0.year, l0.source), Some(Amount::parse("1234,5").expect("a")));
        assert_eq!(find(l1.year, l1.source), None);
    }
}

on_both! {
    fn every_bad_row_is_named_and_the_rest_still_counts(kind) {
        let app = spawn_app(kind, true);
        let community = Client::demo(&app, "community.pidhorodne");
        let department = Client::demo(&app, "department");
        let org = own_org(&community);
        let measures = measures_of(&community, org);
        let version = current_version(&community);
        let (name, mut rows) = plan_sheet(&measures, version);
        let amount_col = col(&rows, "Сума, тис. грн");
        let source_col = col(&rows, "Джерело фінансування");
        let code_col = col(&rows, "Код заходу");
        // Row 2: ambiguous number; row 3: unknown source; a row for a measure of another
        // organisation; a row with a code that does not exist.
        set(&mut rows, 1, amount_col, V::s("1,234.5"));
        set(&mut rows, 2, source_col, V::s("Бюджет громади"));
        let other = measures_of(&department, OrgId(1)).into_iter().chain(
            department.orgs().expect("orgs").iter().filter(|o| o.id != org).take(40).flat_map(|o| measures_of(&department, o.id))
        ).find(|m| m.org.id != org).expect("another organisation's measure");
        let mut foreign = rows[1].clone();
        foreign[code_col] = V::N(f64::from(other.id.0));
        foreign[amount_col] = V::N(1.0);
        rows.push(foreign);
        let mut unknown = rows[1].clone();
        unknown[code_col] = V::N(999_999.0);
        unknown[amount_col] = V::N(1.0);
        rows.push(unknown);
        // One good change elsewhere: a measure not touched by the bad rows.
        let first_id = rows[1][code_col].text();
        let good = (1..rows.len()).find(|&r| rows[r][code_col].text() != first_id && rows[r][code_col].text() != rows[2][code_col].text()).expect("another measure");
        set(&mut rows, good, amount_col, V::N(77.0));
        let total_rows = rows.len();
        let file = workbook(&[(name, rows)]);
        let job = community.import("kind=plan&name=bad.xlsx", file).expect("uploaded");
        assert_eq!(job.state, ImportState::Ready);
        let by_row = |r: u32| job.issues.iter().filter(|i| i.row == r).map(|i| i.code).collect::<Vec<_>>();
        assert_eq!(by_row(2), [ErrorCode::ImportNumberInvalid]);
        assert_eq!(job.issues.iter().find(|i| i.row == 2).expect("row 2").value, "1,234.5");
        assert!(job.issues.iter().find(|i| i.row == 2).expect("row 2").column.starts_with("J · "));
        assert_eq!(by_row(3), [ErrorCode::ImportSourceUnknown]);
        assert_eq!(by_row(total_rows as u32 - 1), [ErrorCode::ImportMeasureForbidden]);
        assert_eq!(by_row(total_rows as u32), [ErrorCode::ImportMeasureUnknown]);
        for i in &job.issues {
            assert!(!i.message.uk.is_empty() && !i.message.en.is_empty());
        }
        assert!(job.changes.iter().any(|c| c.row == good as u32 + 1 && c.new == "77,0"), "{:?}", job.changes);
        assert!(job.can_confirm);
        // The marked copy: an errors sheet listing the rows, the file's sheet after it.
        let (marked, media) = community.download(ep::IMPORT_MARKED, &[&job.id], "lang=uk").expect("marked");
        assert_eq!(media, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        let sheets = read(&marked);
        assert_eq!(sheets[0].0, "Помилки");
        assert!(sheets[0].1.iter().any(|r| r.get(1) == Some(&V::N(2.0)) && r.get(3) == Some(&V::s("1,234.5"))));
        assert_eq!(sheets[1].0, "План");
        // Confirming takes the good rows only.
        community.confirm_import(job.id).expect("applied");
        let draft = community.my_draft().expect("draft").expect("a draft");
        assert!(draft.lines.iter().all(|l| l.measure_id.0.to_string() != first_id));
        assert!(draft.lines.iter().any(|l| matches!(&l.change, Change::Amount { new: Some(a), .. } if *a == Amount::parse("77").expect("a"))));
    }
}

on_both! {
    fn bad_files_get_a_clear_answer_and_change_nothing(kind) {
        let app = spawn_app(kind, true);
        let community = Client::demo(&app, "community.pidhorodne");
        let before = community.plan(&PlanFilter::default()).expect("plan");
        let failed = |query: &str, file: Vec<u8>| -> ImportJob {
            let job = community.import(query, file).expect("accepted as a job");
            assert_eq!(job.state, ImportState::Failed, "{:?}", job);
            job
        };
        // Not a spreadsheet.
        let job = failed("kind=plan&name=x.pdf", b"%PDF-1.7\n\x00\x01binary".to_vec());
        assert_eq!(job.failure.expect("why").code, ErrorCode::ImportNotSpreadsheet);
        let job = failed("kind=plan&name=x.xlsx", b"PK\x03\x04 truncated zip".to_vec());
        assert_eq!(job.failure.expect("why").code, ErrorCode::ImportNotSpreadsheet);
        // Wrong columns: the expected ones are named.
        let job = failed("kind=plan&name=x.xlsx", workbook(&[("Аркуш1".into(), vec![vec![V::s("Назва"), V::s("Сума")], vec![V::s("a"), V::N(1.0)]])]));
        let why = job.failure.expect("why");
        assert_eq!(why.code, ErrorCode::ImportColumnsMissing);
        assert!(why.value.contains("Код заходу") && why.value.contains("Джерело фінансування"), "{}", why.value);
        // An empty file.
        let (status, body) = community.raw_with(reqwest::Method::POST, "/api/imports?kind=plan&name=empty.csv", &[("content-type", "application/octet-stream")], Vec::<u8>::new());
        assert_eq!(status, 202, "{body}");
        // 100 000 rows of CSV.
        let mut csv = PLAN_HEAD.join(";");
        for i in 0..100_000 {
            csv.push_str(&format!("\n{};1.1;;;x;2026;2026;2026;Місцеві бюджети;1;1", i + 1));
        }
        let job = failed("kind=plan&name=big.csv", csv.into_bytes());
        assert_eq!(job.failure.expect("why").code, ErrorCode::ImportTooLarge);
        // More than 10 MB: refused at the door.
        let huge = vec![b'a'; 11 * 1024 * 1024];
        let err = community.start_import("kind=plan&name=huge.csv", huge).expect_err("too large");
        assert_eq!((err.status, err.code()), (413, ErrorCode::ImportTooLarge));
        // A zip bomb: a small archive that would unpack to hundreds of megabytes.
        let job = failed("kind=plan&name=bomb.xlsx", zip_bomb());
        assert_eq!(job.failure.expect("why").code, ErrorCode::ImportTooLarge);
        // A password-protected workbook (an OLE container holding an encrypted package).
        let job = failed("kind=plan&name=secret.xlsx", encrypted());
        assert_eq!(job.failure.expect("why").code, ErrorCode::ImportEncrypted);
        // Nothing changed.
        assert!(community.my_draft().expect("draft").is_none());
        assert_eq!(community.plan(&PlanFilter::default()).expect("plan"), before);
        // A failed job cannot be confirmed; another user's job is not found.
        let jobs: Vec<ImportJob> = community.call(ep::IMPORTS, &[]).expect("jobs");
        assert!(!jobs.is_empty());
        assert_eq!(community.confirm_import(jobs[0].id).expect_err("failed").code(), ErrorCode::ImportNotReady);
        let other = Client::demo(&app, "district.dnipro");
        assert_eq!(other.import_job(jobs[0].id).expect_err("not theirs").status, 404);
        // Who may not plan may not import a plan.
        let head = Client::demo(&app, "head");
        assert_eq!(head.start_import("kind=plan&name=p.xlsx", b"x".to_vec()).expect_err("head").status, 403);
    }
}

/// A zip whose sheet part unpacks to 300 MB of spaces.
fn zip_bomb() -> Vec<u8> {
    use std::io::Write;
    let mut out = std::io::Cursor::new(Vec::new());
    {
        let mut zip = zip::ZipWriter::new(&mut out);
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .large_file(true);
        zip.start_file("xl/worksheets/sheet1.xml", options)
            .expect("entry");
        let chunk = vec![b' '; 1024 * 1024];
        for _ in 0..300 {
            zip.write_all(&chunk).expect("write");
        }
        zip.finish().expect("finish");
    }
    out.into_inner()
}

/// What Excel writes for a workbook with a password to open: an OLE compound file with an
/// `EncryptedPackage` stream.
fn encrypted() -> Vec<u8> {
    use std::io::Write;
    let mut file = cfb::CompoundFile::create(std::io::Cursor::new(Vec::new())).expect("cfb");
    file.create_stream("/EncryptionInfo")
        .expect("info")
        .write_all(&[4, 0, 4, 0, 0x40, 0, 0, 0])
        .expect("write");
    file.create_stream("/EncryptedPackage")
        .expect("package")
        .write_all(&[0u8; 4096])
        .expect("write");
    file.flush().expect("flush");
    file.into_inner().into_inner()
}

on_both! {
    fn a_stale_file_shows_conflicts_not_overwrites(kind) {
        let app = spawn_app(kind, true);
        let community = Client::demo(&app, "community.pidhorodne");
        let district = Client::demo(&app, "district.dnipro");
        let department = Client::demo(&app, "department");
        let org = own_org(&community);
        let measures = measures_of(&community, org);
        let version = current_version(&community);
        let (name, rows) = plan_sheet(&measures, version);
        let m = &measures[0];
        let l = &m.budget_lines[0];
        // Meanwhile the plan moves: the department changes that line and approves it.
        let mut input = m.to_input();
        input.budget_lines[0].amount = Amount::parse("4321").expect("a");
        department.propose(m.id, None, &input).expect("proposed");
        let d = department.my_draft().expect("draft").expect("one");
        let d = department.step(&d, "submit").expect("submitted");
        department.approve_all(&department.proposal(d.summary.id).expect("p")).expect("approved");
        let _ = &district;
        // The old file, untouched: nothing to change (the newer plan stands).
        let untouched = community.import("kind=plan&name=old.xlsx", workbook(&[(name.clone(), rows.clone())])).expect("job");
        assert!(untouched.changes.is_empty(), "{:?}", untouched.changes);
        // The old file with that very line edited: a conflict, not written.
        let code_col = col(&rows, "Код заходу");
        let r = row_where(&rows, &[code_col, col(&rows, "Рік"), col(&rows, "Джерело фінансування")], &[&m.id.0.to_string(), &l.year.to_string(), &l.source.label().uk]);
        let mut edited = rows.clone();
        set(&mut edited, r, col(&rows, "Сума, тис. грн"), V::N(5.0));
        let job = community.import("kind=plan&name=old-edited.xlsx", workbook(&[(name, edited)])).expect("job");
        assert_eq!(job.counts.conflicts, 1, "{:?}", job.changes);
        let c = job.changes.iter().find(|c| c.kind == ChangeKind::Conflict).expect("the conflict");
        assert_eq!((c.row, c.old.as_str(), c.new.as_str()), (r as u32 + 1, "4\u{a0}321,0", "5,0"));
        assert!(!job.can_confirm);
    }
}

on_both! {
    fn a_quarter_is_reported_from_excel(kind) {
        let app = spawn_app(kind, true);
        let community = Client::demo(&app, "community.pidhorodne");
        let org = own_org(&community);
        let report = community.report(org, "2026-Q3").expect("report");
        assert!(report.can_edit);
        let (book, media) = community.download(ep::REPORT_WORKBOOK, &[&org, &"2026-Q3"], "lang=uk").expect("workbook");
        assert_eq!(media, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        let names: Vec<String> = read(&book).into_iter().map(|s| s.0).collect();
        assert_eq!(names, ["Про файл", "Заходи", "Витрати", "Показники"]);
        let m0 = &report.measures[0];
        let line = &m0.lines[0];
        let value_code = report.values.iter().find(|v| v.previous.is_none()).map(|v| v.code.clone());
        // Filled offline: statuses, narratives, spending; one indicator value typed wrong.
        let filled = edit(&book, |sheets| {
            let ms = sheet_mut(sheets, "Заходи");
            let (status, narrative) = (col(ms, "Стан виконання"), col(ms, "Що зроблено"));
            for r in 1..ms.len() {
                set(ms, r, status, V::s("Виконується"));
                set(ms, r, narrative, V::s("Закупівлю проведено"));
            }
            let sp = sheet_mut(sheets, "Витрати");
            let spent = col(sp, "Витрачено за квартал, тис. грн");
            let r = row_where(sp, &[0, col(sp, "Джерело фінансування")], &[&m0.measure_id.0.to_string(), &line.source.label().uk]);
            set(sp, r, spent, V::s("1,5"));
            if value_code.is_some() {
                let vs = sheet_mut(sheets, "Показники");
                let value = col(vs, "Значення");
                set(vs, 1, value, V::s("багато"));
            }
        });
        let query = format!("kind=report&org={}&period=2026-Q3&name=q3.xlsx", org.0);
        let job = community.import(&query, filled).expect("checked");
        assert_eq!(job.state, ImportState::Ready, "{:?}", job.failure);
        let statuses = job.changes.iter().filter(|c| c.field == "status").count();
        assert_eq!(statuses, report.measures.len());
        assert!(job.changes.iter().any(|c| c.field == format!("spending:{}", line.source.as_str()) && c.new == "1,5"), "{:?}", job.changes);
        if value_code.is_some() {
            assert_eq!(job.issues.len(), 1, "{:?}", job.issues);
            assert_eq!((job.issues[0].sheet.as_str(), job.issues[0].row), ("Показники", 2));
        }
        // Nothing saved until confirmed; then the draft holds exactly the file's values.
        assert_eq!(community.report(org, "2026-Q3").expect("r").version, report.version);
        community.confirm_import(job.id).expect("saved");
        let saved = community.report(org, "2026-Q3").expect("r");
        assert!(saved.measures.iter().all(|m| m.status == Some(shared::api::reports::ExecutionStatus::InProgress) && m.narrative == "Закупівлю проведено"));
        let spent = saved.measures[0].lines.iter().find(|l| l.source == line.source).expect("line").spent;
        assert_eq!(spent, Amount::parse("1,5").expect("a"));
        // Another organisation's report cannot be imported into.
        let other = Client::demo(&app, "community.petrykivka");
        let err = other.start_import(&query, b"x".to_vec()).expect_err("not theirs");
        assert!(matches!(err.status, 403 | 404), "{}", err.status);
        // A workbook of another period is refused whole.
        let q2 = format!("kind=report&org={}&period=2026-Q2&name=q3.xlsx", org.0);
        let job = community.import(&q2, book).expect("checked");
        assert_eq!(job.state, ImportState::Failed);
        assert_eq!(job.failure.expect("why").code, ErrorCode::ImportWrongReport);
        let _ = (MeasureId(0), FundingSource::ALL);
    }
}

/// The targets sheet of the targets export (headings from row 0) and its sheet's name.
fn targets_sheet(book: &[u8]) -> (String, Vec<Vec<V>>) {
    let sheets = read(book);
    let (name, rows) = sheets
        .into_iter()
        .find(|(n, _)| n.ends_with("Цілі"))
        .expect("a sheet «Цілі»");
    let h = rows
        .iter()
        .position(|r| r.iter().any(|v| v.text() == "Код показника"))
        .expect("headings");
    (name, rows[h..].to_vec())
}

on_both! {
    fn the_department_sets_targets_from_a_sheet(kind) {
        let app = spawn_app(kind, true);
        let department = Client::demo(&app, "department");
        let community = Client::demo(&app, "community.pidhorodne");
        let district = Client::demo(&app, "district.dnipro");
        let org = own_org(&community).0;
        let district_org = own_org(&district).0;
        let (book, _) = department.download(ep::EXPORT, &[&"targets.xlsx"], "lang=uk").expect("targets.xlsx");
        let (name, rows) = targets_sheet(&book);
        let (code, org_id, year, target) = (col(&rows, "Код показника"), col(&rows, "Код організації в Обрії"), col(&rows, "Рік"), col(&rows, "Ціль"));
        // Every community reports IND-10: a row per community and year, empty (the programme's applies).
        let own = row_where(&rows, &[code, org_id, year], &["IND-10", &org.to_string(), "2026"]);
        assert_eq!(rows[own].get(target), Some(&V::E));
        let ind10_rows = rows.iter().filter(|r| r[code].text() == "IND-10").count();
        assert!(ind10_rows >= 86 * 3 + 3, "{ind10_rows}");
        // Back unchanged: nothing to do.
        let job = department.import("kind=targets&name=targets.xlsx", book.clone()).expect("checked");
        assert_eq!(job.state, ImportState::Ready, "{:?}", job.failure);
        assert!(job.changes.is_empty() && job.issues.is_empty(), "{:?} {:?}", job.changes, job.issues);
        assert!(!job.can_confirm);

        // In Excel: the community's own 2026 target, the programme's 2027 target of IND-10, and
        // three bad rows — a value out of range, an unknown code, a district that doesn't report it.
        let programme = (1..rows.len()).find(|&r| rows[r][code].text() == "IND-10" && rows[r].get(org_id).is_none_or(|v| *v == V::E) && rows[r][year].text() == "2027").expect("the programme's row");
        let edited = edit(&book, |sheets| {
            let s = sheet_mut(sheets, &name);
            let h = s.iter().position(|r| r.iter().any(|v| v.text() == "Код показника")).expect("headings");
            set(s, h + own, target, V::s("52,5"));
            set(s, h + programme, target, V::N(56.0));
            let bad = s[h + own + 1].clone();
            s.push(bad.clone());
            let last = s.len() - 1;
            set(s, last, target, V::s("120"));
            s.push(bad.clone());
            let last = s.len() - 1;
            set(s, last, code, V::s("IND-99"));
            s.push(bad);
            let last = s.len() - 1;
            set(s, last, org_id, V::N(f64::from(district_org)));
            set(s, last, target, V::N(50.0));
        });
        let before = department.call::<Vec<shared::api::indicators::IndicatorEntry>>(ep::INDICATORS, &[]).expect("indicators");
        let job = department.import("kind=targets&name=targets.xlsx", edited.clone()).expect("checked");
        assert_eq!(job.state, ImportState::Ready, "{:?}", job.failure);
        let want: BTreeSet<_> = [
            ("indicator:IND-10".to_string(), format!("target:2026:org:{org}"), ChangeKind::Added),
            ("indicator:IND-10".to_string(), "target:2027".to_string(), ChangeKind::Changed),
        ].into_iter().collect();
        assert_eq!(fields(&job), want);
        let mut codes: Vec<ErrorCode> = job.issues.iter().map(|i| i.code).collect();
        codes.sort_by_key(|c| c.as_str());
        assert_eq!(codes, vec![ErrorCode::ImportIndicatorUnknown, ErrorCode::ImportTargetNotReporter, ErrorCode::IndicatorValueOutOfRange]);
        assert!(job.issues.iter().all(|i| i.row > 1 && !i.column.is_empty()), "{:?}", job.issues);
        // Nothing written before the confirmation, and coordinators may not set targets.
        assert_eq!(department.call::<Vec<shared::api::indicators::IndicatorEntry>>(ep::INDICATORS, &[]).expect("indicators"), before);
        assert_eq!(community.import("kind=targets&name=t.xlsx", edited.clone()).expect_err("forbidden").status, 403);

        let applied = department.confirm_import(job.id).expect("confirmed");
        assert_eq!(applied.state, ImportState::Applied);
        let after = department.call::<Vec<shared::api::indicators::IndicatorEntry>>(ep::INDICATORS, &[]).expect("indicators");
        let ind10 = after.iter().find(|e| e.code == "IND-10").expect("IND-10");
        let y = |n| shared::Year::new(n).expect("year");
        assert_eq!(ind10.indicator.org_target(shared::OrgId(org), y(2026)), Some("52.5".parse().expect("d")));
        assert_eq!(ind10.indicator.target(y(2027)), Some("56".parse().expect("d")));
        assert_eq!(ind10.indicator.org_targets.len(), 1);
        // The community is held to its own target; another community to the programme's.
        let tile = |c: &Client, id: i32| c.dashboard("community", Some(id), Some("2026-Q4")).expect("dashboard").indicators.into_iter().find(|t| t.code == "IND-10").map(|t| t.target);
        assert_eq!(tile(&community, org), Some(Some("52.5".parse().expect("d"))));
        // On the record, with the targets before and after.
        let record: shared::api::audit::AuditPage = department.call_query(ep::AUDIT, &[], "").expect("audit");
        assert!(record.entries.iter().any(|e| e.action == shared::api::audit::AuditAction::IndicatorTargetsChanged), "no record entry");

        // The same file twice changes nothing; a file from before the change that differs is a conflict.
        let again = department.import("kind=targets&name=targets.xlsx", edited).expect("again");
        assert!(again.changes.is_empty(), "{:?}", again.changes);
        let stale = edit(&book, |sheets| {
            let s = sheet_mut(sheets, &name);
            let h = s.iter().position(|r| r.iter().any(|v| v.text() == "Код показника")).expect("headings");
            set(s, h + own, target, V::N(60.0));
        });
        let job = department.import("kind=targets&name=old.xlsx", stale).expect("checked");
        assert_eq!(job.changes.len(), 1, "{:?}", job.changes);
        assert_eq!(job.changes[0].kind, ChangeKind::Conflict);
        assert!(!job.can_confirm);
        // Emptied, the own target goes and the programme's applies again.
        let (fresh, _) = department.download(ep::EXPORT, &[&"targets.xlsx"], "lang=uk").expect("fresh");
        let removed = edit(&fresh, |sheets| {
            let s = sheet_mut(sheets, &name);
            let h = s.iter().position(|r| r.iter().any(|v| v.text() == "Код показника")).expect("headings");
            set(s, h + own, target, V::E);
        });
        let job = department.import("kind=targets&name=fresh.xlsx", removed).expect("checked");
        assert_eq!(fields(&job), [("indicator:IND-10".to_string(), format!("target:2026:org:{org}"), ChangeKind::Removed)].into_iter().collect());
        department.confirm_import(job.id).expect("confirmed");
        assert_eq!(tile(&community, org), Some(Some("45".parse().expect("d"))));
    }
}

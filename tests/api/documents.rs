//! `/api/documents`: the statutory documents read back (PDF text with pdftotext, workbook cells with calamine) carry the dashboard's figures; who may produce what; the final report of 2023–2025 entered as data gives the report's own figures.

use obriy_tests::client::save_of;
use obriy_tests::data::{amount, measure, year};
use obriy_tests::documents::{number, pdf_pages, pdf_text, sheet, text, xlsx_sheets};
use obriy_tests::{on_both, spawn_app, Client};
use shared::api::budget::SetApproved;
use shared::api::dashboard::Dashboard;
use shared::api::orgs::OrgKind;
use shared::api::reports::{ExecutionStatus, SpendingInput};
use shared::execution::Execution;
use shared::{Amount, ErrorCode, FundingSource, GridCell, MeasureId, Year};

const PDF: &str = "application/pdf";
const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// An amount as the documents print it: `789 460,0`.
fn printed(a: Amount) -> String {
    let v = a
        .decimal()
        .round_dp_with_strategy(1, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
    shared::amount::format_thousands(v, shared::Lang::Uk).replace('\u{a0}', " ")
}

fn year_total(d: &Dashboard, y: Year) -> Execution {
    d.execution
        .iter()
        .find(|r| r.year == y && r.direction.is_none())
        .map(|r| r.execution)
        .unwrap_or_default()
}

/// The workbook row whose text cell at `col` is `label`.
fn row_with<'a>(rows: &'a [Vec<calamine::Data>], col: usize, label: &str) -> &'a [calamine::Data] {
    rows.iter()
        .find(|r| r.get(col).is_some_and(|c| text(c) == label))
        .unwrap_or_else(|| panic!("no row {label}"))
}

fn close(a: f64, b: Amount) -> bool {
    (a - b.decimal().to_string().parse::<f64>().expect("f64")).abs() < 0.0005
}

on_both! {
    fn the_documents_carry_the_dashboards_figures(kind) {
        let app = spawn_app(kind, true);
        let dept = Client::demo(&app, "department");
        let catalog = dept.documents("").expect("catalogue");
        assert_eq!(catalog.scope.kind, OrgKind::Oblast);
        let kinds: Vec<&str> = catalog.entries.iter().map(|e| e.kind.as_str()).collect();
        assert_eq!(kinds, ["quarterly", "annual", "results", "final"], "an executor's own report needs one organisation");
        let shared::calendar::ReportPeriod::Quarter(q) = catalog.quarter else { panic!("a quarter") };
        let board = dept.dashboard("oblast", None, Some(&q.to_string())).expect("dashboard");
        let totals = year_total(&board, q.year);

        // The annual document: the total and each direction as on the dashboard.
        let (xlsx, media) = dept.document("annual.xlsx", &format!("period={}", q.year)).expect("annual xlsx");
        assert_eq!(media, XLSX);
        let sheets = xlsx_sheets(&xlsx);
        assert_eq!(text(&sheets[0].1[0][0]), "Звіт про хід виконання Програми за рік");
        let measures = sheet(&sheets, "Заходи");
        let total = row_with(measures, 1, "Усього");
        assert!(close(number(&total[4]), totals.planned), "planned {:?} vs {}", total[4], totals.planned);
        assert!(close(number(&total[5]), totals.approved), "approved");
        assert!(close(number(&total[6]), totals.executed), "executed");
        for row in board.execution.iter().filter(|r| r.year == q.year && r.direction.is_some()) {
            let number_of = board.directions.iter().find(|d| Some(d.id) == row.direction).expect("direction").number;
            let line = row_with(measures, 0, &number_of.to_string());
            assert!(close(number(&line[4]), row.execution.planned), "direction {number_of} planned");
            assert!(close(number(&line[6]), row.execution.executed), "direction {number_of} executed");
        }
        // The oblast budget alone, as the dashboard filters it.
        let oblast = dept.dashboard_query(&format!("level=oblast&quarter={q}&source=oblast")).expect("oblast budget");
        let oblast_totals = year_total(&oblast, q.year);
        let (xlsx, _) = dept.document("annual.xlsx", &format!("period={}&source=oblast", q.year)).expect("oblast xlsx");
        let sheets = xlsx_sheets(&xlsx);
        let total = row_with(sheet(&sheets, "Заходи"), 1, "Усього");
        assert!(close(number(&total[4]), oblast_totals.planned) && close(number(&total[6]), oblast_totals.executed), "the oblast budget alone");
        assert!(oblast_totals.planned < totals.planned);
        let (pdf, media) = dept.document("annual.pdf", &format!("period={}", q.year)).expect("annual pdf");
        assert_eq!(media, PDF);
        let words = pdf_text(&pdf);
        assert!(words.contains("Звіт про хід виконання Програми за рік"));
        assert!(words.contains("UA12000000000090473"), "the passport's KATOTTH code");
        assert!(words.contains(&printed(totals.planned)), "the planned total {} printed", printed(totals.planned));
        assert!(words.contains(&printed(totals.executed)), "the executed total printed");
        let pages = pdf_pages(&pdf);
        assert!(words.contains(&format!("стор. 1 з {pages}")) && words.contains(&format!("стор. {pages} з {pages}")), "page numbers");

        // The quarterly document: the indicators against the pro-rated target, as on the dashboard.
        let (xlsx, _) = dept.document("quarterly.xlsx", &format!("period={q}")).expect("quarterly");
        let sheets = xlsx_sheets(&xlsx);
        let indicators = sheet(&sheets, "Показники");
        for tile in &board.indicators {
            let row = row_with(indicators, 0, &tile.code);
            if let Some(actual) = &tile.actual {
                assert!((number(&row[5]) - actual.value.to_string().parse::<f64>().expect("f")).abs() < 1e-9, "{} actual", tile.code);
            }
        }
        let entry = catalog.entries.iter().find(|e| e.kind.as_str() == "quarterly").expect("quarterly");
        let words = pdf_text(&dept.document("quarterly.pdf", &format!("period={q}")).expect("pdf").0);
        for pending in entry.state.missing.iter().chain(&entry.state.unapproved).take(5) {
            assert!(words.contains(pending.org.name.uk.split_whitespace().next().expect("a word")), "{} named", pending.org.name.uk);
        }
        if !entry.state.is_complete() {
            assert!(words.contains("ПРОЄКТ"), "a draft says so");
        }

        // The results and final documents are produced in both formats, in English too.
        for file in ["results.pdf", "results.xlsx", "final.pdf", "final.xlsx"] {
            let (bytes, _) = dept.document(file, &format!("period={}&lang=en", q.year)).expect(file);
            assert!(bytes.len() > 1000, "{file}");
        }
        let words = pdf_text(&dept.document("results.pdf", &format!("period={}&lang=en", q.year)).expect("en").0);
        assert!(words.contains("Evaluation (a)") && words.contains("page 1 of"));
    }
}

on_both! {
    fn who_may_produce_what_follows_the_scopes(kind) {
        let app = spawn_app(kind, true);
        let community = Client::demo(&app, "community.pidhorodne");
        let own = community.documents("").expect("own catalogue");
        assert_eq!(own.scope.kind, OrgKind::Community);
        assert!(own.entries.iter().any(|e| e.kind.as_str() == "report"));
        let period = own.quarter.to_string();
        let (pdf, _) = community.document("report.pdf", &format!("period={period}")).expect("its own report");
        let words = pdf_text(&pdf);
        assert!(words.contains("Підгороднен"), "the organisation's name");
        let orgs = community.orgs().expect("orgs");
        let other = orgs.iter().find(|o| o.kind == OrgKind::Community && o.id != own.scope.id).expect("another");
        let refused = community.document("report.pdf", &format!("period={period}&org={}", other.id)).expect_err("not its own");
        assert_eq!(refused.status, 403);
        let oblast = orgs.iter().find(|o| o.kind == OrgKind::Oblast).expect("oblast");
        assert_eq!(community.document("annual.pdf", &format!("org={}", oblast.id)).expect_err("oblast").status, 403);

        let district = Client::demo(&app, "district.dnipro");
        let d = district.documents("").expect("district");
        assert_eq!(d.scope.kind, OrgKind::District);
        assert!(d.scopes.iter().all(|s| s.id == d.scope.id || s.parent == Some(d.scope.id)), "its own and its communities'");
        district.document("quarterly.xlsx", "").expect("its district's consolidation");

        let dept = Client::demo(&app, "department");
        let bad = dept.document("quarterly.pdf", "period=2026-Q9").expect_err("no such quarter");
        assert_eq!((bad.status, bad.body.field.as_deref()), (422, Some("period")));
        let annual_as_quarter = dept.document("quarterly.pdf", "period=2026").expect_err("a year is not a quarter");
        assert_eq!((annual_as_quarter.code(), annual_as_quarter.body.field.as_deref()), (ErrorCode::QuarterInvalid, Some("period")));
        assert_eq!(dept.document("nonsense.pdf", "").expect_err("unknown").status, 404);
        assert_eq!(dept.document("annual.docx", "").expect_err("unknown format").status, 404);
        assert_eq!(dept.document("report.pdf", "").expect_err("the oblast has no single report").status, 400);
        assert_eq!(Client::anonymous(&app).document("annual.pdf", "").expect_err("signed out").status, 401);
    }
}

/// The measures of the 2023–2025 final report (executed amounts per year, from its text), the
/// first two years mapped to 2026–2028: (direction, name, executed 2026, 2027, 2028).
const FINAL_MEASURES: [(usize, &str, [&str; 3]); 8] = [
    (
        1,
        "Оцінювання рівня цифрового розвитку районів, міст та громад",
        ["0", "0", "69.7"],
    ),
    (
        2,
        "Функціонування системи електронного документообігу",
        ["479.0", "350.0", "350.0"],
    ),
    (
        2,
        "Функціонування інтегрованої платформи інтернет-порталів",
        ["495.9", "498.0", "498.0"],
    ),
    (
        3,
        "Комплексні системи захисту інформації",
        ["2512.8", "0", "1323.9"],
    ),
    (
        4,
        "Підтримка функціонування СІАЗ, ЕКЦ та інформаційних систем",
        ["25300.0", "29900.0", "36380.2"],
    ),
    (
        4,
        "Електронні комунікаційні сервіси та захищені канали зв'язку",
        ["1486.8", "1489.5", "1593.7"],
    ),
    (
        4,
        "Обладнання, ліцензійне ПЗ і комплектуючі для ЕКЦ",
        ["2605.1", "0", "0"],
    ),
    (
        4,
        "Поновлення ліцензій на програмне забезпечення",
        ["2057.1", "4530.7", "5180.0"],
    ),
];

/// What the budget decisions approved beyond what was spent, per year (the report's approved
/// totals minus its executed ones), carried by the СІАЗ measure.
const APPROVED_BEYOND: [&str; 3] = ["773.2", "1444.2", "322.7"];
/// What the programme planned beyond what was approved, per year: a measure of direction 5.
const PLANNED_BEYOND: [&str; 3] = ["94640.1", "200287.6", "142631.8"];

on_both! {
    fn the_final_report_of_2023_2025_comes_out_of_its_data(kind) {
        // The demo's accounts, and an oblast executor the demo plans nothing for: the report's
        // measures are its, and the documents are asked for its scope.
        let app = spawn_app(kind, true);
        let dept = Client::demo(&app, "department");
        let programme = dept.programme().expect("programme");
        let orgs = dept.orgs().expect("orgs");
        let own = orgs
            .iter()
            .find(|o| matches!(o.kind, OrgKind::Executor | OrgKind::Oblast) && o.measure_count == 0)
            .expect("an executor without demo measures")
            .id;
        let scope = format!("org={own}&source=oblast");
        let task_of = |direction: usize| programme.directions[direction - 1].tasks[0].id;
        let years = [2026, 2027, 2028];
        let amt = |s: &str| amount(s);
        // The plan: each measure planned as approved; direction 5 carries what was planned only.
        let mut plan: Vec<(MeasureId, [Amount; 3], [Amount; 3])> = Vec::new();
        let mut inputs = Vec::new();
        for (k, (direction, name, executed)) in FINAL_MEASURES.iter().enumerate() {
            let executed = executed.map(amt);
            let approved: [Amount; 3] = std::array::from_fn(|i| if k == 4 { executed[i] + amt(APPROVED_BEYOND[i]) } else { executed[i] });
            let lines: Vec<(i32, FundingSource, String)> = years.iter().zip(approved).filter(|(_, a)| !a.is_zero()).map(|(y, a)| (*y, FundingSource::Oblast, a.to_string())).collect();
            let lines: Vec<(i32, FundingSource, &str)> = lines.iter().map(|(y, s, a)| (*y, *s, a.as_str())).collect();
            inputs.push((measure(task_of(*direction), own, name, &lines), approved, executed));
        }
        let strategic: Vec<(i32, FundingSource, &str)> = years.iter().zip(PLANNED_BEYOND).map(|(y, a)| (*y, FundingSource::Oblast, a)).collect();
        inputs.push((measure(task_of(5), own, "Інформатизація стратегічних напрямів розвитку регіону", &strategic), [Amount::ZERO; 3], [Amount::ZERO; 3]));
        for (input, approved, executed) in &inputs {
            let m = dept.create_measure(input).expect("create");
            plan.push((m.id, *approved, *executed));
        }
        if let Some(p) = dept.my_draft().expect("draft") {
            let p = dept.step(&p, "submit").unwrap_or(p);
            dept.approve_all_beyond_envelope(&p, "Програма 2023–2025").expect("approve the plan");
        }
        // The budget decisions.
        for (id, approved, _) in &plan {
            let e = dept.execution(*id).expect("execution");
            let cells = years.iter().zip(approved).filter(|(_, a)| !a.is_zero())
                .map(|(y, a)| GridCell { year: year(*y), source: FundingSource::Oblast, amount: *a }).collect();
            dept.set_approved(*id, &SetApproved { version: e.version, approved: cells }).expect("approved amounts");
        }
        // The spending, in each year's fourth-quarter report, approved by the department.
        app.set_today("2029-01-20");
        for (i, y) in years.iter().enumerate() {
            let period = format!("{y}-Q4");
            let r = dept.report(own, &period).expect("report");
            let mut save = save_of(&r);
            for m in &mut save.measures {
                let executed = plan.iter().find(|p| p.0 == m.measure_id).map_or(Amount::ZERO, |p| p.2[i]);
                m.status = Some(ExecutionStatus::Done);
                m.spending = vec![SpendingInput { source: FundingSource::Oblast, amount: executed, comment: String::new() }];
            }
            for v in &mut save.values {
                v.value = Some(rust_decimal::Decimal::ONE);
            }
            let saved = dept.save_report(&r, &save).expect("save");
            let submitted = dept.report_step(&saved, "submit", None).expect("submit");
            dept.report_step(&submitted, "approve", None).expect("approve");
        }
        let (pdf, _) = dept.document("final.pdf", &scope).expect("final");
        let words = pdf_text(&pdf);
        for figure in ["557 200,0", "119 640,5", "117 100,4", "21,5 %", "97,9 %",
                       "27,4 %", "16,0 %", "24,3 %", "97,8 %", "96,2 %", "99,3 %",
                       "130 350,0", "238 500,0", "188 350,0", "35 709,9", "38 212,4", "45 718,2",
                       "34 936,7", "36 768,2", "45 395,5"] {
            assert!(words.contains(figure), "the final report says {figure}");
        }
        // Its per-measure table: each measure's executed amount per year.
        let (xlsx, _) = dept.document("final.xlsx", &scope).expect("final xlsx");
        let sheets = xlsx_sheets(&xlsx);
        let funding = sheet(&sheets, "Фінансування");
        let total = row_with(funding, 0, "Усього");
        assert!(close(number(&total[1]), amt("557200")) && close(number(&total[2]), amt("119640.5")) && close(number(&total[3]), amt("117100.4")));
        assert!((number(&total[4]) - 0.215).abs() < 1e-9 && (number(&total[5]) - 0.979).abs() < 1e-9, "ratios as fractions");
        for (direction, name, executed) in FINAL_MEASURES {
            let rows = sheet(&sheets, &format!("Напрям {direction}"));
            for (i, y) in years.iter().enumerate() {
                let e = amt(executed[i]);
                if e.is_zero() && !(direction == 4 && name.starts_with("Підтримка")) {
                    continue;
                }
                let row = rows.iter().find(|r| text(&r[1]) == name && text(&r[3]) == y.to_string()).unwrap_or_else(|| panic!("{name} {y}"));
                assert!(close(number(&row[6]), e), "{name} {y}: {:?} vs {e}", row[6]);
            }
        }
    }
}

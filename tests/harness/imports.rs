//! Workbooks as a user's Excel makes them: written with rust_xlsxwriter, read back with calamine, edited cell by cell and saved again.

use calamine::{Data, Reader, Xlsx};
use rust_xlsxwriter::Workbook;
use std::io::Cursor;

/// A cell as a user leaves it.
#[derive(Debug, Clone, PartialEq)]
pub enum V {
    S(String),
    N(f64),
    E,
}

impl V {
    pub fn s(s: &str) -> V {
        V::S(s.to_string())
    }

    pub fn text(&self) -> String {
        match self {
            V::S(s) => s.clone(),
            V::N(n) if n.fract() == 0.0 => format!("{}", *n as i64),
            V::N(n) => n.to_string(),
            V::E => String::new(),
        }
    }
}

pub type Sheet = (String, Vec<Vec<V>>);

/// The headings of the plan file (the plan export's, which the import reads back).
pub const PLAN_HEAD: [&str; 11] = [
    "Код заходу",
    "Код завдання",
    "КАТОТТГ виконавця",
    "Виконавець",
    "Захід",
    "Рік початку",
    "Рік завершення",
    "Рік",
    "Джерело фінансування",
    "Сума, тис. грн",
    "Версія плану",
];

/// A workbook of these sheets.
pub fn workbook(sheets: &[Sheet]) -> Vec<u8> {
    let mut book = Workbook::new();
    for (name, rows) in sheets {
        let sheet = book.add_worksheet();
        sheet.set_name(name).unwrap_or_else(|e| panic!("{e}"));
        for (r, row) in rows.iter().enumerate() {
            for (c, v) in row.iter().enumerate() {
                let (r, c) = (r as u32, c as u16);
                match v {
                    V::S(s) => {
                        sheet
                            .write_string(r, c, s)
                            .unwrap_or_else(|e| panic!("{e}"));
                    }
                    V::N(n) => {
                        sheet
                            .write_number(r, c, *n)
                            .unwrap_or_else(|e| panic!("{e}"));
                    }
                    V::E => {}
                }
            }
        }
    }
    book.save_to_buffer().unwrap_or_else(|e| panic!("{e}"))
}

/// Every sheet with its cells from A1.
pub fn read(bytes: &[u8]) -> Vec<Sheet> {
    let mut book: Xlsx<_> =
        Xlsx::new(Cursor::new(bytes.to_vec())).unwrap_or_else(|e| panic!("not a workbook: {e}"));
    let names = book.sheet_names().to_vec();
    names
        .into_iter()
        .map(|name| {
            let range = book
                .worksheet_range(&name)
                .unwrap_or_else(|e| panic!("sheet {name}: {e}"));
            let (r0, c0) = range.start().unwrap_or((0, 0));
            let mut rows = vec![Vec::new(); r0 as usize];
            for row in range.rows() {
                let mut out = vec![V::E; c0 as usize];
                out.extend(row.iter().map(|d| match d {
                    Data::String(s) => V::S(s.clone()),
                    Data::Float(f) => V::N(*f),
                    Data::Int(i) => V::N(*i as f64),
                    Data::Empty => V::E,
                    other => V::S(other.to_string()),
                }));
                rows.push(out);
            }
            (name, rows)
        })
        .collect()
}

/// Opens the workbook, lets `f` change its sheets, saves it again.
pub fn edit(bytes: &[u8], f: impl FnOnce(&mut Vec<Sheet>)) -> Vec<u8> {
    let mut sheets = read(bytes);
    f(&mut sheets);
    workbook(&sheets)
}

/// The sheet whose name is `name`.
pub fn sheet_mut<'a>(sheets: &'a mut [Sheet], name: &str) -> &'a mut Vec<Vec<V>> {
    &mut sheets
        .iter_mut()
        .find(|(n, _)| n == name)
        .unwrap_or_else(|| panic!("no sheet {name}"))
        .1
}

/// The column whose heading (row 1) is `head`.
pub fn col(rows: &[Vec<V>], head: &str) -> usize {
    rows[0]
        .iter()
        .position(|v| v.text() == head)
        .unwrap_or_else(|| panic!("no column {head}: {:?}", rows[0]))
}

/// Sets a cell, growing the row as needed.
pub fn set(rows: &mut [Vec<V>], r: usize, c: usize, v: V) {
    let row = &mut rows[r];
    if row.len() <= c {
        row.resize(c + 1, V::E);
    }
    row[c] = v;
}

/// The first row (below the heading) whose cells at `cols` read `values`.
pub fn row_where(rows: &[Vec<V>], cols: &[usize], values: &[&str]) -> usize {
    (1..rows.len())
        .find(|&r| {
            cols.iter()
                .zip(values)
                .all(|(c, v)| rows[r].get(*c).map(V::text).as_deref() == Some(*v))
        })
        .unwrap_or_else(|| panic!("no row with {values:?}"))
}

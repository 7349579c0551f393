//! Today's date in Kyiv, which every due date is compared with: the system clock, or a date fixed by `OBRIY_NOW` or by tests.

use shared::calendar::{Date, PROGRAMME_START};
use std::sync::RwLock;

/// The application's clock. Only the date matters: the calendar's rules are in whole days.
#[derive(Debug, Default)]
pub struct Clock {
    fixed: RwLock<Option<Date>>,
}

impl Clock {
    pub fn new(fixed: Option<Date>) -> Clock {
        Clock {
            fixed: RwLock::new(fixed),
        }
    }

    /// Today in Kyiv (or the fixed date).
    pub fn today(&self) -> Date {
        let fixed = *self
            .fixed
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        // The system clock is always within the years 1–9999.
        fixed.unwrap_or_else(|| {
            Date::kyiv_from_unix_ms(crate::db::now_ms()).unwrap_or(PROGRAMME_START)
        })
    }

    /// Fixes the date (`None`: back to the system clock). Only tests and `OBRIY_NOW` do this.
    pub fn set(&self, date: Option<Date>) {
        *self
            .fixed
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = date;
    }
}

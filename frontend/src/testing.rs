//! Shorthands for unit tests: years and amounts from literals.

use shared::{Amount, Year};

pub fn y(n: i32) -> Year {
    Year::new(n).expect("year")
}

pub fn a(s: &str) -> Amount {
    Amount::parse(s).expect("amount")
}

//! Codes: KATOTTH codes of territorial units and the programme's task codes (`2.1`).

use crate::error::ErrorCode;
use serde::{Deserialize, Deserializer, Serialize};
use std::fmt;

/// A code of the KATOTTH codifier: `UA` and 17 digits.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(transparent)]
pub struct KatottgCode(String);

impl KatottgCode {
    pub fn parse(input: &str) -> Result<KatottgCode, ErrorCode> {
        let s = input.trim().to_ascii_uppercase();
        let digits = s.strip_prefix("UA").ok_or(ErrorCode::CodeInvalid)?;
        if digits.len() == 17 && digits.chars().all(|c| c.is_ascii_digit()) {
            Ok(KatottgCode(s))
        } else {
            Err(ErrorCode::CodeInvalid)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for KatottgCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for KatottgCode {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        KatottgCode::parse(&s).map_err(|c| serde::de::Error::custom(c.as_str()))
    }
}

/// A task's number within the programme: direction and task, `2.1`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TaskCode {
    pub direction: u8,
    pub task: u8,
}

impl TaskCode {
    pub fn parse(input: &str) -> Result<TaskCode, ErrorCode> {
        let (d, t) = input
            .trim()
            .split_once('.')
            .ok_or(ErrorCode::TaskCodeInvalid)?;
        let num = |s: &str| {
            s.parse::<u8>()
                .ok()
                .filter(|n| (1..=99).contains(n))
                .ok_or(ErrorCode::TaskCodeInvalid)
        };
        Ok(TaskCode {
            direction: num(d)?,
            task: num(t)?,
        })
    }
}

impl fmt::Display for TaskCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.direction, self.task)
    }
}

impl Serialize for TaskCode {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for TaskCode {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        TaskCode::parse(&s).map_err(|c| serde::de::Error::custom(c.as_str()))
    }
}

#[cfg(feature = "openapi")]
impl utoipa::PartialSchema for TaskCode {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        utoipa::openapi::ObjectBuilder::new()
            .schema_type(utoipa::openapi::schema::Type::String)
            .examples([serde_json::json!("2.1")])
            .into()
    }
}

#[cfg(feature = "openapi")]
impl utoipa::ToSchema for TaskCode {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn katottg_codes() {
        let c = KatottgCode::parse("ua12000000000090473").expect("valid");
        assert_eq!(c.as_str(), "UA12000000000090473");
        assert_eq!(KatottgCode::parse("UA1200"), Err(ErrorCode::CodeInvalid));
        assert_eq!(
            KatottgCode::parse("12000000000090473"),
            Err(ErrorCode::CodeInvalid)
        );
        assert_eq!(
            KatottgCode::parse("UA1200000000009047X"),
            Err(ErrorCode::CodeInvalid)
        );
    }

    #[test]
    fn task_codes() {
        let t = TaskCode::parse("2.2").expect("valid");
        assert_eq!((t.direction, t.task), (2, 2));
        assert_eq!(t.to_string(), "2.2");
        assert!(TaskCode::parse("2").is_err());
        assert!(TaskCode::parse("0.1").is_err());
        assert!(TaskCode::parse("a.b").is_err());
        assert!(TaskCode::parse("1.2").expect("a") < TaskCode::parse("1.10").expect("b"));
    }
}

//! Typed identifiers, so a measure id can never be passed where an organisation id is expected.

use serde::{Deserialize, Serialize};
use std::fmt;

macro_rules! id_type {
    ($($(#[$doc:meta])* $name:ident),* $(,)?) => {$(
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
        #[serde(transparent)]
        pub struct $name(pub i32);

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }

        impl std::str::FromStr for $name {
            type Err = std::num::ParseIntError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                s.parse().map($name)
            }
        }
    )*};
}

id_type!(
    /// A priority direction of the programme.
    DirectionId,
    /// A task under a priority direction.
    TaskId,
    /// A measure (захід).
    MeasureId,
    /// An organisation: the oblast, a district, a community or an oblast-level executor.
    OrgId,
    /// A user account.
    UserId,
    /// A performance indicator of the programme.
    IndicatorId,
);

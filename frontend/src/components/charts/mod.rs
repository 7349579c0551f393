//! SVG charts drawn in the app: scales, shared patterns, grouped bars, trend lines, stacked rows and the choropleth map.

pub mod axis;
pub mod bars;
pub mod choropleth;
pub mod path;
pub mod patterns;
pub mod scale;
pub mod stacked;
pub mod trend;

//! The map: the communities' and districts' boundaries (backend/data/*.geojson) projected once to SVG paths.
//!
//! The projection is equirectangular around the oblast's middle latitude (x scaled by its
//! cosine), which at the oblast's size (~300 km) is indistinguishable from a conformal one.
//! Coordinates are written with one decimal in a view box 1000 units wide.

use crate::app::plan::structure::Structure;
use anyhow::{anyhow, Context, Result};
use serde::Deserialize;
use shared::api::dashboard::{MapShape, MapShapes};
use shared::{KatottgCode, Text};
use std::fmt::Write;

const COMMUNITIES: &str = include_str!("../../../data/communities.geojson");
const DISTRICTS: &str = include_str!("../../../data/districts.geojson");
const WIDTH: f64 = 1000.0;
const MARGIN: f64 = 10.0;

#[derive(Deserialize)]
struct Collection {
    features: Vec<Feature>,
}

#[derive(Deserialize)]
struct Feature {
    properties: Properties,
    geometry: Geometry,
}

#[derive(Deserialize)]
struct Properties {
    katottg: String,
    name_uk: String,
    name_en: String,
}

#[derive(Deserialize)]
#[serde(tag = "type")]
enum Geometry {
    Polygon {
        coordinates: Vec<Vec<[f64; 2]>>,
    },
    MultiPolygon {
        coordinates: Vec<Vec<Vec<[f64; 2]>>>,
    },
}

impl Geometry {
    fn rings(&self) -> Vec<&Vec<[f64; 2]>> {
        match self {
            Geometry::Polygon { coordinates } => coordinates.iter().collect(),
            Geometry::MultiPolygon { coordinates } => coordinates.iter().flatten().collect(),
        }
    }
}

struct Projection {
    lon0: f64,
    lat1: f64,
    kx: f64,
    scale: f64,
}

impl Projection {
    fn point(&self, [lon, lat]: [f64; 2]) -> (f64, f64) {
        (
            MARGIN + (lon - self.lon0) * self.kx * self.scale,
            MARGIN + (self.lat1 - lat) * self.scale,
        )
    }
}

fn path_of(p: &Projection, geometry: &Geometry) -> (String, (f64, f64)) {
    let mut d = String::new();
    let (mut best_area, mut label) = (-1.0, (0.0, 0.0));
    for ring in geometry.rings() {
        let pts: Vec<(f64, f64)> = ring.iter().map(|c| p.point(*c)).collect();
        for (i, (x, y)) in pts.iter().enumerate() {
            let _ = write!(d, "{}{x:.1},{y:.1}", if i == 0 { "M" } else { "L" });
        }
        d.push('Z');
        // The label sits at the centroid of the largest ring (shoelace formula).
        let (mut a, mut cx, mut cy) = (0.0, 0.0, 0.0);
        for w in pts
            .windows(2)
            .chain(std::iter::once([pts[pts.len() - 1], pts[0]].as_slice()))
        {
            let cross = w[0].0 * w[1].1 - w[1].0 * w[0].1;
            a += cross;
            cx += (w[0].0 + w[1].0) * cross;
            cy += (w[0].1 + w[1].1) * cross;
        }
        if a.abs() > best_area && a.abs() > f64::EPSILON {
            best_area = a.abs();
            label = (cx / (3.0 * a), cy / (3.0 * a));
        }
    }
    (d, label)
}

/// Projects both layers; communities and districts are matched to organisations by KATOTTG code.
pub fn build(structure: &Structure) -> Result<MapShapes> {
    let communities: Collection =
        serde_json::from_str(COMMUNITIES).context("communities.geojson")?;
    let districts: Collection = serde_json::from_str(DISTRICTS).context("districts.geojson")?;
    let all = || {
        communities
            .features
            .iter()
            .chain(&districts.features)
            .flat_map(|f| f.geometry.rings())
            .flatten()
    };
    let (mut min_lon, mut max_lon, mut min_lat, mut max_lat) =
        (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
    for [lon, lat] in all() {
        min_lon = min_lon.min(*lon);
        max_lon = max_lon.max(*lon);
        min_lat = min_lat.min(*lat);
        max_lat = max_lat.max(*lat);
    }
    if min_lon >= max_lon || min_lat >= max_lat {
        return Err(anyhow!("the boundaries are empty"));
    }
    let kx = ((min_lat + max_lat) / 2.0).to_radians().cos();
    let scale = (WIDTH - 2.0 * MARGIN) / ((max_lon - min_lon) * kx);
    let p = Projection {
        lon0: min_lon,
        lat1: max_lat,
        kx,
        scale,
    };
    let height = (max_lat - min_lat) * scale + 2.0 * MARGIN;
    let shape = |f: &Feature| -> Option<MapShape> {
        let code = KatottgCode::parse(&f.properties.katottg).ok()?;
        let org = structure
            .orgs
            .iter()
            .find(|o| o.code == Some(code.clone()))?;
        let (path, (x, y)) = path_of(&p, &f.geometry);
        Some(MapShape {
            org: org.id,
            code: f.properties.katottg.clone(),
            name: Text::new(&f.properties.name_uk, &f.properties.name_en),
            path,
            label_x: x.round() as i32,
            label_y: y.round() as i32,
        })
    };
    let out = MapShapes {
        width: WIDTH as u32,
        height: height.ceil() as u32,
        communities: communities.features.iter().filter_map(shape).collect(),
        districts: districts.features.iter().filter_map(shape).collect(),
    };
    if out.communities.len() != communities.features.len() {
        return Err(anyhow!(
            "{} of {} community boundaries match no organisation",
            communities.features.len() - out.communities.len(),
            communities.features.len()
        ));
    }
    Ok(out)
}

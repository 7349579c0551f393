//! The points of an SVG path string and their bounding box, to zoom a map's view box onto some of its shapes.

/// The smallest rectangle holding some points, in the map's view-box coordinates.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BBox {
    pub min_x: f64,
    pub min_y: f64,
    pub max_x: f64,
    pub max_y: f64,
}

impl BBox {
    fn of_point(x: f64, y: f64) -> BBox {
        BBox {
            min_x: x,
            min_y: y,
            max_x: x,
            max_y: y,
        }
    }

    fn include(&mut self, x: f64, y: f64) {
        self.min_x = self.min_x.min(x);
        self.min_y = self.min_y.min(y);
        self.max_x = self.max_x.max(x);
        self.max_y = self.max_y.max(y);
    }

    fn union(self, other: BBox) -> BBox {
        BBox {
            min_x: self.min_x.min(other.min_x),
            min_y: self.min_y.min(other.min_y),
            max_x: self.max_x.max(other.max_x),
            max_y: self.max_y.max(other.max_y),
        }
    }

    pub fn width(self) -> f64 {
        self.max_x - self.min_x
    }

    pub fn height(self) -> f64 {
        self.max_y - self.min_y
    }

    /// Grown on every side by `share` of its larger side, so outlines are not cut at the edge.
    pub fn padded(self, share: f64) -> BBox {
        let pad = self.width().max(self.height()) * share;
        BBox {
            min_x: self.min_x - pad,
            min_y: self.min_y - pad,
            max_x: self.max_x + pad,
            max_y: self.max_y + pad,
        }
    }

    /// As an SVG `viewBox` value: `x y width height`, rounded to tenths.
    pub fn view_box(self) -> String {
        let r = |v: f64| (v * 10.0).round() / 10.0;
        format!(
            "{} {} {} {}",
            r(self.min_x),
            r(self.min_y),
            r(self.width()),
            r(self.height())
        )
    }
}

/// A piece of path data: a command letter or a number.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Token {
    Command(char),
    Number(f64),
}

/// Splits path data into commands and numbers (`M1,2L-3.5 4e1Z`); unreadable characters are skipped.
fn tokens(d: &str) -> Vec<Token> {
    let bytes = d.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        if c.is_ascii_alphabetic() && c != b'e' && c != b'E' {
            out.push(Token::Command(char::from(c)));
            i += 1;
        } else if c.is_ascii_digit() || c == b'-' || c == b'+' || c == b'.' {
            let start = i;
            i += 1;
            let mut seen_dot = c == b'.';
            while i < bytes.len() {
                let b = bytes[i];
                let exponent_sign = (b == b'-' || b == b'+') && matches!(bytes[i - 1], b'e' | b'E');
                if b.is_ascii_digit() || exponent_sign || b == b'e' || b == b'E' {
                    i += 1;
                } else if b == b'.' && !seen_dot {
                    seen_dot = true;
                    i += 1;
                } else {
                    break;
                }
            }
            if let Ok(n) = d[start..i].parse::<f64>() {
                out.push(Token::Number(n));
            }
        } else {
            i += 1;
        }
    }
    out
}

/// Every point a path's straight-line commands visit (`M`, `L`, `H`, `V`, `Z`, absolute and
/// relative), in order. Curves are not expected in map outlines; their numbers are read as
/// points, which still bounds them.
pub fn path_points(d: &str) -> Vec<(f64, f64)> {
    let mut points = Vec::new();
    let (mut x, mut y) = (0.0, 0.0);
    let (mut start_x, mut start_y) = (0.0, 0.0);
    let mut command = 'M';
    let mut pending: Vec<f64> = Vec::new();
    let mut first_of_command = true;
    for token in tokens(d) {
        match token {
            Token::Command(c) => {
                command = c;
                pending.clear();
                first_of_command = true;
                if c == 'Z' || c == 'z' {
                    x = start_x;
                    y = start_y;
                }
            }
            Token::Number(n) => {
                pending.push(n);
                let relative = command.is_ascii_lowercase();
                match command.to_ascii_uppercase() {
                    'H' => {
                        x = if relative { x + n } else { n };
                        pending.clear();
                        points.push((x, y));
                    }
                    'V' => {
                        y = if relative { y + n } else { n };
                        pending.clear();
                        points.push((x, y));
                    }
                    'Z' => pending.clear(),
                    _ if pending.len() == 2 => {
                        let (px, py) = (pending[0], pending[1]);
                        pending.clear();
                        if relative {
                            x += px;
                            y += py;
                        } else {
                            x = px;
                            y = py;
                        }
                        if command.eq_ignore_ascii_case(&'M') && first_of_command {
                            start_x = x;
                            start_y = y;
                        }
                        first_of_command = false;
                        points.push((x, y));
                    }
                    _ => {}
                }
            }
        }
    }
    points
}

/// The bounding box of one path; `None` when it has no points.
pub fn path_bbox(d: &str) -> Option<BBox> {
    let mut points = path_points(d).into_iter();
    let (x, y) = points.next()?;
    let mut bbox = BBox::of_point(x, y);
    for (x, y) in points {
        bbox.include(x, y);
    }
    Some(bbox)
}

/// The bounding box of several paths together; `None` when none has a point.
pub fn paths_bbox<'a>(paths: impl IntoIterator<Item = &'a str>) -> Option<BBox> {
    paths.into_iter().filter_map(path_bbox).reduce(BBox::union)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_absolute_polygons_with_several_rings() {
        let d = "M10,20L30,5L25.5,40Z M100 100 L110 90 Z";
        assert_eq!(
            path_points(d),
            vec![
                (10.0, 20.0),
                (30.0, 5.0),
                (25.5, 40.0),
                (100.0, 100.0),
                (110.0, 90.0)
            ]
        );
        assert_eq!(
            path_bbox(d),
            Some(BBox {
                min_x: 10.0,
                min_y: 5.0,
                max_x: 110.0,
                max_y: 100.0
            })
        );
    }

    #[test]
    fn reads_compact_numbers_signs_exponents_and_relative_commands() {
        // Numbers run together as SVG allows: "-3.5-4" is two numbers, ".5.5" too.
        assert_eq!(
            path_points("M-3.5-4L.5.5l1e1,2E0h-1v3z"),
            vec![
                (-3.5, -4.0),
                (0.5, 0.5),
                (10.5, 2.5),
                (9.5, 2.5),
                (9.5, 5.5)
            ]
        );
        // Pairs after a moveto are linetos; a relative moveto after Z starts at the ring's start.
        assert_eq!(
            path_points("M1 1 2 2 3 1Z m1 1 1 0"),
            vec![(1.0, 1.0), (2.0, 2.0), (3.0, 1.0), (2.0, 2.0), (3.0, 2.0)]
        );
    }

    #[test]
    fn bbox_of_several_paths_pads_and_writes_a_view_box() {
        let bbox = paths_bbox(["M0 0L10 0L10 5Z", "M20 20L22 30Z", "", "garbage"]).expect("points");
        assert_eq!(bbox.view_box(), "0 0 22 30");
        let padded = bbox.padded(0.1);
        assert_eq!(padded.view_box(), "-3 -3 28 36");
        assert_eq!(paths_bbox(["", "Z"]), None);
        assert_eq!(path_bbox("M 1.25 2.75"), path_bbox("M1.25,2.75"));
    }
}

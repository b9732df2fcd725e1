//! A coverage rasterizer for glyph outlines, for the badge image: outlines (font units, y up,
//! with quadratic and cubic curves flattened into lines) accumulate signed area per pixel, and
//! a running sum along the rows gives each pixel's coverage with anti-aliased edges (the
//! accumulation method of font-rs), instead of a 2D drawing library for one picture.

use rustybuzz::ttf_parser::OutlineBuilder;

/// Signed area per pixel (font-rs): a closed outline sums to its coverage along each row.
pub struct Coverage {
    w: usize,
    acc: Vec<f32>,
}

impl Coverage {
    /// An empty canvas of `w` by `h` pixels.
    pub fn new(w: usize, h: usize) -> Self {
        Self {
            w,
            acc: vec![0.0; w * h + 2],
        }
    }

    fn line(&mut self, a: (f32, f32), b: (f32, f32)) {
        if (a.1 - b.1).abs() <= f32::EPSILON {
            return;
        }
        let (dir, (x0, y0), (x1, y1)) = if a.1 < b.1 { (1.0, a, b) } else { (-1.0, b, a) };
        let dxdy = (x1 - x0) / (y1 - y0);
        let h = (self.acc.len() - 2) / self.w;
        let mut x = x0 + dxdy * (0f32.max(y0) - y0);
        for y in (y0.max(0.0) as usize)..h.min(y1.ceil().max(0.0) as usize) {
            let dy = ((y + 1) as f32).min(y1) - (y as f32).max(y0);
            let next = x + dxdy * dy;
            self.span(y * self.w, x, next, dy * dir);
            x = next;
        }
    }

    /// Adds a row's share of one edge between `x` and `next` (clamped inside the row).
    fn span(&mut self, row: usize, x: f32, next: f32, d: f32) {
        let max = (self.w - 1) as f32;
        let (x0, x1) = (x.min(next).clamp(0.0, max), x.max(next).clamp(0.0, max));
        let (f0, c1) = (x0.floor(), x1.ceil());
        let (i0, i1) = (f0 as usize, c1 as usize);
        if i1 <= i0 + 1 {
            let mid = 0.5 * (x0 + x1) - f0;
            self.acc[row + i0] += d - d * mid;
            self.acc[row + i0 + 1] += d * mid;
            return;
        }
        let s = (x1 - x0).recip();
        let x0f = x0 - f0;
        let a0 = 0.5 * s * (1.0 - x0f) * (1.0 - x0f);
        let x1f = x1 - c1 + 1.0;
        let am = 0.5 * s * x1f * x1f;
        self.acc[row + i0] += d * a0;
        if i1 == i0 + 2 {
            self.acc[row + i0 + 1] += d * (1.0 - a0 - am);
        } else {
            let a1 = s * (1.5 - x0f);
            self.acc[row + i0 + 1] += d * (a1 - a0);
            for xi in i0 + 2..i1 - 1 {
                self.acc[row + xi] += d * s;
            }
            let a2 = a1 + (i1 - i0 - 3) as f32 * s;
            self.acc[row + i1 - 1] += d * (1.0 - a2 - am);
        }
        self.acc[row + i1] += d * am;
    }

    /// Coverage per pixel, 0 to 1.
    pub fn finish(self) -> Vec<f32> {
        let mut sum = 0.0;
        self.acc
            .iter()
            .map(|a| {
                sum += a;
                sum.abs().min(1.0)
            })
            .collect()
    }
}

/// Feeds one glyph's outline (font units, y up) into the coverage, flattening curves.
pub struct Pen<'a> {
    cov: &'a mut Coverage,
    scale: f32,
    origin: (f32, f32),
    start: (f32, f32),
    last: (f32, f32),
}

impl<'a> Pen<'a> {
    /// A pen drawing into `cov`, font units times `scale`, the glyph origin at `origin`.
    pub fn new(cov: &'a mut Coverage, scale: f32, origin: (f32, f32)) -> Self {
        Self {
            cov,
            scale,
            origin,
            start: (0.0, 0.0),
            last: (0.0, 0.0),
        }
    }

    fn at(&self, x: f32, y: f32) -> (f32, f32) {
        (
            self.origin.0 + x * self.scale,
            self.origin.1 - y * self.scale,
        )
    }

    fn to(&mut self, p: (f32, f32)) {
        self.cov.line(self.last, p);
        self.last = p;
    }
}

impl OutlineBuilder for Pen<'_> {
    fn move_to(&mut self, x: f32, y: f32) {
        self.start = self.at(x, y);
        self.last = self.start;
    }

    fn line_to(&mut self, x: f32, y: f32) {
        let p = self.at(x, y);
        self.to(p);
    }

    fn quad_to(&mut self, x1: f32, y1: f32, x: f32, y: f32) {
        let (p0, p1, p2) = (self.last, self.at(x1, y1), self.at(x, y));
        for i in 1..=8 {
            let t = i as f32 / 8.0;
            let u = 1.0 - t;
            let q = |a: f32, b: f32, c: f32| u * u * a + 2.0 * u * t * b + t * t * c;
            self.to((q(p0.0, p1.0, p2.0), q(p0.1, p1.1, p2.1)));
        }
    }

    fn curve_to(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, x: f32, y: f32) {
        let (p0, p1, p2, p3) = (self.last, self.at(x1, y1), self.at(x2, y2), self.at(x, y));
        for i in 1..=12 {
            let t = i as f32 / 12.0;
            let u = 1.0 - t;
            let c = |a: f32, b: f32, c: f32, d: f32| {
                u * u * u * a + 3.0 * u * u * t * b + 3.0 * u * t * t * c + t * t * t * d
            };
            self.to((c(p0.0, p1.0, p2.0, p3.0), c(p0.1, p1.1, p2.1, p3.1)));
        }
    }

    fn close(&mut self) {
        let start = self.start;
        self.to(start);
    }
}

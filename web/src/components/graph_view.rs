//! Zoom and pan of the graph: which part of the layout the SVG's `viewBox` shows.
//!
//! The first view of a graph ([`View::Auto`]) shows all of it when that keeps the text
//! readable, else its top at a readable scale (a 60-state chain fitted into the panel would
//! be a grey streak); Fit shows everything; zooming and panning give a [`View::Manual`] box.

use aslplay_graph::{Layout, NodeRole};

/// Zoom limits, relative to the fitted view.
pub(crate) const MIN_ZOOM: f64 = 0.2;
pub(crate) const MAX_ZOOM: f64 = 8.0;
/// Smallest fitted view box, in layout units: small graphs are not blown up.
pub(crate) const MIN_VIEW_W: f64 = 480.0;
pub(crate) const MIN_VIEW_H: f64 = 360.0;
/// Fewest screen pixels per layout unit the first view keeps (12 px names stay ≥ 9 px).
pub(crate) const READABLE_SCALE: f64 = 0.75;
/// The panel's size in pixels when it cannot be measured yet.
pub(crate) const NOMINAL_PX: (f64, f64) = (600.0, 420.0);

/// A `viewBox`: `(x, y, w, h)` in layout units.
pub(crate) type ViewBox = (f64, f64, f64, f64);

/// What part of the graph is on screen.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum View {
    /// The whole graph if it is readable so, else its top at [`READABLE_SCALE`].
    Auto,
    /// The whole graph.
    Fit,
    /// A box chosen by zooming or panning.
    Manual(ViewBox),
}

impl View {
    /// The `viewBox` for a panel of `px` = (width, height) pixels.
    pub(crate) fn view_box(&self, l: &Layout, px: (f64, f64)) -> ViewBox {
        let px = (px.0.max(1.0), px.1.max(1.0));
        match *self {
            View::Fit => fit_box(l),
            View::Auto => {
                let fit = fit_box(l);
                if scale(fit, px) >= READABLE_SCALE {
                    fit
                } else {
                    top_box(l, px)
                }
            }
            View::Manual(b) => b,
        }
    }

    /// Zoomed in (`factor` > 1) or out around the centre of the view.
    pub(crate) fn zoomed(&self, l: &Layout, px: (f64, f64), factor: f64) -> View {
        let (x, y, w, h) = self.view_box(l, px);
        let (_, _, fit_w, _) = fit_box(l);
        let wanted = w / factor;
        let wanted = if wanted.is_nan() { w } else { wanted };
        let new_w = wanted.clamp(fit_w / MAX_ZOOM, fit_w / MIN_ZOOM);
        let new_h = h * new_w / w.max(f64::MIN_POSITIVE);
        let (cx, cy) = (x + w / 2.0, y + h / 2.0);
        View::Manual((cx - new_w / 2.0, cy - new_h / 2.0, new_w, new_h))
    }

    /// Moved by `(dx, dy)` layout units.
    pub(crate) fn panned(&self, l: &Layout, px: (f64, f64), dx: f64, dy: f64) -> View {
        let (x, y, w, h) = self.view_box(l, px);
        View::Manual((x + dx, y + dy, w, h))
    }

    /// Whether the whole graph is inside the view.
    pub(crate) fn shows_all(&self, l: &Layout, px: (f64, f64)) -> bool {
        let (x, y, w, h) = visible_box(self.view_box(l, px), px);
        x <= 0.0 && y <= 0.0 && x + w >= l.width && y + h >= l.height
    }
}

/// Layout units per screen pixel for this box (`preserveAspectRatio` "meet").
pub(crate) fn units_per_px(b: ViewBox, px: (f64, f64)) -> f64 {
    (b.2 / px.0.max(1.0)).max(b.3 / px.1.max(1.0))
}

/// Screen pixels per layout unit.
fn scale(b: ViewBox, px: (f64, f64)) -> f64 {
    1.0 / units_per_px(b, px).max(f64::MIN_POSITIVE)
}

/// What "meet" actually shows of box `b`: the box widened on its short side, centred.
fn visible_box(b: ViewBox, px: (f64, f64)) -> ViewBox {
    let u = units_per_px(b, px);
    let (w, h) = (px.0 * u, px.1 * u);
    (b.0 - (w - b.2) / 2.0, b.1 - (h - b.3) / 2.0, w, h)
}

/// The whole graph, centred, at least [`MIN_VIEW_W`] × [`MIN_VIEW_H`].
fn fit_box(l: &Layout) -> ViewBox {
    let w = l.width.max(MIN_VIEW_W);
    let h = l.height.max(MIN_VIEW_H);
    (l.width / 2.0 - w / 2.0, l.height / 2.0 - h / 2.0, w, h)
}

/// The top of the graph at [`READABLE_SCALE`]: centred on the graph when it is narrow
/// enough, else on the start marker.
fn top_box(l: &Layout, px: (f64, f64)) -> ViewBox {
    let w = px.0 / READABLE_SCALE;
    let h = px.1 / READABLE_SCALE;
    let cx = if l.width <= w {
        l.width / 2.0
    } else {
        let start = l
            .nodes
            .iter()
            .find(|n| n.role == NodeRole::Start && n.depth == 0)
            .map_or(l.width / 2.0, |n| n.rect.cx());
        start.clamp(w / 2.0, l.width - w / 2.0)
    };
    (cx - w / 2.0, 0.0, w, h)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sized(width: f64, height: f64) -> Layout {
        Layout {
            width,
            height,
            ..Layout::default()
        }
    }

    #[test]
    fn small_graphs_are_fitted_and_not_blown_up() {
        let small = sized(100.0, 50.0);
        let expected = (
            50.0 - MIN_VIEW_W / 2.0,
            25.0 - MIN_VIEW_H / 2.0,
            MIN_VIEW_W,
            MIN_VIEW_H,
        );
        assert_eq!(View::Auto.view_box(&small, NOMINAL_PX), expected);
        assert_eq!(View::Fit.view_box(&small, NOMINAL_PX), expected);
        assert!(View::Auto.shows_all(&small, NOMINAL_PX));
    }

    #[test]
    fn tall_graphs_start_at_the_top_at_a_readable_scale() {
        let tall = sized(300.0, 4000.0);
        let b = View::Auto.view_box(&tall, NOMINAL_PX);
        assert_eq!(b.1, 0.0);
        assert!(
            (scale(b, NOMINAL_PX) - READABLE_SCALE).abs() < 1e-9,
            "{b:?}"
        );
        assert!((b.0 + b.2 / 2.0 - 150.0).abs() < 1e-9, "centred: {b:?}");
        assert!(!View::Auto.shows_all(&tall, NOMINAL_PX));
        assert!(View::Fit.shows_all(&tall, NOMINAL_PX));
        // A graph that fits readably is shown whole.
        let medium = sized(600.0, 500.0);
        assert_eq!(
            View::Auto.view_box(&medium, NOMINAL_PX),
            View::Fit.view_box(&medium, NOMINAL_PX)
        );
    }

    #[test]
    fn zoom_and_pan_stay_in_bounds() {
        let l = sized(1000.0, 500.0);
        assert_eq!(
            View::Fit.view_box(&l, NOMINAL_PX),
            (0.0, 0.0, 1000.0, 500.0)
        );
        let z = View::Fit.zoomed(&l, NOMINAL_PX, 2.0);
        assert_eq!(z.view_box(&l, NOMINAL_PX), (250.0, 125.0, 500.0, 250.0));
        let max = View::Fit.zoomed(&l, NOMINAL_PX, 1000.0);
        assert_eq!(max.view_box(&l, NOMINAL_PX).2, 1000.0 / MAX_ZOOM);
        let min = View::Fit.zoomed(&l, NOMINAL_PX, 0.0001);
        assert_eq!(min.view_box(&l, NOMINAL_PX).2, 1000.0 / MIN_ZOOM);
        let p = z.panned(&l, NOMINAL_PX, 10.0, -20.0);
        assert_eq!(p.view_box(&l, NOMINAL_PX), (260.0, 105.0, 500.0, 250.0));
        assert!(!z.shows_all(&l, NOMINAL_PX));
    }

    #[test]
    fn degenerate_sizes_do_not_panic() {
        let l = sized(0.0, 0.0);
        for px in [(0.0, 0.0), (1.0, 1.0), NOMINAL_PX] {
            let b = View::Auto.zoomed(&l, px, 0.0).view_box(&l, px);
            assert!(b.2.is_finite() && b.3.is_finite(), "{b:?}");
            let _ = View::Auto.panned(&l, px, f64::NAN, 1.0).shows_all(&l, px);
        }
    }
}

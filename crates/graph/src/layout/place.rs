//! Coordinate assignment: horizontal centres inside each layer.
//!
//! Each round visits the layers (downwards using the neighbours above, upwards using the
//! neighbours below, and a last round using both) and moves every vertex towards the
//! weighted mean of its neighbours' centres. Within a layer the order is fixed and adjacent
//! vertices must stay `separation` apart; the closest such placement (least squares) is an
//! isotonic regression, solved exactly by pool-adjacent-violators in linear time. Edges
//! between two dummy vertices weigh most, so long edges run straight.

/// Rounds of alternating sweeps.
const ROUNDS: usize = 8;

/// What coordinate assignment needs to know about the vertices.
pub(crate) struct PlaceInput<'a> {
    /// Layers, ordered left to right.
    pub layers: &'a [Vec<usize>],
    /// Neighbours in the layer above / below.
    pub up: &'a [Vec<usize>],
    pub down: &'a [Vec<usize>],
    /// Space to keep left and right of each vertex's centre.
    pub left: &'a [f64],
    pub right: &'a [f64],
    /// Whether a vertex is a dummy (a point on a long edge).
    pub dummy: &'a [bool],
    /// Gap between two real vertices, and when a dummy is involved.
    pub gap: f64,
    pub dummy_gap: f64,
}

/// Horizontal centres of every vertex (the leftmost extent is 0).
pub(crate) fn assign_x(input: &PlaceInput<'_>) -> Vec<f64> {
    let n = input.up.len();
    let mut x = vec![0.0; n];
    for layer in input.layers {
        let mut at = 0.0;
        for (i, &v) in layer.iter().enumerate() {
            if i > 0 {
                at += separation(input, layer[i - 1], v);
            }
            x[v] = at;
        }
    }
    for round in 0..ROUNDS {
        let last = round + 1 == ROUNDS;
        if round % 2 == 0 || last {
            for layer in input.layers {
                relax(input, layer, &mut x, true, last);
            }
        } else {
            for layer in input.layers.iter().rev() {
                relax(input, layer, &mut x, false, false);
            }
        }
    }
    let min = (0..n)
        .map(|v| x[v] - input.left[v])
        .fold(f64::INFINITY, f64::min);
    if min.is_finite() {
        for v in &mut x {
            *v -= min;
        }
    }
    x
}

fn separation(input: &PlaceInput<'_>, a: usize, b: usize) -> f64 {
    let gap = if input.dummy[a] || input.dummy[b] {
        input.dummy_gap
    } else {
        input.gap
    };
    input.right[a] + gap + input.left[b]
}

fn relax(input: &PlaceInput<'_>, layer: &[usize], x: &mut [f64], use_up: bool, both: bool) {
    if layer.is_empty() {
        return;
    }
    let desired: Vec<f64> = layer
        .iter()
        .map(|&v| {
            let mut sum = 0.0;
            let mut weight = 0.0;
            let lists: &[&Vec<usize>] = if both {
                &[&input.up[v], &input.down[v]]
            } else if use_up {
                &[&input.up[v]]
            } else {
                &[&input.down[v]]
            };
            for list in lists {
                for &u in list.iter() {
                    let w = match (input.dummy[v], input.dummy[u]) {
                        (true, true) => 8.0,
                        (true, false) | (false, true) => 2.0,
                        (false, false) => 1.0,
                    };
                    sum += w * x[u];
                    weight += w;
                }
            }
            if weight > 0.0 {
                sum / weight
            } else {
                x[v]
            }
        })
        .collect();
    // Offsets S_i so that x_i - S_i must be non-decreasing.
    let mut offset = vec![0.0; layer.len()];
    for i in 1..layer.len() {
        offset[i] = offset[i - 1] + separation(input, layer[i - 1], layer[i]);
    }
    let targets: Vec<f64> = desired.iter().zip(&offset).map(|(d, s)| d - s).collect();
    let fitted = isotonic(&targets);
    for (i, &v) in layer.iter().enumerate() {
        x[v] = fitted[i] + offset[i];
    }
}

/// The non-decreasing sequence closest to `values` in least squares (pool adjacent
/// violators).
pub(crate) fn isotonic(values: &[f64]) -> Vec<f64> {
    // Blocks of (mean, count).
    let mut blocks: Vec<(f64, usize)> = Vec::with_capacity(values.len());
    for &v in values {
        blocks.push((v, 1));
        while blocks.len() > 1 {
            let (m2, c2) = blocks[blocks.len() - 1];
            let (m1, c1) = blocks[blocks.len() - 2];
            if m1 <= m2 {
                break;
            }
            blocks.pop();
            let merged = (m1 * c1 as f64 + m2 * c2 as f64) / (c1 + c2) as f64;
            if let Some(last) = blocks.last_mut() {
                *last = (merged, c1 + c2);
            }
        }
    }
    blocks
        .into_iter()
        .flat_map(|(m, c)| std::iter::repeat_n(m, c))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn isotonic_pools_violators() {
        assert_eq!(isotonic(&[1.0, 3.0, 2.0, 4.0]), [1.0, 2.5, 2.5, 4.0]);
        assert_eq!(isotonic(&[3.0, 2.0, 1.0]), [2.0, 2.0, 2.0]);
        assert!(isotonic(&[]).is_empty());
    }

    #[test]
    fn neighbours_align_and_stay_apart() {
        // a above b and c; b, c width 100, gap 20: a sits between them.
        let layers = vec![vec![0], vec![1, 2]];
        let up = vec![vec![], vec![0], vec![0]];
        let down = vec![vec![1, 2], vec![], vec![]];
        let half = [50.0; 3];
        let dummy = [false; 3];
        let x = assign_x(&PlaceInput {
            layers: &layers,
            up: &up,
            down: &down,
            left: &half,
            right: &half,
            dummy: &dummy,
            gap: 20.0,
            dummy_gap: 10.0,
        });
        assert!((x[2] - x[1] - 120.0).abs() < 1e-9, "{x:?}");
        assert!((x[0] - (x[1] + x[2]) / 2.0).abs() < 1e-9, "{x:?}");
        assert!((x[1] - 50.0).abs() < 1e-9, "{x:?}");
    }
}

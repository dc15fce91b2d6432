//! Crossing reduction: the left-to-right order inside each layer.
//!
//! Layers start in depth-first discovery order. Then barycenter sweeps alternate downwards
//! (each vertex keyed by the mean position of its neighbours in the layer above) and
//! upwards (neighbours below); vertices without neighbours keep their place. The ordering
//! with the fewest crossings seen is kept.

/// Sweeps performed (each one down and one up).
const SWEEPS: usize = 12;

/// Reorder `layers` in place. `up[v]` / `down[v]` are `v`'s neighbours in the layers
/// directly above and below.
pub(crate) fn reduce_crossings(layers: &mut [Vec<usize>], up: &[Vec<usize>], down: &[Vec<usize>]) {
    let n = up.len();
    let mut pos = vec![0usize; n];
    let index = |layers: &[Vec<usize>], pos: &mut [usize]| {
        for layer in layers {
            for (i, &v) in layer.iter().enumerate() {
                pos[v] = i;
            }
        }
    };
    index(layers, &mut pos);
    let mut best = layers.to_vec();
    let mut best_crossings = crossings(layers, down, &pos);
    for _ in 0..SWEEPS {
        if best_crossings == 0 {
            break;
        }
        for r in 1..layers.len() {
            sort_layer(&mut layers[r], up, &pos);
            index(&layers[r..=r], &mut pos);
        }
        for r in (0..layers.len().saturating_sub(1)).rev() {
            sort_layer(&mut layers[r], down, &pos);
            index(&layers[r..=r], &mut pos);
        }
        let c = crossings(layers, down, &pos);
        if c < best_crossings {
            best_crossings = c;
            best = layers.to_vec();
        }
    }
    layers.clone_from_slice(&best);
}

fn sort_layer(layer: &mut [usize], neighbours: &[Vec<usize>], pos: &[usize]) {
    let mut keyed: Vec<(f64, usize, usize)> = layer
        .iter()
        .enumerate()
        .map(|(i, &v)| {
            let ns = &neighbours[v];
            let key = if ns.is_empty() {
                i as f64
            } else {
                ns.iter().map(|&u| pos[u] as f64).sum::<f64>() / ns.len() as f64
            };
            (key, i, v)
        })
        .collect();
    keyed.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    for (slot, (_, _, v)) in layer.iter_mut().zip(keyed) {
        *slot = v;
    }
}

/// Number of edge crossings between consecutive layers.
pub(crate) fn crossings(layers: &[Vec<usize>], down: &[Vec<usize>], pos: &[usize]) -> usize {
    let mut total = 0;
    for layer in layers {
        let mut segs: Vec<(usize, usize)> = Vec::new();
        for &v in layer {
            for &w in &down[v] {
                segs.push((pos[v], pos[w]));
            }
        }
        segs.sort_unstable();
        for i in 0..segs.len() {
            for j in i + 1..segs.len() {
                if segs[i].0 < segs[j].0 && segs[i].1 > segs[j].1 {
                    total += 1;
                }
            }
        }
    }
    total
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_crossing_pair_is_untangled() {
        // Layer 0: a(0) b(1); layer 1: c(2) d(3); edges a→d, b→c cross.
        let mut layers = vec![vec![0, 1], vec![2, 3]];
        let up = vec![vec![], vec![], vec![1], vec![0]];
        let down = vec![vec![3], vec![2], vec![], vec![]];
        let pos = [0, 1, 0, 1];
        assert_eq!(crossings(&layers, &down, &pos), 1);
        reduce_crossings(&mut layers, &up, &down);
        let mut pos = [0; 4];
        for l in &layers {
            for (i, &v) in l.iter().enumerate() {
                pos[v] = i;
            }
        }
        assert_eq!(crossings(&layers, &down, &pos), 0);
    }
}

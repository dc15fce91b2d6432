//! Ranking: which layer each vertex goes to.
//!
//! A depth-first search from the start marker (then from every vertex not yet reached, in
//! document order) finds the back edges — edges to a vertex still on the search stack, i.e.
//! the edges that close loops. Reversing them leaves a DAG. Every vertex then gets the
//! length of the longest path reaching it (edges have a minimum length: 2 for labelled
//! edges, so their label gets a layer of its own), and the end marker goes below everything.

/// An edge to rank: `from → to`, at least `min_len` layers apart.
#[derive(Clone, Copy, Debug)]
pub(crate) struct RankEdge {
    pub from: usize,
    pub to: usize,
    pub min_len: usize,
}

/// The ranks of `n` vertices, and for each edge whether it was reversed (a back edge).
/// `roots` are searched first, in order; `last` (the end marker), if any, is put one layer
/// below every other vertex.
pub(crate) fn rank(
    n: usize,
    edges: &[RankEdge],
    roots: &[usize],
    last: Option<usize>,
) -> (Vec<usize>, Vec<bool>) {
    let mut out: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (i, e) in edges.iter().enumerate() {
        if let Some(list) = out.get_mut(e.from) {
            list.push(i);
        }
    }
    let reversed = back_edges(n, edges, &out, roots);

    // Longest path over the DAG (Kahn's topological order).
    let mut indegree = vec![0usize; n];
    let mut dag_out: Vec<Vec<(usize, usize)>> = vec![Vec::new(); n];
    for (i, e) in edges.iter().enumerate() {
        let (a, b) = if reversed[i] {
            (e.to, e.from)
        } else {
            (e.from, e.to)
        };
        if a < n && b < n && a != b {
            dag_out[a].push((b, e.min_len.max(1)));
            indegree[b] += 1;
        }
    }
    let mut ranks = vec![0usize; n];
    let mut queue: Vec<usize> = (0..n).filter(|&v| indegree[v] == 0).collect();
    let mut head = 0;
    while let Some(&v) = queue.get(head) {
        head += 1;
        for &(w, len) in &dag_out[v] {
            ranks[w] = ranks[w].max(ranks[v] + len);
            indegree[w] -= 1;
            if indegree[w] == 0 {
                queue.push(w);
            }
        }
    }
    if let Some(last) = last.filter(|&l| l < n) {
        let below = (0..n)
            .filter(|&v| v != last)
            .map(|v| ranks[v] + 1)
            .max()
            .unwrap_or(0);
        ranks[last] = ranks[last].max(below);
    }
    (ranks, reversed)
}

/// Iterative DFS marking the edges that point to a vertex on the stack.
fn back_edges(n: usize, edges: &[RankEdge], out: &[Vec<usize>], roots: &[usize]) -> Vec<bool> {
    const NEW: u8 = 0;
    const OPEN: u8 = 1;
    const DONE: u8 = 2;
    let mut state = vec![NEW; n];
    let mut reversed = vec![false; edges.len()];
    let starts = roots.iter().copied().chain(0..n);
    for root in starts {
        if root >= n || state[root] != NEW {
            continue;
        }
        state[root] = OPEN;
        let mut stack = vec![(root, 0usize)];
        while let Some((v, next)) = stack.last_mut() {
            let v = *v;
            match out[v].get(*next) {
                Some(&e) => {
                    *next += 1;
                    let w = edges[e].to;
                    if w >= n || w == v {
                        continue;
                    }
                    match state[w] {
                        NEW => {
                            state[w] = OPEN;
                            stack.push((w, 0));
                        }
                        OPEN => reversed[e] = true,
                        _ => {}
                    }
                }
                None => {
                    state[v] = DONE;
                    stack.pop();
                }
            }
        }
    }
    reversed
}

#[cfg(test)]
mod tests {
    use super::*;

    fn e(from: usize, to: usize, min_len: usize) -> RankEdge {
        RankEdge { from, to, min_len }
    }

    #[test]
    fn chains_branches_and_loops() {
        // 0 → 1 → 2 → 1 (loop), 1 → 3 (labelled), 3 → 4 (end marker)
        let edges = [e(0, 1, 1), e(1, 2, 1), e(2, 1, 1), e(1, 3, 2), e(3, 4, 1)];
        let (ranks, reversed) = rank(5, &edges, &[0], Some(4));
        assert_eq!(ranks, [0, 1, 2, 3, 4]);
        assert_eq!(reversed, [false, false, true, false, false]);
        for (i, edge) in edges.iter().enumerate() {
            let (a, b) = if reversed[i] {
                (edge.to, edge.from)
            } else {
                (edge.from, edge.to)
            };
            assert!(ranks[b] >= ranks[a] + edge.min_len, "edge {i}");
        }
    }

    #[test]
    fn the_last_vertex_goes_below_all() {
        let (ranks, _) = rank(3, &[e(0, 2, 1)], &[0], Some(2));
        assert_eq!(ranks, [0, 0, 1]);
        let (ranks, _) = rank(0, &[], &[0], Some(7));
        assert!(ranks.is_empty());
    }
}

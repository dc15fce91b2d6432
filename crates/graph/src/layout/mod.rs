//! The layout of a [`Flow`]: nodes placed, edges routed, nested flows framed.

mod order;
mod place;
mod rank;

use crate::flow::{EdgeKind, Flow, FlowNode, Target};
use crate::geometry::{Point, Rect};
use crate::label::MAX_LABEL_CHARS;
use place::PlaceInput;
use rank::RankEdge;

/// Longest state name drawn in full, in characters; longer ones end with `…`.
pub const MAX_NAME_CHARS: usize = 30;

const NAME_CHAR_W: f64 = 7.2;
const LABEL_CHAR_W: f64 = 6.2;
const STATE_H: f64 = 44.0;
const STATE_MIN_W: f64 = 96.0;
const MARKER: f64 = 22.0;
const LABEL_H: f64 = 16.0;
const LANE: f64 = 6.0;
const GAP: f64 = 28.0;
const DUMMY_GAP: f64 = 12.0;
const V_GAP: f64 = 30.0;
const HEADER: f64 = 40.0;
const CONTAINER_PAD: f64 = 12.0;
const FRAME_PAD: f64 = 10.0;
const FRAME_CAPTION: f64 = 18.0;
const FRAME_GAP: f64 = 14.0;
const LOOP_W: f64 = 18.0;
const MARGIN: f64 = 16.0;

/// A laid-out machine. Coordinates are absolute, in SVG user units.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Layout {
    /// Total width, margins included.
    pub width: f64,
    /// Total height, margins included.
    pub height: f64,
    /// Every node: states (containers before what they contain), start and end markers.
    pub nodes: Vec<PlacedNode>,
    /// Every edge, in the order of the flow's transitions.
    pub edges: Vec<PlacedEdge>,
    /// Frames of nested flows (Parallel branches, Map item processors).
    pub frames: Vec<Frame>,
}

/// What a node stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NodeRole {
    /// A state.
    State,
    /// A flow's start marker.
    Start,
    /// A flow's end marker.
    End,
}

/// A placed node.
#[derive(Clone, Debug, PartialEq)]
pub struct PlacedNode {
    /// State, start or end.
    pub role: NodeRole,
    /// State name (empty for markers).
    pub name: String,
    /// The name as drawn (shortened when long).
    pub display_name: String,
    /// `Type` (empty for markers).
    pub type_name: String,
    /// JSON pointer of the state (empty for markers).
    pub pointer: String,
    /// Where it is.
    pub rect: Rect,
    /// Nesting depth: 0 at the top level.
    pub depth: usize,
    /// Whether the node draws nested flows (its frames list it as owner).
    pub container: bool,
    /// Index in [`Layout::frames`] of the frame it sits in (`None` at the top level).
    pub frame: Option<usize>,
}

/// A frame around a nested flow, inside its container node.
#[derive(Clone, Debug, PartialEq)]
pub struct Frame {
    /// `Branch 1`, `Item processor`.
    pub caption: String,
    /// Where it is.
    pub rect: Rect,
    /// Index in [`Layout::nodes`] of the container.
    pub owner: usize,
}

/// A routed edge.
#[derive(Clone, Debug, PartialEq)]
pub struct PlacedEdge {
    /// Index of the source node in [`Layout::nodes`].
    pub from: usize,
    /// Index of the target node.
    pub to: usize,
    /// What the transition is.
    pub kind: EdgeKind,
    /// Label text.
    pub label: Option<String>,
    /// Centre of the label (space is reserved there).
    pub label_at: Option<Point>,
    /// The polyline, from the source's border to the target's border.
    pub points: Vec<Point>,
    /// Whether the edge goes back up (closes a loop).
    pub back: bool,
}

/// Lay `flow` out top to bottom. Never fails: malformed indices are skipped.
pub fn layout(flow: &Flow) -> Layout {
    let mut local = lay(flow, 0);
    for n in &mut local.nodes {
        n.rect = n.rect.shifted(MARGIN, MARGIN);
    }
    for f in &mut local.frames {
        f.rect = f.rect.shifted(MARGIN, MARGIN);
    }
    for e in &mut local.edges {
        shift_edge(e, MARGIN, MARGIN);
    }
    Layout {
        width: local.w + 2.0 * MARGIN,
        height: local.h + 2.0 * MARGIN,
        nodes: local.nodes,
        edges: local.edges,
        frames: local.frames,
    }
}

/// A flow laid out at the origin.
struct Local {
    w: f64,
    h: f64,
    nodes: Vec<PlacedNode>,
    edges: Vec<PlacedEdge>,
    frames: Vec<Frame>,
}

fn shift_edge(e: &mut PlacedEdge, dx: f64, dy: f64) {
    for p in &mut e.points {
        p.x += dx;
        p.y += dy;
    }
    if let Some(p) = &mut e.label_at {
        p.x += dx;
        p.y += dy;
    }
}

/// Shorten `text` to `max` characters, ending with `…` when cut.
pub(crate) fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let mut out: String = text.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

fn label_width(label: &str) -> f64 {
    label.chars().count().min(MAX_LABEL_CHARS) as f64 * LABEL_CHAR_W + 8.0
}

/// One edge of the flow being laid out, between vertices.
struct VEdge {
    from: usize,
    to: usize,
    kind: EdgeKind,
    label: Option<String>,
}

/// A nested flow laid out, with its frame size.
struct Child {
    caption: String,
    local: Local,
}

fn lay(flow: &Flow, depth: usize) -> Local {
    let n = flow.nodes.len();
    let start_v = n;
    let end_v = n + 1;
    // Edges between vertices (states 0..n, start n, end n+1).
    let mut vedges: Vec<VEdge> = Vec::new();
    if let Some(s) = flow.start.filter(|&s| s < n) {
        vedges.push(VEdge {
            from: start_v,
            to: s,
            kind: EdgeKind::Start,
            label: None,
        });
    }
    for e in &flow.edges {
        let to = match e.to {
            Target::Node(i) if i < n => i,
            Target::Node(_) => continue,
            Target::End => end_v,
        };
        if e.from < n {
            vedges.push(VEdge {
                from: e.from,
                to,
                kind: e.kind,
                label: e.label.clone(),
            });
        }
    }
    let has_start = vedges.iter().any(|e| e.kind == EdgeKind::Start);
    let has_end = vedges.iter().any(|e| e.to == end_v);

    // Nested flows first: they size their containers.
    let children: Vec<Vec<Child>> = flow
        .nodes
        .iter()
        .map(|node| {
            node.children
                .iter()
                .map(|c| Child {
                    caption: c.caption.clone(),
                    local: lay(&c.flow, depth + 1),
                })
                .collect()
        })
        .collect();

    // Vertex sizes.
    let mut width = Vec::with_capacity(n + 2);
    let mut height = Vec::with_capacity(n + 2);
    for (node, kids) in flow.nodes.iter().zip(&children) {
        let (w, h) = node_size(node, kids);
        width.push(w);
        height.push(h);
    }
    width.extend([MARKER, MARKER]);
    height.extend([MARKER, MARKER]);
    let present: Vec<bool> = (0..n + 2)
        .map(|v| v < n || (v == start_v && has_start) || (v == end_v && has_end))
        .collect();

    // Self-loops are drawn beside their node; they take room on its right.
    let mut extra_right = vec![0.0; n + 2];
    for e in vedges.iter().filter(|e| e.from == e.to) {
        extra_right[e.from] +=
            LOOP_W + 4.0 + e.label.as_deref().map_or(0.0, |l| label_width(l) + 4.0);
    }

    // 1. Ranking.
    let rank_edges: Vec<RankEdge> = vedges
        .iter()
        .filter(|e| e.from != e.to)
        .map(|e| RankEdge {
            from: e.from,
            to: e.to,
            min_len: if e.label.is_some() { 2 } else { 1 },
        })
        .collect();
    let roots = [start_v];
    let (mut ranks, reversed_list) =
        rank::rank(n + 2, &rank_edges, &roots, has_end.then_some(end_v));
    if !has_end {
        ranks[end_v] = 0;
    }

    // 2. Dummy vertices on long edges; `chain[e]` is the vertex path of edge e (DAG direction).
    let mut dummy = vec![false; n + 2];
    let mut chains: Vec<Vec<usize>> = Vec::with_capacity(vedges.len());
    let mut reversed = Vec::with_capacity(vedges.len());
    let mut label_vertex: Vec<Option<usize>> = Vec::with_capacity(vedges.len());
    let mut rank_iter = reversed_list.iter();
    for e in &vedges {
        if e.from == e.to {
            chains.push(vec![e.from]);
            reversed.push(false);
            label_vertex.push(None);
            continue;
        }
        let rev = rank_iter.next().copied().unwrap_or(false);
        let (a, b) = if rev { (e.to, e.from) } else { (e.from, e.to) };
        let mut chain = vec![a];
        let mut lv = None;
        for r in ranks[a] + 1..ranks[b] {
            let d = width.len();
            let labelled = lv.is_none() && e.label.is_some();
            let w = match &e.label {
                Some(l) if labelled => label_width(l),
                _ => LANE,
            };
            width.push(w);
            height.push(if labelled { LABEL_H } else { 0.0 });
            ranks.push(r);
            dummy.push(true);
            extra_right.push(0.0);
            if labelled {
                lv = Some(d);
            }
            chain.push(d);
        }
        chain.push(b);
        chains.push(chain);
        reversed.push(rev);
        label_vertex.push(lv);
    }
    let total = width.len();
    let is_present = |v: usize| v >= n + 2 || present[v];

    // 3. Layers and neighbours.
    let layer_count = (0..total)
        .filter(|&v| is_present(v))
        .map(|v| ranks[v] + 1)
        .max()
        .unwrap_or(0);
    let mut up: Vec<Vec<usize>> = vec![Vec::new(); total];
    let mut down: Vec<Vec<usize>> = vec![Vec::new(); total];
    for chain in &chains {
        for pair in chain.windows(2) {
            if let [a, b] = pair {
                down[*a].push(*b);
                up[*b].push(*a);
            }
        }
    }
    let discovery = discovery_order(total, &down, start_v);
    let mut layers: Vec<Vec<usize>> = vec![Vec::new(); layer_count];
    let mut by_discovery: Vec<usize> = (0..total).filter(|&v| is_present(v)).collect();
    by_discovery.sort_by_key(|&v| discovery[v]);
    for v in by_discovery {
        if let Some(layer) = layers.get_mut(ranks[v]) {
            layer.push(v);
        }
    }

    // 4. Crossing reduction.
    order::reduce_crossings(&mut layers, &up, &down);

    // 5. Coordinates.
    let left: Vec<f64> = width.iter().map(|w| w / 2.0).collect();
    let right: Vec<f64> = (0..total)
        .map(|v| width[v] / 2.0 + extra_right[v])
        .collect();
    let x = place::assign_x(&PlaceInput {
        layers: &layers,
        up: &up,
        down: &down,
        left: &left,
        right: &right,
        dummy: &dummy,
        gap: GAP,
        dummy_gap: DUMMY_GAP,
    });
    let mut layer_top = vec![0.0; layer_count];
    let mut layer_h = vec![0.0; layer_count];
    let mut y = 0.0;
    for (r, layer) in layers.iter().enumerate() {
        let h = layer.iter().map(|&v| height[v]).fold(0.0, f64::max);
        layer_top[r] = y;
        layer_h[r] = h;
        y += h + V_GAP;
    }
    let content_h = (y - V_GAP).max(0.0);
    let content_w = (0..total)
        .filter(|&v| is_present(v))
        .map(|v| x[v] + right[v])
        .fold(0.0, f64::max);
    let rect_of = |v: usize| {
        let r = ranks[v];
        let top = layer_top.get(r).copied().unwrap_or(0.0);
        let lh = layer_h.get(r).copied().unwrap_or(0.0);
        Rect::new(
            x[v] - width[v] / 2.0,
            top + (lh - height[v]) / 2.0,
            width[v],
            height[v],
        )
    };
    let band = |v: usize| {
        let r = ranks[v];
        let top = layer_top.get(r).copied().unwrap_or(0.0);
        (top, top + layer_h.get(r).copied().unwrap_or(0.0))
    };

    // 6. Ports: edges leave a node's bottom and enter its top, spread by where they go.
    let mut out_port = vec![0.0; chains.len()];
    let mut in_port = vec![0.0; chains.len()];
    for v in 0..n + 2 {
        let mut outs: Vec<(f64, usize)> = Vec::new();
        let mut ins: Vec<(f64, usize)> = Vec::new();
        for (e, chain) in chains.iter().enumerate() {
            if chain.len() < 2 {
                continue;
            }
            if chain.first() == Some(&v) {
                outs.push((x[chain[1]], e));
            }
            if chain.last() == Some(&v) {
                ins.push((x[chain[chain.len() - 2]], e));
            }
        }
        for (list, ports) in [(&mut outs, &mut out_port), (&mut ins, &mut in_port)] {
            list.sort_by(|a, b| a.0.total_cmp(&b.0));
            let k = list.len() as f64;
            let spacing = (width[v] * 0.8 / k.max(1.0)).min(14.0);
            for (i, &(_, e)) in list.iter().enumerate() {
                ports[e] = x[v] + (i as f64 - (k - 1.0) / 2.0) * spacing;
            }
        }
    }

    // 7. Assemble nodes (vertex v → node index), then nested flows.
    let mut nodes: Vec<PlacedNode> = Vec::new();
    let mut node_of = vec![usize::MAX; n + 2];
    for v in (0..n + 2).filter(|&v| present[v]) {
        node_of[v] = nodes.len();
        let (role, name, type_name, pointer, container) = match flow.nodes.get(v) {
            Some(node) => (
                NodeRole::State,
                node.name.clone(),
                node.type_name.clone(),
                node.pointer.clone(),
                !node.children.is_empty(),
            ),
            None if v == start_v => (
                NodeRole::Start,
                String::new(),
                String::new(),
                String::new(),
                false,
            ),
            None => (
                NodeRole::End,
                String::new(),
                String::new(),
                String::new(),
                false,
            ),
        };
        nodes.push(PlacedNode {
            role,
            display_name: shorten(&name, MAX_NAME_CHARS),
            name,
            type_name,
            pointer,
            rect: rect_of(v),
            depth,
            container,
            frame: None,
        });
    }

    // 8. Routes.
    let mut edges: Vec<PlacedEdge> = Vec::new();
    for (e, ve) in vedges.iter().enumerate() {
        let chain = &chains[e];
        let (Some(&from), Some(&to)) = (node_of.get(ve.from), node_of.get(ve.to)) else {
            continue;
        };
        if from == usize::MAX || to == usize::MAX {
            continue;
        }
        let (points, label_at) = if chain.len() < 2 {
            self_loop(rect_of(ve.from), ve.label.as_deref())
        } else {
            let a = chain[0];
            let b = chain[chain.len() - 1];
            let ra = rect_of(a);
            let rb = rect_of(b);
            let mut pts = vec![Point::new(out_port[e], ra.bottom())];
            pts.push(Point::new(out_port[e], band(a).1));
            for &d in &chain[1..chain.len() - 1] {
                let (top, bottom) = band(d);
                pts.push(Point::new(x[d], top));
                pts.push(Point::new(x[d], bottom));
            }
            pts.push(Point::new(in_port[e], band(b).0));
            pts.push(Point::new(in_port[e], rb.y));
            pts.dedup_by(|p, q| (p.x - q.x).abs() < 1e-9 && (p.y - q.y).abs() < 1e-9);
            if reversed[e] {
                pts.reverse();
            }
            let label_at = label_vertex[e].map(|d| {
                let (top, bottom) = band(d);
                Point::new(x[d], (top + bottom) / 2.0)
            });
            (pts, label_at)
        };
        edges.push(PlacedEdge {
            from,
            to,
            kind: ve.kind,
            label: ve.label.clone(),
            label_at: if ve.label.is_some() { label_at } else { None },
            points,
            back: reversed[e],
        });
    }

    let mut frames: Vec<Frame> = Vec::new();
    for (v, kids) in children.into_iter().enumerate() {
        if kids.is_empty() {
            continue;
        }
        let owner = node_of[v];
        let outer = rect_of(v);
        let inner_w: f64 = kids
            .iter()
            .map(|k| k.local.w + 2.0 * FRAME_PAD)
            .sum::<f64>()
            + FRAME_GAP * (kids.len() as f64 - 1.0);
        let mut fx = outer.x + (outer.w - inner_w) / 2.0;
        for kid in kids {
            let Child { caption, local } = kid;
            let frame_rect = Rect::new(
                fx,
                outer.y + HEADER,
                local.w + 2.0 * FRAME_PAD,
                outer.h - HEADER - CONTAINER_PAD,
            );
            let dx = frame_rect.x + FRAME_PAD;
            let dy = frame_rect.y + FRAME_CAPTION;
            let node_base = nodes.len();
            let frame_base = frames.len() + 1;
            frames.push(Frame {
                caption,
                rect: frame_rect,
                owner,
            });
            let own_frame = frames.len() - 1;
            for mut f in local.frames {
                f.rect = f.rect.shifted(dx, dy);
                f.owner += node_base;
                frames.push(f);
            }
            for mut node in local.nodes {
                node.rect = node.rect.shifted(dx, dy);
                node.frame = Some(node.frame.map_or(own_frame, |f| f + frame_base));
                nodes.push(node);
            }
            for mut edge in local.edges {
                shift_edge(&mut edge, dx, dy);
                edge.from += node_base;
                edge.to += node_base;
                edges.push(edge);
            }
            fx += frame_rect.w + FRAME_GAP;
        }
    }

    Local {
        w: content_w.max(MARKER),
        h: content_h.max(MARKER),
        nodes,
        edges,
        frames,
    }
}

fn node_size(node: &FlowNode, kids: &[Child]) -> (f64, f64) {
    let name_chars = node.name.chars().count().min(MAX_NAME_CHARS) as f64;
    let w = (name_chars * NAME_CHAR_W + 28.0).max(STATE_MIN_W);
    if kids.is_empty() {
        return (w, STATE_H);
    }
    let inner_w: f64 = kids
        .iter()
        .map(|k| k.local.w + 2.0 * FRAME_PAD)
        .sum::<f64>()
        + FRAME_GAP * (kids.len() as f64 - 1.0);
    let inner_h = kids
        .iter()
        .map(|k| k.local.h + FRAME_CAPTION + FRAME_PAD)
        .fold(0.0, f64::max);
    (
        w.max(inner_w + 2.0 * CONTAINER_PAD),
        HEADER + inner_h + CONTAINER_PAD,
    )
}

fn self_loop(r: Rect, label: Option<&str>) -> (Vec<Point>, Option<Point>) {
    let cy = r.y + r.h / 2.0;
    let x0 = r.right();
    let x1 = x0 + LOOP_W;
    let points = vec![
        Point::new(x0, cy - 8.0),
        Point::new(x1, cy - 8.0),
        Point::new(x1, cy + 8.0),
        Point::new(x0, cy + 8.0),
    ];
    let label_at = label.map(|l| Point::new(x1 + 4.0 + label_width(l) / 2.0, cy));
    (points, label_at)
}

/// Depth-first discovery index of every vertex (start marker first, then document order).
fn discovery_order(total: usize, down: &[Vec<usize>], start: usize) -> Vec<usize> {
    let mut index = vec![usize::MAX; total];
    let mut next = 0;
    for root in std::iter::once(start).chain(0..total) {
        if root >= total || index[root] != usize::MAX {
            continue;
        }
        let mut stack = vec![root];
        while let Some(v) = stack.pop() {
            if index[v] != usize::MAX {
                continue;
            }
            index[v] = next;
            next += 1;
            for &w in down[v].iter().rev() {
                if index[w] == usize::MAX {
                    stack.push(w);
                }
            }
        }
    }
    index
}

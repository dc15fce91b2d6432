//! Layout invariants over the playground's examples and the conformance corpus: no node
//! overlaps, every transition drawn from border to border, labels and routes clear of other
//! nodes, containers enclosing what they contain.

use std::path::{Path, PathBuf};
use std::time::Instant;

use aslplay_graph::{layout, Flow, Layout, NodeRole, Point, Rect, Target};

/// The playground's examples (web/examples/*.asl.json).
fn examples() -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../web/examples");
    let mut out = Vec::new();
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".asl.json"))
        .collect();
    paths.sort();
    for p in paths {
        let text = std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
        out.push((p.display().to_string(), text));
    }
    assert!(!out.is_empty(), "no examples in {}", dir.display());
    out
}

/// Every definition of the shared conformance corpus, when it is present.
fn corpus() -> Vec<(String, String)> {
    let path = Path::new("/work/shared/conformance/cases.jsonl");
    let Ok(text) = std::fs::read_to_string(path) else {
        eprintln!("corpus {} absent: skipped", path.display());
        return Vec::new();
    };
    text.lines()
        .filter_map(|line| {
            let case: serde_json::Value = serde_json::from_str(line).ok()?;
            let id = case.get("id")?.as_str()?.to_owned();
            let definition = case.get("definition")?;
            let text = match definition {
                serde_json::Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            Some((id, text))
        })
        .collect()
}

/// The larger benchmark workloads (50 and 101 states), when the shared data is present.
fn big_workloads() -> Vec<(String, String)> {
    let dir = Path::new("/work/shared/bench/workloads");
    ["dataflow", "parallel-wide"]
        .iter()
        .filter_map(|name| {
            let path = dir.join(format!("{name}.asl.json"));
            let text = std::fs::read_to_string(&path).ok()?;
            Some((format!("workload {name}"), text))
        })
        .collect()
}

fn flow_of(text: &str) -> Option<Flow> {
    let (machine, _) = aslplay_core::parse_definition(text);
    machine.map(|m| Flow::from_machine(&m))
}

/// Transitions a flow should draw (start edges included), nested flows too.
fn expected_edges(flow: &Flow) -> usize {
    let n = flow.nodes.len();
    let own = flow
        .edges
        .iter()
        .filter(|e| {
            e.from < n && matches!(e.to, Target::End) || matches!(e.to, Target::Node(i) if i < n)
        })
        .count();
    let start = usize::from(flow.start.is_some_and(|s| s < n));
    own + start
        + flow
            .nodes
            .iter()
            .flat_map(|node| &node.children)
            .map(|c| expected_edges(&c.flow))
            .sum::<usize>()
}

/// Whether node `a` is `b` or encloses it.
fn encloses(l: &Layout, a: usize, b: usize) -> bool {
    let mut frame = l.nodes[b].frame;
    if a == b {
        return true;
    }
    while let Some(f) = frame {
        let owner = l.frames[f].owner;
        if owner == a {
            return true;
        }
        frame = l.nodes[owner].frame;
    }
    false
}

fn label_rect(at: Point, label: &str) -> Rect {
    let w = label.chars().count() as f64 * 6.2 + 8.0;
    Rect::new(at.x - w / 2.0 + 1.0, at.y - 7.0, w - 2.0, 14.0)
}

/// Whether the segment p→q passes through the inside of `r` (shrunk by 1 unit).
fn segment_hits(p: Point, q: Point, r: &Rect) -> bool {
    let (x0, y0, x1, y1) = (r.x + 1.0, r.y + 1.0, r.right() - 1.0, r.bottom() - 1.0);
    let (mut t0, mut t1) = (0.0f64, 1.0f64);
    let (dx, dy) = (q.x - p.x, q.y - p.y);
    for (pk, qk) in [
        (-dx, p.x - x0),
        (dx, x1 - p.x),
        (-dy, p.y - y0),
        (dy, y1 - p.y),
    ] {
        if pk == 0.0 {
            if qk < 0.0 {
                return false;
            }
        } else {
            let t = qk / pk;
            if pk < 0.0 {
                t0 = t0.max(t);
            } else {
                t1 = t1.min(t);
            }
        }
    }
    t0 < t1
}

fn check(name: &str, flow: &Flow) -> Vec<String> {
    let l = layout(flow);
    let mut problems = Vec::new();
    let bounds = Rect::new(0.0, 0.0, l.width, l.height);
    let node_name = |i: usize| format!("{:?} {:?}", l.nodes[i].role, l.nodes[i].name);
    for (i, a) in l.nodes.iter().enumerate() {
        if !bounds.contains(&a.rect) {
            problems.push(format!("{name}: {} outside the drawing", node_name(i)));
        }
        for j in i + 1..l.nodes.len() {
            if !encloses(&l, i, j) && !encloses(&l, j, i) && a.rect.overlaps(&l.nodes[j].rect) {
                problems.push(format!(
                    "{name}: {} overlaps {}",
                    node_name(i),
                    node_name(j)
                ));
            }
        }
        if let Some(f) = a.frame {
            if !l.frames[f].rect.contains(&a.rect) {
                problems.push(format!("{name}: {} outside its frame", node_name(i)));
            }
        }
    }
    for (fi, f) in l.frames.iter().enumerate() {
        if !l.nodes[f.owner].rect.contains(&f.rect) {
            problems.push(format!("{name}: frame {fi} outside {}", node_name(f.owner)));
        }
        for g in l.frames.iter().skip(fi + 1) {
            if g.owner == f.owner && f.rect.overlaps(&g.rect) {
                problems.push(format!("{name}: frames of {} overlap", node_name(f.owner)));
            }
        }
    }
    let expected = expected_edges(flow);
    if l.edges.len() != expected {
        problems.push(format!(
            "{name}: {} edges drawn, {expected} expected",
            l.edges.len()
        ));
    }
    for e in &l.edges {
        let what = format!("{name}: edge {} → {}", node_name(e.from), node_name(e.to));
        let (Some(first), Some(last)) = (e.points.first(), e.points.last()) else {
            problems.push(format!("{what} has no points"));
            continue;
        };
        if e.points.len() < 2 {
            problems.push(format!("{what} has one point"));
        }
        if !l.nodes[e.from].rect.contains_point(*first) {
            problems.push(format!("{what} does not leave its source"));
        }
        if !l.nodes[e.to].rect.contains_point(*last) {
            problems.push(format!("{what} does not reach its target"));
        }
        if e.label.is_some() != e.label_at.is_some() {
            problems.push(format!("{what}: label without a place"));
        }
        for (k, node) in l.nodes.iter().enumerate() {
            if node.container || k == e.from || k == e.to {
                continue;
            }
            if let (Some(label), Some(at)) = (&e.label, e.label_at) {
                if label_rect(at, label).overlaps(&node.rect) {
                    problems.push(format!("{what}: label overlaps {}", node_name(k)));
                }
            }
            if e.points
                .windows(2)
                .any(|w| segment_hits(w[0], w[1], &node.rect))
            {
                problems.push(format!("{what} crosses {}", node_name(k)));
            }
        }
    }
    problems
}

fn check_all(cases: &[(String, String)]) -> usize {
    let mut problems = Vec::new();
    let mut laid_out = 0;
    for (name, text) in cases {
        if let Some(flow) = flow_of(text) {
            laid_out += 1;
            problems.extend(check(name, &flow));
        }
    }
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
    laid_out
}

#[test]
fn examples_lay_out_cleanly() {
    let cases = examples();
    assert_eq!(check_all(&cases), cases.len(), "every example parses");
}

#[test]
fn corpus_definitions_lay_out_cleanly() {
    let cases = corpus();
    let n = check_all(&cases);
    eprintln!("{n} corpus definitions laid out");
}

#[test]
fn big_workloads_lay_out_cleanly() {
    let cases = big_workloads();
    assert_eq!(check_all(&cases), cases.len(), "every workload parses");
}

#[test]
fn markers_and_containers_are_drawn() {
    let text = r#"{"StartAt": "P", "States": {
        "P": {"Type": "Parallel", "Next": "M", "Branches": [
            {"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}},
            {"StartAt": "B", "States": {"B": {"Type": "Wait", "Seconds": 1, "Next": "B2"},
                                          "B2": {"Type": "Pass", "End": true}}}]},
        "M": {"Type": "Map", "End": true, "ItemProcessor": {
            "StartAt": "I", "States": {"I": {"Type": "Pass", "Next": "I"}}}}}}"#;
    let flow = flow_of(text).expect("parses");
    let l = layout(&flow);
    let roles = |r| l.nodes.iter().filter(|n| n.role == r).count();
    // Top level, two branches and the item processor each have a start marker; the item
    // processor loops forever, so it has no end marker.
    assert_eq!(roles(NodeRole::Start), 4);
    assert_eq!(roles(NodeRole::End), 3);
    assert_eq!(l.frames.len(), 3);
    assert!(
        check("nested", &flow).is_empty(),
        "{:?}",
        check("nested", &flow)
    );
    let self_loop = l
        .edges
        .iter()
        .find(|e| e.from == e.to)
        .expect("I → I drawn");
    assert_eq!(self_loop.points.len(), 4);
}

/// A synthetic machine of `n` states: a chain with a Choice every fifth state branching
/// ahead and back, and a Catch to a shared handler.
fn synthetic(n: usize) -> String {
    let mut states = Vec::new();
    for i in 0..n {
        let next = if i + 1 < n {
            format!("\"Next\": \"S{}\"", i + 1)
        } else {
            "\"End\": true".into()
        };
        let state = if i % 5 == 4 && i + 3 < n {
            format!(
                r#""S{i}": {{"Type": "Choice", "Choices": [
                    {{"Variable": "$.n", "NumericGreaterThan": {i}, "Next": "S{}"}},
                    {{"Variable": "$.s", "StringEquals": "back", "Next": "S{}"}}], "Default": "S{}"}}"#,
                i + 3,
                i - 2,
                i + 1
            )
        } else if i % 3 == 0 {
            format!(
                r#""S{i}": {{"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:1:function:f", {next}, "Catch": [{{"ErrorEquals": ["States.ALL"], "Next": "Handler"}}]}}"#
            )
        } else {
            format!(r#""S{i}": {{"Type": "Pass", {next}}}"#)
        };
        states.push(state);
    }
    states.push(r#""Handler": {"Type": "Fail", "Error": "E"}"#.to_owned());
    format!(r#"{{"StartAt": "S0", "States": {{{}}}}}"#, states.join(","))
}

#[test]
fn sixty_states_lay_out_cleanly() {
    let flow = flow_of(&synthetic(60)).expect("parses");
    assert_eq!(flow.state_count(), 61);
    let problems = check("synthetic-60", &flow);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Prints layout times (not asserted: machines differ). `cargo test -p aslplay-graph
/// --release --test layout timing -- --nocapture`.
#[test]
fn timing() {
    let mut candidates: Vec<(String, Flow)> = corpus()
        .into_iter()
        .filter_map(|(id, text)| flow_of(&text).map(|f| (id, f)))
        .collect();
    candidates.sort_by_key(|(_, f)| std::cmp::Reverse(f.state_count()));
    candidates.truncate(1);
    candidates.extend(
        big_workloads()
            .into_iter()
            .filter_map(|(id, text)| flow_of(&text).map(|f| (id, f))),
    );
    candidates.push((
        "synthetic-60".into(),
        flow_of(&synthetic(60)).expect("parses"),
    ));
    for (id, flow) in &candidates {
        let runs = 20;
        let started = Instant::now();
        let mut edges = 0;
        for _ in 0..runs {
            edges += layout(flow).edges.len();
        }
        let per = started.elapsed().as_secs_f64() * 1000.0 / runs as f64;
        eprintln!(
            "layout of {id} ({} states, {} edges): {per:.3} ms",
            flow.state_count(),
            edges / runs
        );
    }
}

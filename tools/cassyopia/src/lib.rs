//! `cassyopia`: the system call graph of a Quamachine run, after Cassyopia (Rajagopalan
//! et al.): read a `--trace-syscalls` trace (JSON lines, schema in the README), abstract
//! each call the way the paper does (fd and size kept, buffer addresses dropped), weight
//! each edge by how often one call follows the next, write the graph as DOT and SVG (laid
//! out in Rust by `layout-rs`: no Graphviz), and find the clusters worth a multi-call,
//! with the saving measured from the trace's own clocks.
//!
//! Must not run guests or know the board: it only reads traces.
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

pub mod rewrite;

/// One kernel entry of the trace (the fields this crate reads; others are ignored).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Call {
    /// TRAP number.
    pub trap: u8,
    /// d2 for TRAP #15.
    pub selector: Option<u32>,
    /// Argument registers.
    pub d0: u32,
    /// See `d0`.
    pub d1: u32,
    /// See `d0`.
    #[serde(default)]
    pub a0: u32,
    /// See `d0`.
    #[serde(default)]
    pub a1: u32,
    /// From user mode (supervisor TRAPs are not system calls and are skipped).
    #[serde(default = "yes")]
    pub user: bool,
    /// Clocks from the TRAP to the return to user mode.
    pub clocks: Option<u64>,
    /// Clocks of the TRAP instruction (entry).
    #[serde(default)]
    pub entry_clocks: u32,
    /// Clocks of the RTE (exit).
    pub exit_clocks: Option<u32>,
}

fn yes() -> bool {
    true
}

/// Parse a trace: one JSON object a line; blank lines are skipped.
pub fn parse_trace(text: &str) -> Result<Vec<Call>, String> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| {
            serde_json::from_str(l).map_err(|e| format!("line {}: not a trace record: {e}", i + 1))
        })
        .collect()
}

/// What an argument register is to the abstraction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// A file descriptor: kept.
    Fd,
    /// A byte count: kept.
    Size,
    /// Any other plain value: kept.
    Val,
    /// A pointer: dropped.
    Ptr,
}

/// One call's signature.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spec {
    /// Its name.
    pub name: String,
    /// Argument registers (index into d0, d1, a0, a1) and their roles.
    pub args: Vec<(usize, Role)>,
}

/// The calls by selector.
#[derive(Debug, Clone, Default)]
pub struct Abi(pub BTreeMap<u32, Spec>);

/// The default ABI text: kernel-asm's calls (`abi/quamachine.abi`).
pub const DEFAULT_ABI: &str = include_str!("../abi/quamachine.abi");

const REGS: [&str; 4] = ["d0", "d1", "a0", "a1"];

impl Abi {
    /// Parse an ABI description (`abi/quamachine.abi` shows the format).
    pub fn parse(text: &str) -> Result<Abi, String> {
        let mut map = BTreeMap::new();
        for (i, line) in text.lines().enumerate() {
            let line = line.split('#').next().unwrap_or("").trim();
            let mut w = line.split_whitespace();
            let Some(sel) = w.next() else { continue };
            let err = |m: String| format!("ABI line {}: {m}", i + 1);
            let sel: u32 = sel
                .parse()
                .map_err(|_| err(format!("`{sel}` is not a selector number")))?;
            let name = w
                .next()
                .ok_or_else(|| err("a selector needs a name".into()))?;
            let mut args = Vec::new();
            for a in w {
                let (role, reg) = a
                    .split_once(':')
                    .ok_or_else(|| err(format!("`{a}`: write ROLE:REGISTER")))?;
                let role = match role {
                    "fd" => Role::Fd,
                    "size" => Role::Size,
                    "val" => Role::Val,
                    "ptr" => Role::Ptr,
                    _ => return Err(err(format!("`{role}`: roles are fd, size, val, ptr"))),
                };
                let reg = REGS
                    .iter()
                    .position(|r| *r == reg)
                    .ok_or_else(|| err(format!("`{reg}`: registers are d0, d1, a0, a1")))?;
                args.push((reg, role));
            }
            map.insert(
                sel,
                Spec {
                    name: name.into(),
                    args,
                },
            );
        }
        Ok(Abi(map))
    }

    /// The default ABI.
    pub fn default_quamachine() -> Abi {
        Abi::parse(DEFAULT_ABI).unwrap_or_default()
    }

    /// A call abstracted to its node label: `read(3, 4096)`; pointers dropped, unknown
    /// selectors as `call17`, other traps as `trap3`.
    pub fn label(&self, c: &Call) -> String {
        let regs = [c.d0, c.d1, c.a0, c.a1];
        match (c.trap, c.selector) {
            (15, Some(sel)) => match self.0.get(&sel) {
                Some(spec) => {
                    let kept: Vec<String> = spec
                        .args
                        .iter()
                        .filter(|(_, r)| *r != Role::Ptr)
                        .map(|(i, _)| (regs[*i] as i32).to_string())
                        .collect();
                    format!("{}({})", spec.name, kept.join(", "))
                }
                None => format!("call{sel}"),
            },
            (t, _) => format!("trap{t}"),
        }
    }
}

/// A node: one abstracted call.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Node {
    /// Label, e.g. `read(3, 4096)`.
    pub label: String,
    /// The TRAP #15 selector (d2) of the call, if it was one.
    pub selector: Option<u32>,
    /// Times called.
    pub count: u64,
    /// Sum of the clocks of the calls that returned, and how many did.
    pub clocks: u64,
    /// See `clocks`.
    pub returned: u64,
    /// Sum of entry (TRAP) + exit (RTE) clocks over the calls that returned.
    pub crossing: u64,
}

impl Node {
    /// Mean clocks per call (trap to return), if any returned.
    pub fn mean_clocks(&self) -> Option<f64> {
        (self.returned > 0).then(|| self.clocks as f64 / self.returned as f64)
    }
    /// Mean clocks of the crossing itself (TRAP + RTE), if any returned.
    pub fn mean_crossing(&self) -> Option<f64> {
        (self.returned > 0).then(|| self.crossing as f64 / self.returned as f64)
    }
}

/// The system call graph.
#[derive(Debug, Clone, Default)]
pub struct Graph {
    /// Nodes in order of first appearance.
    pub nodes: Vec<Node>,
    /// Edge (from, to) node indices → how often `to` directly followed `from`.
    pub edges: BTreeMap<(usize, usize), u64>,
    /// User calls in the trace.
    pub calls: u64,
}

impl Graph {
    /// Build the graph of `calls` (user-mode calls only, in trace order).
    pub fn build(calls: &[Call], abi: &Abi) -> Graph {
        let mut g = Graph::default();
        let mut index: BTreeMap<String, usize> = BTreeMap::new();
        let mut prev: Option<usize> = None;
        for c in calls.iter().filter(|c| c.user) {
            let label = abi.label(c);
            let n = *index.entry(label.clone()).or_insert_with(|| {
                g.nodes.push(Node {
                    label,
                    selector: if c.trap == 15 { c.selector } else { None },
                    ..Node::default()
                });
                g.nodes.len() - 1
            });
            let node = &mut g.nodes[n];
            node.count += 1;
            if let (Some(clk), Some(exit)) = (c.clocks, c.exit_clocks) {
                node.clocks += clk;
                node.returned += 1;
                node.crossing += u64::from(c.entry_clocks) + u64::from(exit);
            }
            if let Some(p) = prev {
                *g.edges.entry((p, n)).or_default() += 1;
            }
            prev = Some(n);
            g.calls += 1;
        }
        g
    }

    /// The node index of a label.
    pub fn find(&self, label: &str) -> Option<usize> {
        self.nodes.iter().position(|n| n.label == label)
    }

    /// The weight of edge `from` → `to` (by label), 0 if absent.
    pub fn weight(&self, from: &str, to: &str) -> u64 {
        match (self.find(from), self.find(to)) {
            (Some(a), Some(b)) => self.edges.get(&(a, b)).copied().unwrap_or(0),
            _ => 0,
        }
    }

    /// The graph in Graphviz DOT: node labels carry the call count, edges their weight;
    /// hot edges are drawn thicker.
    pub fn to_dot(&self) -> String {
        let max = self.edges.values().copied().max().unwrap_or(1).max(1);
        let mut s = String::from("digraph syscalls {\n  node [shape=box];\n");
        for (i, n) in self.nodes.iter().enumerate() {
            let _ = writeln!(s, "  n{i} [label=\"{} x{}\"];", escape(&n.label), n.count);
        }
        for (&(a, b), &w) in &self.edges {
            let pen = 1.0 + 4.0 * w as f64 / max as f64;
            let _ = writeln!(s, "  n{a} -> n{b} [label=\"{w}\", penwidth={pen:.1}];");
        }
        s.push_str("}\n");
        s
    }

    /// The graph as SVG, laid out by `layout-rs`. Self-loops (a call repeated) are shown
    /// in the node's label instead of as an edge.
    pub fn to_svg(&self) -> Result<String, String> {
        use layout::backends::svg::SVGWriter;
        use layout::gv::{DotParser, GraphBuilder};
        let mut dot = String::from("digraph syscalls {\n");
        for (i, n) in self.nodes.iter().enumerate() {
            let again = self.edges.get(&(i, i)).copied().unwrap_or(0);
            let rep = if again > 0 {
                format!(" (again x{again})")
            } else {
                String::new()
            };
            let _ = writeln!(
                dot,
                "  n{i} [shape=box, label=\"{} x{}{rep}\"];",
                escape(&n.label),
                n.count
            );
        }
        for (&(a, b), &w) in &self.edges {
            if a != b {
                let _ = writeln!(dot, "  n{a} -> n{b} [label=\"{w}\"];");
            }
        }
        dot.push_str("}\n");
        let mut parser = DotParser::new(&dot);
        let ast = parser.process()?;
        // The layout library asserts on shapes it cannot place; never let that take the
        // program down.
        std::panic::catch_unwind(move || {
            let mut gb = GraphBuilder::new();
            gb.visit_graph(&ast);
            let mut vg = gb.get();
            let mut svg = SVGWriter::new();
            vg.do_it(false, false, false, &mut svg);
            svg.finalize()
        })
        .map_err(|_| "the SVG layout failed on this graph (the DOT file is still good)".into())
    }
}

fn escape(s: &str) -> String {
    s.replace('\\', "\\\\").replace('"', "\\\"")
}

/// How hot an edge must be to join a cluster.
#[derive(Debug, Clone, Copy)]
pub struct ClusterOptions {
    /// At least this many occurrences.
    pub min_count: u64,
    /// And at least this fraction of the hottest edge's weight.
    pub min_fraction: f64,
}

impl Default for ClusterOptions {
    fn default() -> Self {
        ClusterOptions {
            min_count: 2,
            min_fraction: 0.1,
        }
    }
}

/// A sequence of calls worth one multi-call.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Cluster {
    /// The calls, in order (node labels).
    pub calls: Vec<String>,
    /// Occurrences of the whole sequence (the lightest edge along it).
    pub count: u64,
    /// The sequence repeats: its last call is most often followed by its first, so a
    /// looped multi-call can take the whole loop.
    pub looped: bool,
    /// Measured clocks of one crossing (TRAP + RTE), the mean over the cluster's calls.
    pub crossing_clocks: f64,
    /// Measured clocks of one call (trap to return), the mean over the cluster's calls.
    pub call_clocks: f64,
    /// Crossings a multi-call saves: `count × (len − 1)`.
    pub crossings_removed: u64,
    /// Estimated clocks saved: crossings removed × crossing clocks.
    pub saving: f64,
    /// For a loop: crossings a looped multi-call saves (`count × len − 1`), else 0.
    pub looped_crossings_removed: u64,
    /// For a loop: the clocks that saves.
    pub looped_saving: f64,
}

/// Find the clusters: chains of hot edges, hottest first, each node in one chain.
pub fn clusters(g: &Graph, opt: ClusterOptions) -> Vec<Cluster> {
    let max = g.edges.values().copied().max().unwrap_or(0);
    let threshold = opt
        .min_count
        .max((opt.min_fraction * max as f64).ceil() as u64);
    let hot: BTreeMap<(usize, usize), u64> = g
        .edges
        .iter()
        .filter(|&(&(a, b), &w)| a != b && w >= threshold)
        .map(|(&k, &w)| (k, w))
        .collect();
    let mut taken: BTreeSet<usize> = BTreeSet::new();
    let mut out = Vec::new();
    // The hottest edge between two free nodes starts a chain.
    while let Some((&(a, b), _)) = hot
        .iter()
        .filter(|&(&(a, b), _)| !taken.contains(&a) && !taken.contains(&b))
        .max_by_key(|&(&k, &w)| (w, std::cmp::Reverse(k)))
    {
        let mut path = vec![a, b];
        let best_out = |n: usize, path: &[usize], taken: &BTreeSet<usize>| {
            hot.iter()
                .filter(|&(&(x, y), _)| x == n && !taken.contains(&y) && !path[1..].contains(&y))
                .max_by_key(|&(&k, &w)| (w, std::cmp::Reverse(k)))
                .map(|(&(_, y), _)| y)
        };
        let mut looped = false;
        while let Some(y) = best_out(*path.last().unwrap_or(&a), &path, &taken) {
            if y == path[0] {
                looped = true;
                break;
            }
            path.push(y);
        }
        if !looped {
            // Grow backwards too.
            while let Some(x) = hot
                .iter()
                .filter(|&(&(x, y), _)| y == path[0] && !taken.contains(&x) && !path.contains(&x))
                .max_by_key(|&(&k, &w)| (w, std::cmp::Reverse(k)))
                .map(|(&(x, _), _)| x)
            {
                path.insert(0, x);
            }
        }
        taken.extend(path.iter().copied());
        let count = path
            .windows(2)
            .map(|w| hot.get(&(w[0], w[1])).copied().unwrap_or(0))
            .min()
            .unwrap_or(0);
        let (cross, calls, n) = path.iter().fold((0u64, 0u64, 0u64), |acc, &i| {
            let node = &g.nodes[i];
            (
                acc.0 + node.crossing,
                acc.1 + node.clocks,
                acc.2 + node.returned,
            )
        });
        let crossing_clocks = if n > 0 { cross as f64 / n as f64 } else { 0.0 };
        let call_clocks = if n > 0 { calls as f64 / n as f64 } else { 0.0 };
        let len = path.len() as u64;
        let crossings_removed = count * (len - 1);
        let looped_crossings_removed = if looped { count * len - 1 } else { 0 };
        out.push(Cluster {
            calls: path.iter().map(|&i| g.nodes[i].label.clone()).collect(),
            count,
            looped,
            crossing_clocks,
            call_clocks,
            crossings_removed,
            saving: crossings_removed as f64 * crossing_clocks,
            looped_crossings_removed,
            looped_saving: looped_crossings_removed as f64 * crossing_clocks,
        });
    }
    out
}

/// The clusters as a text report.
pub fn report(g: &Graph, cl: &[Cluster]) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "{} kernel calls, {} distinct calls, {} edges",
        g.calls,
        g.nodes.len(),
        g.edges.len()
    );
    if cl.is_empty() {
        s.push_str("no cluster worth a multi-call (no sequence repeats often enough)\n");
    }
    for (i, c) in cl.iter().enumerate() {
        let _ = writeln!(
            s,
            "cluster {}: {}{}",
            i + 1,
            c.calls.join(" -> "),
            if c.looped { " (loop)" } else { "" }
        );
        let _ = writeln!(
            s,
            "  {} times; {:.1} clocks per crossing (TRAP + RTE), {:.1} per call",
            c.count, c.crossing_clocks, c.call_clocks
        );
        let _ = writeln!(
            s,
            "  multi-call: {} crossings removed, about {:.0} clocks saved",
            c.crossings_removed, c.saving
        );
        if c.looped {
            let _ = writeln!(
                s,
                "  looped multi-call: {} crossings removed, about {:.0} clocks saved",
                c.looped_crossings_removed, c.looped_saving
            );
        }
    }
    s
}

/// The graph and its clusters as JSON (schema `cassyopia-graph/1`): `nodes` (label, count,
/// clocks, returned, crossing), `edges` (from, to: node labels; count), `clusters`.
pub fn to_json(g: &Graph, cl: &[Cluster]) -> String {
    let edges: Vec<serde_json::Value> = g
        .edges
        .iter()
        .map(|(&(a, b), &w)| {
            serde_json::json!({"from": g.nodes[a].label, "to": g.nodes[b].label, "count": w})
        })
        .collect();
    serde_json::json!({
        "schema": "cassyopia-graph/1",
        "calls": g.calls,
        "nodes": g.nodes,
        "edges": edges,
        "clusters": cl,
    })
    .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn call(sel: u32, d0: u32, d1: u32, a0: u32) -> Call {
        Call {
            trap: 15,
            selector: Some(sel),
            d0,
            d1,
            a0,
            a1: 0,
            user: true,
            clocks: Some(100),
            entry_clocks: 20,
            exit_clocks: Some(30),
        }
    }

    #[test]
    fn labels_keep_fd_and_size_and_drop_pointers() {
        let abi = Abi::parse("20 read fd:d0 ptr:a0 size:d1\n").unwrap();
        assert_eq!(abi.label(&call(20, 3, 4096, 0x1234)), "read(3, 4096)");
        assert_eq!(abi.label(&call(21, 3, 4096, 0x1234)), "call21");
        let mut c = call(20, 3, 4096, 0);
        c.trap = 2;
        assert_eq!(abi.label(&c), "trap2");
    }

    #[test]
    fn abi_errors_name_the_line() {
        assert!(Abi::parse("x read").unwrap_err().contains("ABI line 1"));
        assert!(Abi::parse("\n20").unwrap_err().contains("ABI line 2"));
        assert!(
            Abi::parse("20 r fd:d9")
                .unwrap_err()
                .contains("registers are")
        );
        assert!(Abi::parse("20 r buf:a0").unwrap_err().contains("roles are"));
        assert!(
            Abi::default_quamachine().0.len() > 10,
            "the built-in ABI parses"
        );
    }

    #[test]
    fn a_repeated_sequence_is_one_looped_cluster() {
        let abi = Abi::parse("1 a\n2 b\n3 c\n4 d\n").unwrap();
        // (a b c d) five times: one cluster, a loop (d is followed by a four times).
        let mut calls = Vec::new();
        for _ in 0..5 {
            calls.extend([
                call(1, 0, 0, 0),
                call(2, 0, 0, 0),
                call(3, 0, 0, 0),
                call(4, 0, 0, 0),
            ]);
        }
        let g = Graph::build(&calls, &abi);
        assert_eq!(g.weight("a()", "b()"), 5);
        assert_eq!(g.weight("d()", "a()"), 4);
        let cl = clusters(&g, ClusterOptions::default());
        assert_eq!(cl.len(), 1);
        assert_eq!(cl[0].calls, ["a()", "b()", "c()", "d()"]);
        assert!(cl[0].looped);
        assert_eq!(cl[0].count, 5);
        assert_eq!(cl[0].crossing_clocks, 50.0);
        assert_eq!(cl[0].crossings_removed, 15);
        assert_eq!(cl[0].looped_crossings_removed, 19);
    }
}

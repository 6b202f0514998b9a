//! A small line chart drawn on the server as SVG: readable on a phone, no script, and always
//! shown with its numbers as a table (the text alternative) by the page that uses it.
use leptos::prelude::*;

/// One point: its label on the x axis and its value.
#[derive(Clone, Debug, PartialEq)]
pub struct Point {
    pub label: String,
    pub value: f64,
}

const W: f64 = 320.0;
const H: f64 = 160.0;
const LEFT: f64 = 28.0;
const RIGHT: f64 = 8.0;
const TOP: f64 = 8.0;
const BOTTOM: f64 = 24.0;

/// Where point `i` of `n` sits, and value `v` on a 0..=`max` axis.
fn x_of(i: usize, n: usize) -> f64 {
    let span = W - LEFT - RIGHT;
    if n <= 1 {
        LEFT + span / 2.0
    } else {
        LEFT + span * i as f64 / (n - 1) as f64
    }
}

fn y_of(v: f64, max: f64) -> f64 {
    let span = H - TOP - BOTTOM;
    TOP + span * (1.0 - (v / max).clamp(0.0, 1.0))
}

/// `title` names the chart for screen readers (`role="img"`); `line` draws a dashed
/// reference line (a cut-off) with its label.
#[component]
pub fn LineChart(
    title: String,
    points: Vec<Point>,
    max: f64,
    #[prop(optional)] line: Option<(f64, String)>,
) -> impl IntoView {
    let n = points.len();
    let path = points
        .iter()
        .enumerate()
        .map(|(i, p)| format!("{:.1},{:.1}", x_of(i, n), y_of(p.value, max)))
        .collect::<Vec<_>>()
        .join(" ");
    // Label at most about six points on the x axis, so they never overlap on a phone.
    let every = n.div_ceil(6).max(1);
    view! {
        <svg class="chart" viewBox=format!("0 0 {W} {H}") role="img" aria-label=title preserveAspectRatio="xMidYMid meet">
            <line class="axis" x1=LEFT y1=y_of(0.0, max) x2=W - RIGHT y2=y_of(0.0, max)/>
            <line class="axis" x1=LEFT y1=TOP x2=LEFT y2=y_of(0.0, max)/>
            <text class="tick" x=LEFT - 4.0 y=y_of(max, max) + 4.0 text-anchor="end">{format!("{max}")}</text>
            <text class="tick" x=LEFT - 4.0 y=y_of(0.0, max) text-anchor="end">"0"</text>
            {line.map(|(v, label)| view! {
                <line class="cutoff" x1=LEFT y1=y_of(v, max) x2=W - RIGHT y2=y_of(v, max)/>
                <text class="tick" x=W - RIGHT y=y_of(v, max) - 3.0 text-anchor="end">{label}</text>
            })}
            <polyline class="series" points=path/>
            {points.iter().enumerate().map(|(i, p)| view! {
                <circle class="dot" cx=x_of(i, n) cy=y_of(p.value, max) r="3.5"/>
            }).collect_view()}
            {points.iter().enumerate().filter(|(i, _)| i % every == 0 || *i + 1 == n).map(|(i, p)| view! {
                <text class="tick" x=x_of(i, n) y=H - 6.0 text-anchor="middle">{p.label.clone()}</text>
            }).collect_view()}
        </svg>
    }
}

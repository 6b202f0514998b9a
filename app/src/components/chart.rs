//! A small line chart drawn on the server as SVG: readable on a phone, no script, and always
//! shown with its numbers as a table (the text alternative) by the page that uses it.
//!
//! SVG text scales with the drawing, so one drawing cannot have readable labels both on a
//! phone and across a desktop: the chart is drawn twice, narrow and wide, and the style
//! sheet shows the one that fits (`.chart-narrow` / `.chart-wide`). Each drawing labels only
//! as many periods as fit without overlapping, counted back from the latest, and keeps the
//! labels inside its edges. The vertical axis runs over the range the data and the cut-off
//! need (in steps of five), not always from zero: a difference of 32 against 38 must be
//! visible. Its ends are written on the axis and the caption says where it starts.
use crate::i18n::{tf, use_lang, Msg};
use leptos::prelude::*;

/// One point: its label on the x axis and its value.
#[derive(Clone, Debug, PartialEq)]
pub struct Point {
    pub label: String,
    pub value: f64,
}

/// The vertical range: from `lo` to `hi`, both multiples of five within `0..=max`, around
/// every value and the cut-off, with a little room above and below.
pub fn y_range(values: &[f64], cutoff: Option<f64>, max: f64) -> (f64, f64) {
    let all = values.iter().copied().chain(cutoff);
    let (min_v, max_v) = all.fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| {
        (a.min(v), b.max(v))
    });
    if !min_v.is_finite() {
        return (0.0, max);
    }
    let lo = (((min_v - 2.0) / 5.0).floor() * 5.0).clamp(0.0, max);
    let hi = (((max_v + 2.0) / 5.0).ceil() * 5.0).clamp(0.0, max);
    if hi - lo < 10.0 {
        // At least two steps, so the ticks say something.
        let lo = (hi - 10.0).max(0.0);
        return (lo, (lo + 10.0).min(max));
    }
    (lo, hi)
}

/// One drawing's size and margins (in its own units; font size 10).
#[derive(Clone, Copy)]
struct Frame {
    w: f64,
    h: f64,
    left: f64,
    right: f64,
    top: f64,
    bottom: f64,
}

/// The width a label takes at font size 10: about 0.62 em a character (digits, capitals).
fn label_width(label: &str) -> f64 {
    label.chars().count() as f64 * 6.2
}

impl Frame {
    fn x(&self, i: usize, n: usize) -> f64 {
        let span = self.w - self.left - self.right;
        if n <= 1 {
            self.left + span / 2.0
        } else {
            self.left + span * i as f64 / (n - 1) as f64
        }
    }

    fn y(&self, v: f64, (lo, hi): (f64, f64)) -> f64 {
        let span = self.h - self.top - self.bottom;
        self.top + span * (1.0 - ((v - lo) / (hi - lo)).clamp(0.0, 1.0))
    }

    /// Every how many points a label fits, with a gap of 8 between neighbours.
    fn label_step(&self, n: usize, widest: f64) -> usize {
        if n <= 1 {
            return 1;
        }
        let spacing = (self.w - self.left - self.right) / (n - 1) as f64;
        ((widest + 8.0) / spacing).ceil().max(1.0) as usize
    }
}

/// Which of `n` points get a label: the latest, and back from it every `step`.
pub fn labelled(n: usize, step: usize) -> impl Iterator<Item = usize> {
    (0..n).filter(move |i| (n - 1 - i).is_multiple_of(step.max(1)))
}

/// `title` names the chart for screen readers (`role="img"`); `line` draws a dashed
/// reference line (a cut-off) with its label. `max` is the scale's top (the range shown is
/// [`y_range`]).
#[component]
pub fn LineChart(
    title: String,
    points: Vec<Point>,
    max: f64,
    #[prop(optional)] line: Option<(f64, String)>,
) -> impl IntoView {
    let values: Vec<f64> = points.iter().map(|p| p.value).collect();
    let range = y_range(&values, line.as_ref().map(|l| l.0), max);
    let widest = points
        .iter()
        .map(|p| label_width(&p.label))
        .fold(0.0, f64::max);
    let drawing = |class: &'static str, w: f64, h: f64| {
        // Half a label of room at either end, so the first and last stay inside.
        let side = (widest / 2.0 + 2.0).max(8.0);
        let frame = Frame {
            w,
            h,
            left: side.max(28.0),
            right: side,
            top: 8.0,
            bottom: 24.0,
        };
        let n = points.len();
        let step = frame.label_step(n, widest);
        let path = points
            .iter()
            .enumerate()
            .map(|(i, p)| format!("{:.1},{:.1}", frame.x(i, n), frame.y(p.value, range)))
            .collect::<Vec<_>>()
            .join(" ");
        let ticks: Vec<f64> = {
            let (lo, hi) = range;
            let step = if hi - lo > 20.0 { 10.0 } else { 5.0 };
            let mut v = lo;
            let mut out = Vec::new();
            while v <= hi + 0.001 {
                out.push(v);
                v += step;
            }
            out
        };
        let line = line.clone();
        view! {
            <svg class=format!("chart {class}") viewBox=format!("0 0 {w} {h}") role="img" aria-label=title.clone() preserveAspectRatio="xMidYMid meet">
                <line class="axis" x1=frame.left y1=frame.y(range.0, range) x2=w - frame.right y2=frame.y(range.0, range)/>
                <line class="axis" x1=frame.left y1=frame.top x2=frame.left y2=frame.y(range.0, range)/>
                {ticks.into_iter().map(|v| view! {
                    <line class="grid" x1=frame.left y1=frame.y(v, range) x2=w - frame.right y2=frame.y(v, range)/>
                    <text class="tick" x=frame.left - 4.0 y=frame.y(v, range) + 3.5 text-anchor="end">{format!("{v}")}</text>
                }).collect_view()}
                {line.map(|(v, label)| view! {
                    <line class="cutoff" x1=frame.left y1=frame.y(v, range) x2=w - frame.right y2=frame.y(v, range)/>
                    <text class="tick" x=w - frame.right y=frame.y(v, range) - 3.0 text-anchor="end">{label}</text>
                })}
                <polyline class="series" points=path/>
                {points.iter().enumerate().map(|(i, p)| view! {
                    <circle class="dot" cx=frame.x(i, n) cy=frame.y(p.value, range) r="3.5"/>
                }).collect_view()}
                {labelled(n, step).map(|i| view! {
                    <text class="tick x-label" x=frame.x(i, n) y=h - 6.0 text-anchor="middle">{points[i].label.clone()}</text>
                }).collect_view()}
            </svg>
        }
    };
    let lang = use_lang();
    let (lo, hi) = range;
    view! {
        {drawing("chart-narrow", 320.0, 170.0)}
        {drawing("chart-wide", 720.0, 240.0)}
        {(lo > 0.0).then(|| view! {
            <p class="hint chart-range">{tf(lang, Msg::ChartRange, &[("lo", &format!("{lo}")), ("hi", &format!("{hi}"))])}</p>
        })}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_range_shows_the_differences_that_matter() {
        // 32 against 38 with the cut-off at 36: 30 to 40, not 0 to 40.
        assert_eq!(y_range(&[32.0, 38.0], Some(36.0), 40.0), (30.0, 40.0));
        // Low scores and the cut-off: from 10.
        assert_eq!(y_range(&[12.0, 30.0], Some(36.0), 40.0), (10.0, 40.0));
        // Never below zero or above the scale.
        assert_eq!(y_range(&[0.0, 40.0], None, 40.0), (0.0, 40.0));
        assert_eq!(y_range(&[], None, 40.0), (0.0, 40.0));
        // A flat line still gets two steps.
        assert_eq!(y_range(&[20.0, 20.0], None, 40.0), (15.0, 25.0));
    }

    #[test]
    fn labels_count_back_from_the_latest_and_fit() {
        assert_eq!(labelled(12, 3).collect::<Vec<_>>(), vec![2, 5, 8, 11]);
        assert_eq!(labelled(1, 1).collect::<Vec<_>>(), vec![0]);
        // Twelve "2026-10" labels on a phone: none closer than a label's width.
        let phone = Frame {
            w: 320.0,
            h: 170.0,
            left: 28.0,
            right: 24.0,
            top: 8.0,
            bottom: 24.0,
        };
        let width = label_width("2026-10");
        let step = phone.label_step(12, width);
        let xs: Vec<f64> = labelled(12, step).map(|i| phone.x(i, 12)).collect();
        assert!(xs.windows(2).all(|w| w[1] - w[0] >= width + 8.0), "{xs:?}");
    }
}

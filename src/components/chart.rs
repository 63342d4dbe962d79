//! Small charts drawn as SVG from Rust (no chart library): a heatmap with the value written in each
//! cell, and horizontal bars. Names and numbers are text nodes (`<text>`), never markup. In a
//! right-to-left interface the charts are mirrored: names on the right, bars growing leftwards
//! (the SVG's own text direction stays left-to-right, so that the anchors computed here hold; a
//! name in Arabic is still shaped and ordered by the browser within its text node).

use yew::prelude::*;

/// One cell of a heatmap, or one bar: where it falls on the scale (`None`: no value, drawn
/// grey), what is written in it, and what a pointer over it says.
#[derive(Debug, Clone, PartialEq)]
pub struct Mark {
    pub value: Option<f64>,
    pub text: String,
    pub title: String,
}

const INK: &str = "#1d232a";
const EMPTY: &str = "#eceff2";
const NAME_W: f64 = 120.0;
const CELL_W: f64 = 78.0;
const CELL_H: f64 = 34.0;
const HEAD_H: f64 = 30.0;

/// A colour for `v` in -1..=1: white at 0, blue towards 1, orange towards -1; light enough for
/// dark text at every value.
fn shade(v: f64) -> String {
    let v = v.clamp(-1.0, 1.0);
    let (to, t) = if v >= 0.0 { ((0x7f, 0xb2, 0xe0), v) } else { ((0xf4, 0xb0, 0x7a), -v) };
    let mix = |a: u8, b: u8| (f64::from(a) + (f64::from(b) - f64::from(a)) * t).round() as u8;
    format!("#{:02x}{:02x}{:02x}", mix(0xf7, to.0), mix(0xf8, to.1), mix(0xfa, to.2))
}

/// A name cut to `max` characters (the whole name is in the title).
fn short(name: &str, max: usize) -> String {
    if name.chars().count() <= max {
        name.to_string()
    } else {
        let mut s: String = name.chars().take(max - 1).collect();
        s.push('…');
        s
    }
}

/// A square matrix: `names` on both axes, `cells[row][col]`.
pub fn heatmap(label: &str, names: &[String], cells: &[Vec<Mark>], rtl: bool, testid: &str) -> Html {
    let n = names.len();
    let width = NAME_W + CELL_W * n as f64;
    let height = HEAD_H + CELL_H * n as f64;
    // Column `c`'s left edge; in right-to-left the names are on the right and column 0 next to them.
    let col_x = |c: usize| if rtl { width - NAME_W - CELL_W * (c + 1) as f64 } else { NAME_W + CELL_W * c as f64 };
    let name_x = if rtl { width - 6.0 } else { NAME_W - 6.0 };
    html! {
        <svg class="chart heatmap" role="img" direction="ltr" aria-label={label.to_string()} data-testid={testid.to_string()}
            width={width.to_string()} height={height.to_string()} viewBox={format!("0 0 {width} {height}")}>
            <title>{ label }</title>
            { for names.iter().enumerate().map(|(c, name)| html! {
                <text x={(col_x(c) + CELL_W / 2.0).to_string()} y={(HEAD_H - 10.0).to_string()} text-anchor="middle"
                    font-size="12" fill={INK}>{ short(name, 10) }<title>{ name }</title></text>
            }) }
            { for names.iter().enumerate().map(|(r, name)| {
                let y = HEAD_H + CELL_H * r as f64;
                html! {
                    <g data-row={name.clone()}>
                        <text x={name_x.to_string()} y={(y + CELL_H / 2.0 + 4.0).to_string()} text-anchor="end"
                            font-size="12" fill={INK}>{ short(name, 14) }<title>{ name }</title></text>
                        { for cells.get(r).into_iter().flatten().enumerate().map(|(c, m)| {
                            let x = col_x(c);
                            let fill = m.value.map_or_else(|| EMPTY.to_string(), shade);
                            html! {
                                <g class="cell" data-col={names.get(c).cloned().unwrap_or_default()}>
                                    <rect x={x.to_string()} y={y.to_string()} width={(CELL_W - 2.0).to_string()}
                                        height={(CELL_H - 2.0).to_string()} rx="3" fill={fill}><title>{ &m.title }</title></rect>
                                    <text x={(x + CELL_W / 2.0 - 1.0).to_string()} y={(y + CELL_H / 2.0 + 3.0).to_string()}
                                        text-anchor="middle" font-size={if m.value.is_some() { "13" } else { "9" }} fill={INK}>{ &m.text }</text>
                                </g>
                            }
                        }) }
                    </g>
                }
            }) }
        </svg>
    }
}

const BAR_W: f64 = 240.0;
const BAR_H: f64 = 24.0;
const VALUE_W: f64 = 64.0;

/// Horizontal bars, one per row, on a scale from `min` (0 or -1) to 1.
pub fn bars(label: &str, rows: &[(String, Mark)], min: f64, rtl: bool, testid: &str) -> Html {
    let width = NAME_W + BAR_W + VALUE_W;
    let height = BAR_H * rows.len() as f64 + 4.0;
    let span = 1.0 - min;
    // Position on the scale, from the inline start of the bar area.
    let at = |v: f64| BAR_W * (v.clamp(min, 1.0) - min) / span;
    let x = |from_start: f64| if rtl { width - NAME_W - from_start } else { NAME_W + from_start };
    let zero = x(at(0.0));
    html! {
        <svg class="chart bars" role="img" direction="ltr" aria-label={label.to_string()} data-testid={testid.to_string()}
            width={width.to_string()} height={height.to_string()} viewBox={format!("0 0 {width} {height}")}>
            <title>{ label }</title>
            { for rows.iter().enumerate().map(|(i, (name, m))| {
                let y = BAR_H * i as f64 + 2.0;
                let (a, b) = m.value.map_or((zero, zero), |v| {
                    let (p, q) = (x(at(0.0)), x(at(v)));
                    (p.min(q), p.max(q))
                });
                let name_x = if rtl { width - 6.0 } else { NAME_W - 6.0 };
                let value_x = if rtl { x(BAR_W) - 6.0 } else { x(BAR_W) + 6.0 };
                html! {
                    <g class="bar" data-row={name.clone()}>
                        <text x={name_x.to_string()} y={(y + BAR_H / 2.0 + 4.0).to_string()} text-anchor="end"
                            font-size="12" fill={INK}>{ short(name, 16) }<title>{ name }</title></text>
                        <rect x={x(0.0).min(x(BAR_W)).to_string()} y={(y + 3.0).to_string()} width={BAR_W.to_string()}
                            height={(BAR_H - 6.0).to_string()} fill={EMPTY} />
                        <rect x={a.to_string()} y={(y + 3.0).to_string()} width={(b - a).max(0.0).to_string()}
                            height={(BAR_H - 6.0).to_string()} fill={m.value.map_or_else(|| EMPTY.to_string(), |v| shade(v.signum() * 0.9))}>
                            <title>{ &m.title }</title></rect>
                        <text x={value_x.to_string()} y={(y + BAR_H / 2.0 + 4.0).to_string()} text-anchor={if rtl { "end" } else { "start" }}
                            font-size="12" fill={INK}>{ &m.text }</text>
                    </g>
                }
            }) }
            <line x1={zero.to_string()} x2={zero.to_string()} y1="0" y2={height.to_string()} stroke={INK} stroke-width="1" />
        </svg>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shades_go_from_white_to_blue_and_orange() {
        assert_eq!(shade(0.0), "#f7f8fa");
        assert_eq!(shade(1.0), "#7fb2e0");
        assert_eq!(shade(-1.0), "#f4b07a");
        assert_eq!(shade(7.0), shade(1.0));
        assert_eq!(short("alice", 10), "alice");
        assert_eq!(short("abcdefghijkl", 5), "abcd…");
    }
}

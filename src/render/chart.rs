//! Bar charts of counts, drawn at build time as inline SVG: the coverage report's studies per
//! year, country and topic, and its translations per language. Each chart is a picture of the
//! table beside it, which keeps the numbers for every reader and for assistive technology.
//!
//! The geometry is decided here; the theme's `bar_chart` component draws it and its stylesheet
//! colours it (through the colour scheme's variables, so both schemes hold).

use serde::Serialize;

/// Width of a chart in SVG units; it scales to its box.
const WIDTH: f64 = 600.0;
/// Each row: its label on a line of its own (any length, any script), then its bar.
const LABEL_LINE: f64 = 18.0;
const BAR: f64 = 14.0;
const GAP: f64 = 10.0;
/// Room after the longest bar for its number.
const VALUE_ROOM: f64 = 80.0;
/// The narrowest bar that is not zero, so a count of one still shows.
const THINNEST: f64 = 2.0;

/// Rows a chart of a long table shows: the largest.
pub const MOST_ROWS: usize = 12;

#[derive(Serialize)]
pub struct BarChart {
    pub view_box: String,
    pub bar: f64,
    pub rows: Vec<BarRow>,
    /// How many rows are drawn, of how many the table has.
    pub shown: usize,
    pub total: usize,
}

#[derive(Serialize)]
pub struct BarRow {
    pub label: String,
    pub label_y: f64,
    pub bar_y: f64,
    /// One per series, left to right; a series with nothing in this row has none.
    pub segments: Vec<Segment>,
    /// The row's number as the language writes it, after its bar.
    pub value: String,
    pub value_x: f64,
    pub value_y: f64,
}

#[derive(Serialize)]
pub struct Segment {
    /// The series (its position among the chart's), which the stylesheet colours.
    pub series: usize,
    pub x: f64,
    pub width: f64,
}

/// One row of a chart: its label and its count per series.
pub struct Row<'a> {
    pub label: &'a str,
    pub counts: Vec<usize>,
}

/// A chart of `rows` (in their order), at most `most` of them, each bar as long as its total.
/// `number` writes a row's total as the page's language does.
pub fn bars(rows: Vec<Row>, most: usize, number: impl Fn(u64) -> String) -> BarChart {
    let total = rows.len();
    let rows: Vec<Row> = rows.into_iter().take(most).collect();
    let sum = |r: &Row| r.counts.iter().sum::<usize>();
    let largest = rows.iter().map(sum).max().unwrap_or(0).max(1) as f64;
    let scale = (WIDTH - VALUE_ROOM) / largest;
    let row_height = LABEL_LINE + BAR + GAP;
    let drawn = rows
        .iter()
        .enumerate()
        .map(|(i, row)| {
            let top = i as f64 * row_height;
            let mut x = 0.0;
            let mut segments = Vec::new();
            for (series, &count) in row.counts.iter().enumerate() {
                if count == 0 {
                    continue;
                }
                let width = round((count as f64 * scale).max(THINNEST));
                segments.push(Segment {
                    series,
                    x: round(x),
                    width,
                });
                x += width;
            }
            BarRow {
                label: row.label.to_string(),
                label_y: round(top + LABEL_LINE - 5.0),
                bar_y: round(top + LABEL_LINE),
                segments,
                value: number(sum(row) as u64),
                value_x: round(x + 6.0),
                value_y: round(top + LABEL_LINE + BAR - 2.0),
            }
        })
        .collect::<Vec<_>>();
    let height = (drawn.len() as f64 * row_height - GAP).max(BAR);
    BarChart {
        view_box: format!("0 0 {WIDTH} {}", round(height)),
        bar: BAR,
        shown: drawn.len(),
        rows: drawn,
        total,
    }
}

fn round(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row<'a>(label: &'a str, counts: &[usize]) -> Row<'a> {
        Row {
            label,
            counts: counts.to_vec(),
        }
    }

    #[test]
    fn bars_are_as_long_as_their_counts_and_the_longest_fills_the_room() {
        let chart = bars(
            vec![row("a", &[40]), row("b", &[10]), row("c", &[0])],
            MOST_ROWS,
            |n| n.to_string(),
        );
        assert_eq!(chart.rows[0].segments[0].width, WIDTH - VALUE_ROOM);
        assert_eq!(chart.rows[1].segments[0].width, (WIDTH - VALUE_ROOM) / 4.0);
        assert!(chart.rows[2].segments.is_empty());
        assert_eq!(chart.rows[2].value, "0");
    }

    #[test]
    fn a_long_table_shows_its_first_rows_and_says_how_many_it_has() {
        let rows = (0..20).map(|_| row("x", &[1])).collect();
        let chart = bars(rows, MOST_ROWS, |n| n.to_string());
        assert_eq!((chart.shown, chart.total), (MOST_ROWS, 20));
    }

    #[test]
    fn series_stack_left_to_right_and_a_one_still_shows() {
        let chart = bars(vec![row("th", &[1000, 1, 0, 3])], MOST_ROWS, |n| {
            n.to_string()
        });
        let s = &chart.rows[0].segments;
        assert_eq!(s.iter().map(|s| s.series).collect::<Vec<_>>(), [0, 1, 3]);
        assert_eq!(s[1].width, THINNEST);
        assert_eq!(s[1].x, s[0].width);
        assert_eq!(chart.rows[0].value, "1004");
    }
}

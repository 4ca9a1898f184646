//! One WordPress post made into a casebook content file, as an editor would by hand: the city
//! and country from a title "City, Country | Title", typed fast facts from the "Fast Facts"
//! list, the sections as headings, a numbered note `[1]` and its list made Markdown footnotes
//! with their links as sources, shortcodes unwrapped or removed, the "Return to top" link
//! dropped.

use crate::config::FactLabels;
use crate::load::fact_key;
use std::collections::BTreeMap;

/// Shortcodes that only lay a page out (page builders, captions): their content is kept.
const LAYOUT_SHORTCODES: &[&str] = &[
    "caption",
    "vc_row",
    "vc_row_inner",
    "vc_column",
    "vc_column_inner",
    "vc_column_text",
    "et_pb_section",
    "et_pb_row",
    "et_pb_column",
    "et_pb_text",
    "fusion_builder_container",
    "fusion_builder_row",
    "fusion_builder_column",
    "fusion_text",
    "row",
    "column",
    "one_half",
    "one_third",
    "two_thirds",
];

/// The title of a post split as the seed site writes it: "Khon Kaen, Thailand | Citizen
/// Awareness of the Smart City" -> (Some(Khon Kaen), Some(Thailand), Citizen Awareness ...);
/// "Thailand | Partnerships" -> (None, Some(Thailand), Partnerships).
pub fn split_title(title: &str) -> (Option<String>, Option<String>, String) {
    let Some((place, rest)) = title.split_once(" | ") else {
        return (None, None, title.trim().to_string());
    };
    let rest = rest.trim().to_string();
    match place.rsplit_once(',') {
        Some((city, country)) => (
            Some(city.trim().to_string()),
            Some(country.trim().to_string()),
            rest,
        ),
        None => (None, Some(place.trim().to_string()), rest),
    }
}

/// What a post's text gives: its Markdown body, fast facts, sources, and the shortcodes taken
/// out, by name.
#[derive(Debug, Default)]
pub struct Converted {
    pub body: String,
    /// (key, YAML value), in the list's order; `notes` last, as a list.
    pub facts: Vec<(String, String)>,
    pub notes: Vec<String>,
    pub sources: Vec<Source>,
    pub removed_shortcodes: BTreeMap<String, usize>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Source {
    pub title: String,
    pub url: String,
}

pub fn convert(html: &str, labels: &FactLabels) -> Converted {
    let mut out = Converted::default();
    let html = shortcodes(html, &mut out.removed_shortcodes);
    let converter = htmd::HtmlToMarkdown::builder()
        .skip_tags(vec!["script", "style", "iframe", "form", "noscript"])
        .build();
    let markdown = converter.convert(&html).unwrap_or_default();
    let mut body: Vec<String> = Vec::new();
    let mut lines = markdown.lines().peekable();
    while let Some(line) = lines.next() {
        let text = heading_text(line);
        if text.is_some_and(|t| t.eq_ignore_ascii_case("fast facts")) {
            // The list that follows, blank lines between its items allowed.
            while let Some(next) = lines.peek() {
                let item = list_item(next);
                if next.trim().is_empty() {
                    lines.next();
                } else if let Some(item) = item {
                    read_fact(&unescape(item), labels, &mut out);
                    lines.next();
                } else {
                    break;
                }
            }
            continue;
        }
        let plain = unescape(line.trim());
        if plain.eq_ignore_ascii_case("return to top of page")
            || plain.starts_with("[Return to top")
        {
            continue;
        }
        // A numbered note: `[1] text`, its link the source.
        if let Some((n, note)) = numbered_note(&plain) {
            let (text, url) = note_text(note);
            if let Some(url) = url {
                out.sources.push(Source {
                    title: quoted_title(&text).unwrap_or_else(|| text.clone()),
                    url,
                });
            }
            body.push(format!("[^{n}]: {text}"));
            continue;
        }
        body.push(footnote_references(line));
    }
    out.body = tidy(&body.join("\n"));
    out
}

/// The text of a Markdown ATX heading line.
fn heading_text(line: &str) -> Option<&str> {
    let rest = line.trim_start().strip_prefix('#')?;
    Some(rest.trim_start_matches('#').trim())
}

fn list_item(line: &str) -> Option<&str> {
    let t = line.trim_start();
    ["- ", "* ", "+ "]
        .iter()
        .find_map(|m| t.strip_prefix(m))
        .map(str::trim)
}

/// Markdown's escapes taken off (`\[1\]` -> `[1]`), for reading what a line says.
fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' && chars.peek().is_some_and(|n| n.is_ascii_punctuation()) {
            if let Some(n) = chars.next() {
                out.push(n);
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// One bullet of "Fast Facts" as a typed fact, or a note.
fn read_fact(item: &str, labels: &FactLabels, out: &mut Converted) {
    let lower = item.to_lowercase();
    if let Some(year) = lower
        .strip_prefix("gcom signatory since")
        .or_else(|| lower.strip_prefix("signatory since"))
        .map(str::trim)
        .filter(|y| y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit()))
    {
        out.facts
            .push((fact_key::SIGNATORY_SINCE.into(), year.to_string()));
        return;
    }
    let Some((label, value)) = item.split_once(':') else {
        out.notes.push(item.to_string());
        return;
    };
    let (label, value) = (label.trim(), value.trim());
    let site_key = labels
        .labels
        .iter()
        .find(|(_, l)| l.eq_ignore_ascii_case(label))
        .map(|(k, _)| k.clone());
    let key = site_key.unwrap_or_else(|| crate::text::slugify(label).replace('-', "_"));
    let typed = match key.as_str() {
        "mayor" => Some((fact_key::MAYOR, crate::scaffold::quoted(value))),
        "population" => whole_number(value).map(|n| (fact_key::POPULATION, n)),
        "area" | "area_km2" => area_km2(value).map(|a| (fact_key::AREA_KM2, a)),
        "signatory_since" => Some((fact_key::SIGNATORY_SINCE, value.to_string()))
            .filter(|(_, v)| v.len() == 4 && v.bytes().all(|b| b.is_ascii_digit())),
        _ => None,
    };
    match typed {
        Some((k, v)) => out.facts.push((k.to_string(), v)),
        None if key.is_empty() || value.is_empty() => out.notes.push(item.to_string()),
        None => out.facts.push((key, crate::scaffold::quoted(value))),
    }
}

/// `147,579` -> `147579`.
fn whole_number(value: &str) -> Option<String> {
    let digits: String = value
        .chars()
        .filter(|c| !matches!(c, ',' | ' ' | '.'))
        .collect();
    (!digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())).then_some(digits)
}

/// `46 Km²`, `46 km2`, `1,569.3 sq km` -> `46`, `1569.3`.
fn area_km2(value: &str) -> Option<String> {
    let lower = value.to_lowercase();
    let number = lower
        .split_whitespace()
        .next()?
        .trim_end_matches("km²")
        .trim_end_matches("km2")
        .replace(',', "");
    let unit_ok = lower.contains("km") || lower.contains("kilomet");
    (unit_ok && number.parse::<f64>().is_ok()).then_some(number)
}

/// `[1] text`: the note's number and text.
fn numbered_note(line: &str) -> Option<(u32, &str)> {
    let rest = line.strip_prefix('[')?;
    let (n, text) = rest.split_once(']')?;
    let n: u32 = n.parse().ok()?;
    let text = text.trim();
    (!text.is_empty()).then_some((n, text))
}

/// A note's text with its Markdown link made plain, and the link's URL.
fn note_text(note: &str) -> (String, Option<String>) {
    let mut url = None;
    let mut text = note.to_string();
    if let Some(start) = note.find("](") {
        if let Some(end) = note[start + 2..].find(')') {
            let dest = &note[start + 2..start + 2 + end];
            url = Some(dest.to_string());
            let open = note[..start].rfind('[').unwrap_or(start);
            let label = &note[open + 1..start];
            text = format!("{}{label}{}", &note[..open], &note[start + 3 + end..]);
        }
    }
    if url.is_none() {
        url = note
            .split_whitespace()
            .find(|w| w.starts_with("https://") || w.starts_with("http://"))
            .map(|w| w.trim_end_matches(['.', ',', ')']).to_string());
    }
    (text.trim().to_string(), url)
}

/// The title a note quotes: “ Thailand Smart Cities: What is the Path to Success?,” ->
/// `Thailand Smart Cities: What is the Path to Success?`.
fn quoted_title(note: &str) -> Option<String> {
    let start = note.find(['“', '"'])?;
    let rest = &note[start..];
    let rest = &rest[rest.chars().next()?.len_utf8()..];
    let end = rest.find(['”', '"'])?;
    let title = rest[..end].trim().trim_end_matches(',').trim();
    (!title.is_empty()).then(|| title.to_string())
}

/// `text.\[1\]` -> `text.[^1]`.
fn footnote_references(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(at) = rest.find("\\[") {
        out.push_str(&rest[..at]);
        let after = &rest[at + 2..];
        match after.split_once("\\]") {
            Some((n, tail)) if !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) => {
                out.push_str(&format!("[^{n}]"));
                rest = tail;
            }
            _ => {
                out.push_str("\\[");
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Shortcodes taken out: a layout shortcode's tags dropped (its content kept), any other
/// removed with its content, and counted by name. `[1]` is no shortcode (names start with a
/// letter).
fn shortcodes(html: &str, removed: &mut BTreeMap<String, usize>) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    let mut skipping: Option<String> = None;
    while let Some(at) = rest.find('[') {
        let (before, tag) = rest.split_at(at);
        if skipping.is_none() {
            out.push_str(before);
        }
        let Some(end) = tag.find(']') else {
            if skipping.is_none() {
                out.push_str(tag);
            }
            return out;
        };
        let inner = &tag[1..end];
        let closing = inner.starts_with('/');
        let name: String = inner
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-')
            .collect();
        let is_shortcode = name.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
            && inner[usize::from(closing)..]
                .get(name.len()..)
                .is_some_and(|r| r.is_empty() || r.starts_with(' ') || r.starts_with('/'));
        rest = &tag[end + 1..];
        if !is_shortcode {
            if skipping.is_none() {
                out.push_str(&tag[..=end]);
            }
            continue;
        }
        if let Some(open) = &skipping {
            if closing && *open == name {
                skipping = None;
            }
            continue;
        }
        if LAYOUT_SHORTCODES.contains(&name.as_str()) {
            continue;
        }
        if !closing {
            *removed.entry(name.clone()).or_default() += 1;
            // An enclosing shortcode's content goes with it.
            if rest.contains(&format!("[/{name}]")) {
                skipping = Some(name);
            }
        }
    }
    if skipping.is_none() {
        out.push_str(rest);
    }
    out
}

/// Runs of blank lines made one; headings of sections made `##`; the ends trimmed.
fn tidy(markdown: &str) -> String {
    let mut out = String::new();
    let mut blank = false;
    for line in markdown.lines() {
        let line = match heading_text(line) {
            Some(text) if !text.is_empty() => format!("## {text}"),
            _ => line.trim_end().to_string(),
        };
        if line.is_empty() {
            blank = !out.is_empty();
            continue;
        }
        if blank {
            out.push('\n');
        }
        blank = false;
        out.push_str(&line);
        out.push('\n');
        // Headings and footnotes stand apart from what follows.
        if line.starts_with("## ") {
            blank = true;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_and_facts_are_read_as_an_editor_would() {
        assert_eq!(
            split_title("Khon Kaen, Thailand | Citizen Awareness of the Smart City"),
            (
                Some("Khon Kaen".into()),
                Some("Thailand".into()),
                "Citizen Awareness of the Smart City".into()
            )
        );
        assert_eq!(split_title("About").2, "About");
        assert_eq!(whole_number("147,579").as_deref(), Some("147579"));
        assert_eq!(area_km2("46 Km²").as_deref(), Some("46"));
        assert_eq!(area_km2("many"), None);
        let mut removed = BTreeMap::new();
        assert_eq!(
            shortcodes(
                "[vc_row]a[1] [gallery ids=\"1,2\"] [x]y[/x]b[/vc_row]",
                &mut removed
            ),
            "a[1]  b"
        );
        assert_eq!(removed.get("gallery"), Some(&1));
        assert_eq!(removed.get("x"), Some(&1));
        assert_eq!(
            footnote_references("done.\\[1\\] \\[a\\]"),
            "done.[^1] \\[a\\]"
        );
    }
}

//! The reader-facing text of a theme: one YAML file per language (`strings/en.yaml`), so that a
//! site can reword any text and a translation is one file.
//!
//! The default theme's English strings are compiled in; a site's `themes/<theme>/strings/<lang>.yaml`
//! (the language of `site.yaml`) is laid over them, key by key. Templates read a string with the
//! filter `t` (`{{ "fast_facts" | t }}`, `{{ "more_from_city" | t(city=name) }}`); Rust reads the
//! few it needs (page titles, descriptions, dates, units) through [`Text`].

use crate::diagnostics::code;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::frontmatter::{parse_yaml, Node, Value};
use crate::text::{group_digits, Date};
use std::collections::BTreeMap;
use std::path::Path;

/// The default theme's English strings.
const DEFAULT_EN: &str = include_str!("../../themes/default/strings/en.yaml");

/// The strings Rust itself uses, by key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Text {
    Home,
    CaseStudies,
    Cities,
    Countries,
    Topics,
    Search,
    NotFound,
    StudyTitle,
    CityTitle,
    PagedTitle,
    StudyListDescription,
    CityDescription,
    CitiesDescription,
    CountryDescription,
    CountriesDescription,
    TopicDescription,
    TopicsDescription,
    SearchDescription,
    TableLabel,
    AreaKm2,
    KindStudy,
    KindCity,
    KindPage,
    DateLong,
    FeedOf,
    FactDensity,
    DensityValue,
    UnitKm2,
    UnitDensity,
    CompareTitle,
    CompareDescription,
    ReportTitle,
    ReportDescription,
    CompareFromStudy,
}

impl Text {
    pub const ALL: [Text; 34] = [
        Text::Home,
        Text::CaseStudies,
        Text::Cities,
        Text::Countries,
        Text::Topics,
        Text::Search,
        Text::NotFound,
        Text::StudyTitle,
        Text::CityTitle,
        Text::PagedTitle,
        Text::StudyListDescription,
        Text::CityDescription,
        Text::CitiesDescription,
        Text::CountryDescription,
        Text::CountriesDescription,
        Text::TopicDescription,
        Text::TopicsDescription,
        Text::SearchDescription,
        Text::TableLabel,
        Text::AreaKm2,
        Text::KindStudy,
        Text::KindCity,
        Text::KindPage,
        Text::DateLong,
        Text::FeedOf,
        Text::FactDensity,
        Text::DensityValue,
        Text::UnitKm2,
        Text::UnitDensity,
        Text::CompareTitle,
        Text::CompareDescription,
        Text::ReportTitle,
        Text::ReportDescription,
        Text::CompareFromStudy,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Text::Home => "home",
            Text::CaseStudies => "case_studies",
            Text::Cities => "cities",
            Text::Countries => "countries",
            Text::Topics => "topics",
            Text::Search => "search",
            Text::NotFound => "not_found",
            Text::StudyTitle => "study_title",
            Text::FeedOf => "feed_of",
            Text::CityTitle => "city_title",
            Text::PagedTitle => "paged_title",
            Text::StudyListDescription => "study_list_description",
            Text::CityDescription => "city_description",
            Text::CitiesDescription => "cities_description",
            Text::CountryDescription => "country_description",
            Text::CountriesDescription => "countries_description",
            Text::TopicDescription => "topic_description",
            Text::TopicsDescription => "topics_description",
            Text::SearchDescription => "search_description",
            Text::TableLabel => "table_label",
            Text::AreaKm2 => "area_km2",
            Text::KindStudy => "kind_study",
            Text::KindCity => "kind_city",
            Text::KindPage => "kind_page",
            Text::DateLong => "date_long",
            Text::FactDensity => "fact_density",
            Text::DensityValue => "density_value",
            Text::UnitKm2 => "unit_km2",
            Text::UnitDensity => "unit_density",
            Text::CompareTitle => "compare_title",
            Text::CompareDescription => "compare_description",
            Text::ReportTitle => "report_title",
            Text::ReportDescription => "report_description",
            Text::CompareFromStudy => "compare_from_study",
        }
    }
}

/// The strings of one theme in one language.
#[derive(Debug, Clone)]
pub struct Strings {
    texts: BTreeMap<String, String>,
    months: Vec<String>,
    thousands: String,
    decimal: String,
}

impl Strings {
    /// The compiled-in English strings.
    pub fn english() -> Strings {
        let mut d = Diagnostics::new();
        let mut s = Strings {
            texts: BTreeMap::new(),
            months: Vec::new(),
            thousands: String::new(),
            decimal: String::new(),
        };
        s.merge(
            DEFAULT_EN,
            Path::new("themes/default/strings/en.yaml"),
            &mut d,
        );
        s
    }

    /// English, with `themes/<theme>/strings/<language>.yaml` of the site laid over it.
    pub fn load(root: &Path, theme_dir: &Path, language: &str, d: &mut Diagnostics) -> Strings {
        let mut strings = Strings::english();
        let file = theme_dir.join("strings").join(format!("{language}.yaml"));
        let rel = file.strip_prefix(root).unwrap_or(&file).to_path_buf();
        match std::fs::read_to_string(&file) {
            Ok(text) => strings.merge(&crate::text::normalize_source(text), &rel, d),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                if language != "en" {
                    d.push(
                        Diagnostic::warning(
                            "site.yaml",
                            format!("the theme has no strings for the language `{language}`: its text is shown in English"),
                        )
.with_code(code::THEME)
                        .with_hint(format!("translate themes/default/strings/en.yaml into {}", rel.display())),
                    );
                }
            }
            Err(e) => d.push(
                Diagnostic::warning(
                    &rel,
                    format!("cannot read this file; the theme's text is shown in English: {e}"),
                )
                .with_code(code::UNREADABLE)
                .with_hint("check the file's permissions"),
            ),
        }
        strings
    }

    /// Lays the strings of `yaml` over these, reporting values that are not text.
    fn merge(&mut self, yaml: &str, file: &Path, d: &mut Diagnostics) {
        let node = match parse_yaml(yaml, 1, yaml, file) {
            Ok(node) => {
                crate::load::frontmatter::check_values(&node, yaml, file, d);
                node
            }
            Err(e) => {
                d.push(e);
                return;
            }
        };
        let Value::Map(entries) = node.value else {
            d.push(
                Diagnostic::error(file, "a strings file must map keys to texts")
                    .with_code(code::THEME)
                    .with_hint("write one `key: text` per line"),
            );
            return;
        };
        for (key, value) in entries {
            match (key.name.as_str(), &value.value) {
                ("months", Value::Seq(items)) if items.len() == 12 => {
                    self.months = items.iter().filter_map(Node::as_text).collect();
                }
                ("months", _) => d.push(
                    Diagnostic::error(file, "`months` must list the twelve month names")
                        .with_code(code::THEME)
                        .at(yaml, value.pos)
                        .with_hint("write `months: [January, February, …, December]`"),
                ),
                (_, Value::Str(_) | Value::Int(_) | Value::Float(_)) => {
                    let text = value.as_text().unwrap_or_default();
                    match key.name.as_str() {
                        "thousands_separator" => self.thousands = text.clone(),
                        "decimal_separator" => self.decimal = text.clone(),
                        _ => {}
                    }
                    self.texts.insert(key.name, text);
                }
                (name, _) => d.push(
                    Diagnostic::error(file, format!("the string `{name}` must be text"))
                        .with_code(code::THEME)
                        .at(yaml, value.pos)
                        .with_hint("quote texts that contain `:` or start with `{`"),
                ),
            }
        }
    }

    /// Every key, in order.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.texts.keys().map(String::as_str)
    }

    /// The string `key`, if the theme has it.
    pub fn lookup(&self, key: &str) -> Option<&str> {
        self.texts.get(key).map(String::as_str)
    }

    /// The text of `t`.
    pub fn get(&self, t: Text) -> &str {
        self.texts.get(t.key()).map_or("", String::as_str)
    }

    /// The text of `t` with its `{placeholders}` filled from `args`.
    pub fn fill(&self, t: Text, args: &[(&str, &str)]) -> String {
        fill(self.get(t), |name| {
            args.iter().find(|(n, _)| *n == name).map(|(_, v)| *v)
        })
    }

    /// The label of a fast fact whose key has a string `fact_<key>`.
    pub fn fact_label(&self, key: &str) -> Option<&str> {
        self.texts.get(&format!("fact_{key}")).map(String::as_str)
    }

    /// A date in words: `July 5, 2023`.
    pub fn long_date(&self, d: Date) -> String {
        let month = self
            .months
            .get(usize::from(d.month).saturating_sub(1))
            .map_or("", String::as_str);
        let (day, year) = (d.day.to_string(), d.year.to_string());
        fill(self.get(Text::DateLong), |name| match name {
            "month" => Some(month),
            "day" => Some(&day),
            "year" => Some(&year),
            _ => None,
        })
    }

    /// A whole number with the language's thousands separator: `147,579`.
    pub fn whole_number(&self, n: u64) -> String {
        group_digits(n, &self.thousands)
    }

    /// A number with the language's separators, as [`crate::text::decimal`] rounds it.
    pub fn number(&self, x: f64) -> String {
        crate::text::decimal(x, &self.thousands, &self.decimal)
    }
}

/// `text` with each `{name}` replaced by `value(name)`; unknown names are left as written.
pub fn fill<'v>(text: &str, value: impl Fn(&str) -> Option<&'v str>) -> String {
    let mut out = String::with_capacity(text.len() + 32);
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}').map(|close| (&after[..close], close)) {
            Some((name, close)) if is_placeholder(name) => {
                match value(name) {
                    Some(v) => out.push_str(v),
                    None => out.push_str(&rest[open..open + close + 2]),
                }
                rest = &after[close + 1..];
            }
            _ => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The names of the `{placeholders}` of `text`.
pub fn placeholders(text: &str) -> impl Iterator<Item = &str> {
    text.split('{')
        .skip(1)
        .filter_map(|part| part.split_once('}').map(|(name, _)| name))
        .filter(|name| is_placeholder(name))
}

fn is_placeholder(name: &str) -> bool {
    !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_has_every_text_rust_uses() {
        let s = Strings::english();
        for t in Text::ALL {
            assert!(!s.get(t).is_empty(), "strings/en.yaml has no `{}`", t.key());
        }
        assert_eq!(s.months.len(), 12);
        assert_eq!(s.whole_number(147579), "147,579");
    }

    #[test]
    fn placeholders_are_filled_and_others_kept() {
        let f = |t: &str| fill(t, |n| (n == "city").then_some("Phuket"));
        assert_eq!(f("About {city}."), "About Phuket.");
        assert_eq!(f("{other} and {city}"), "{other} and Phuket");
        assert_eq!(f("a {b c} {"), "a {b c} {");
    }

    #[test]
    fn dates_are_written_in_words() {
        let s = Strings::english();
        let d = Date::parse("2023-07-05").expect("date");
        assert_eq!(s.long_date(d), "July 5, 2023");
    }
}

//! The reader-facing text of a theme in one language, as the theme's strings files give it
//! (`theme::strings_file` reads them), so that a site can reword any text and a translation
//! is one file. Templates read a string with the
//! filter `t` (`{{ "fast_facts" | t }}`, `{{ "more_from_city" | t(city=name) }}`); Rust reads the
//! few it needs (page titles, descriptions, units) through [`Text`]. Numbers and dates are
//! CLDR's ([`super::Formats`]) unless a strings file sets `thousands_separator`,
//! `decimal_separator` or `date_long` with `months`.

use super::PluralForm;
use crate::text::Date;
use std::collections::BTreeMap;

listed_enum! {
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
    Withdrawn,
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
}

impl Text {
    pub fn key(self) -> &'static str {
        match self {
            Text::Home => "home",
            Text::CaseStudies => "case_studies",
            Text::Cities => "cities",
            Text::Countries => "countries",
            Text::Topics => "topics",
            Text::Search => "search",
            Text::NotFound => "not_found",
            Text::Withdrawn => "withdrawn",
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
    /// Texts written per plural form (`{one: "{count} case study", other: "..."}`); `texts`
    /// holds their `other` form.
    plurals: BTreeMap<String, Vec<(PluralForm, String)>>,
    months: Vec<String>,
    thousands: Option<String>,
    decimal: Option<String>,
}

impl Strings {
    /// No strings at all (a strings file is laid over this; see `theme::strings_file`).
    pub fn empty() -> Strings {
        Strings {
            texts: BTreeMap::new(),
            plurals: BTreeMap::new(),
            months: Vec::new(),
            thousands: None,
            decimal: None,
        }
    }

    /// Sets one string, as a strings file writes it; the separators are kept apart too.
    pub fn set(&mut self, key: String, text: String) {
        self.plurals.remove(&key);
        match key.as_str() {
            "thousands_separator" => self.thousands = Some(text.clone()),
            "decimal_separator" => self.decimal = Some(text.clone()),
            _ => {}
        }
        self.texts.insert(key, text);
    }

    /// Sets a text written per plural form; its `other` form is its plain text.
    pub fn set_plural(&mut self, key: String, forms: Vec<(PluralForm, String)>) {
        if let Some((_, other)) = forms.iter().find(|(f, _)| *f == PluralForm::Other) {
            self.texts.insert(key.clone(), other.clone());
        }
        self.plurals.insert(key, forms);
    }

    /// The text of `key` in the plural form `form`, when it is written per form.
    pub fn plural_text(&self, key: &str, form: PluralForm) -> Option<&str> {
        let forms = self.plurals.get(key)?;
        forms
            .iter()
            .find(|(f, _)| *f == form)
            .or_else(|| forms.iter().find(|(f, _)| *f == PluralForm::Other))
            .map(|(_, t)| t.as_str())
    }

    /// The forms of `key`, when it is written per plural form.
    pub fn plural_forms(&self, key: &str) -> Option<&[(PluralForm, String)]> {
        self.plurals.get(key).map(Vec::as_slice)
    }

    /// Sets the twelve month names a `date_long` pattern uses.
    pub fn set_months(&mut self, months: Vec<String>) {
        self.months = months;
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

    /// A date in words by the strings' own pattern (`date_long` with `months`), when they
    /// have one; otherwise CLDR's is used ([`super::Locale::long_date`]).
    pub fn long_date(&self, d: Date) -> Option<String> {
        let pattern = self.texts.get("date_long")?;
        let month = self.months.get(usize::from(d.month).checked_sub(1)?)?;
        let (day, year) = (d.day.to_string(), d.year.to_string());
        Some(fill(pattern, |name| match name {
            "month" => Some(month.as_str()),
            "day" => Some(&day),
            "year" => Some(&year),
            _ => None,
        }))
    }

    /// A month in words by the strings' own pattern (`date_month_year: "{month} {year}"` with
    /// `months`), when they set one.
    pub fn month_year(&self, d: Date) -> Option<String> {
        let pattern = self.texts.get("date_month_year")?;
        let month = self.months.get(usize::from(d.month).checked_sub(1)?)?;
        let year = d.year.to_string();
        Some(fill(pattern, |name| match name {
            "month" => Some(month.as_str()),
            "year" => Some(&year),
            _ => None,
        }))
    }

    /// The thousands and decimal separators the strings set, if they set either; otherwise
    /// CLDR's are used ([`super::Locale::number`]).
    pub fn separators(&self) -> Option<(&str, &str)> {
        if self.thousands.is_none() && self.decimal.is_none() {
            return None;
        }
        Some((
            self.thousands.as_deref().unwrap_or(","),
            self.decimal.as_deref().unwrap_or("."),
        ))
    }
}

/// `text` with each `{name}` replaced by `value(name)`; unknown names are left as written.
pub fn fill<'v>(text: &str, value: impl Fn(&str) -> Option<&'v str>) -> String {
    let mut out = String::with_capacity(text.len() + 32);
    let filled: Result<(), std::convert::Infallible> = fill_into(text, &mut out, |name, out| {
        Ok(value(name).map(|v| out.push_str(v)).is_some())
    });
    let _ = filled;
    out
}

/// The one reading of `{placeholders}`: appends `text` to `out`, each `{name}` replaced by what
/// `write(name, out)` appends; a name it has nothing for (`Ok(false)`) is left as written.
pub fn fill_into<E>(
    text: &str,
    out: &mut String,
    mut write: impl FnMut(&str, &mut String) -> Result<bool, E>,
) -> Result<(), E> {
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}').map(|close| (&after[..close], close)) {
            Some((name, close)) if is_placeholder(name) => {
                if !write(name, out)? {
                    out.push_str(&rest[open..open + close + 2]);
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
    Ok(())
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
    fn placeholders_are_filled_and_others_kept() {
        let f = |t: &str| fill(t, |n| (n == "city").then_some("Phuket"));
        assert_eq!(f("About {city}."), "About Phuket.");
        assert_eq!(f("{other} and {city}"), "{other} and Phuket");
        assert_eq!(f("a {b c} {"), "a {b c} {");
    }

    #[test]
    fn the_strings_may_set_their_own_date_pattern_and_separators() {
        let mut s = Strings::empty();
        let d = Date::parse("2023-07-05").expect("date");
        assert_eq!(s.long_date(d), None, "no pattern: the dates are CLDR's");
        assert_eq!(s.separators(), None);
        s.set("date_long".into(), "{day}. {month} {year}".into());
        s.set_months(
            [
                "a", "b", "c", "d", "e", "f", "Juli", "h", "i", "j", "k", "l",
            ]
            .map(String::from)
            .to_vec(),
        );
        s.set("thousands_separator".into(), "'".into());
        assert_eq!(s.long_date(d).as_deref(), Some("5. Juli 2023"));
        assert_eq!(s.separators(), Some(("'", ".")));
    }
}

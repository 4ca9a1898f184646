//! Languages, and how text is written in each: the one place that knows a language's code, its
//! BCP 47 tag, how it writes numbers, dates and counts, and its theme strings.
//!
//! Numbers, dates and plural rules come from CLDR through ICU4X ([`Formats`]), so a language a
//! publisher adds later formats correctly with nothing to write; a strings file may still
//! override the separators or the date pattern ([`strings`]). A [`Locale`] is one language's
//! strings with its formats; the theme keeps one per language of the site.

pub mod strings;

use crate::text::Date;
use icu_calendar::Date as IcuDate;
use icu_datetime::{fieldsets, DateTimeFormatter};
use icu_decimal::{input::Decimal, DecimalFormatter};
use icu_locale_core::Locale as IcuLocale;
use icu_plurals::{PluralCategory, PluralRules};
use std::str::FromStr;
use std::sync::Arc;
pub use strings::{Strings, Text};

/// A language of the site: its code as written in file names and URLs (`zh-hans`, lowercase)
/// and as a BCP 47 tag in HTML (`zh-Hans`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Language {
    pub code: String,
    pub tag: String,
}

/// Why a language code was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CodeError {
    /// Not a BCP 47 language tag at all.
    Invalid,
    /// A valid tag written with capitals: codes are lowercase in files and URLs.
    NotLowercase,
    /// A tag with parts a site language has no use for (`-u-ca-buddhist`, `-x-...`).
    Extension,
}

impl Language {
    /// Reads a language code as written in `site.yaml` or before `.md` (`th`, `zh-hans`).
    pub fn parse(code: &str) -> Result<Language, CodeError> {
        let locale = IcuLocale::from_str(code).map_err(|_| CodeError::Invalid)?;
        if !locale.extensions.is_empty() {
            return Err(CodeError::Extension);
        }
        let tag = locale.id.to_string();
        if tag.to_ascii_lowercase() != code {
            return Err(CodeError::NotLowercase);
        }
        Ok(Language {
            code: code.to_string(),
            tag,
        })
    }
}

impl CodeError {
    /// What to tell the editor.
    pub fn explain(&self) -> &'static str {
        match self {
            CodeError::Invalid => "is not a language code",
            CodeError::NotLowercase => "must be written in lowercase",
            CodeError::Extension => "has extensions a site language does not take",
        }
    }
}

/// The calendar dates are written in (`calendar:` of a language in `site.yaml`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Calendar {
    /// The language's own default (CLDR's: Buddhist for Thai, Gregorian for most).
    Default,
    Gregorian,
    Buddhist,
}

impl Calendar {
    /// Every calendar a site may name, with its name in `site.yaml`.
    pub const NAMED: [(&'static str, Calendar); 2] = [
        ("gregorian", Calendar::Gregorian),
        ("buddhist", Calendar::Buddhist),
    ];

    /// The Unicode calendar identifier, as in `th-u-ca-buddhist`.
    fn unicode_id(self) -> Option<&'static str> {
        match self {
            Calendar::Default => None,
            Calendar::Gregorian => Some("gregory"),
            Calendar::Buddhist => Some("buddhist"),
        }
    }
}

/// CLDR's ways of writing numbers, dates and plurals in one language.
pub struct Formats {
    decimal: DecimalFormatter,
    date: DateTimeFormatter<fieldsets::YMD>,
    month: DateTimeFormatter<fieldsets::YM>,
    plurals: PluralRules,
}

impl std::fmt::Debug for Formats {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Formats")
    }
}

impl Formats {
    /// The formats of `tag` (a BCP 47 tag, [`Language::tag`]) in `calendar`. A language CLDR
    /// does not know falls back to its parent and, at last, to the root locale's forms.
    pub fn new(tag: &str, calendar: Calendar) -> Formats {
        let with_calendar = match calendar.unicode_id() {
            Some(ca) => format!("{tag}-u-ca-{ca}"),
            None => tag.to_string(),
        };
        let locale = IcuLocale::from_str(&with_calendar)
            .or_else(|_| IcuLocale::from_str(tag))
            .unwrap_or(icu_locale_core::locale!("und"));
        // Compiled data has every locale and falls back within it: these succeed for any tag.
        let root = icu_locale_core::locale!("und");
        Formats {
            decimal: DecimalFormatter::try_new((&locale).into(), Default::default())
                .or_else(|_| DecimalFormatter::try_new((&root).into(), Default::default()))
                .unwrap_or_else(|_| unreachable_formats()),
            date: DateTimeFormatter::try_new((&locale).into(), fieldsets::YMD::long())
                .or_else(|_| DateTimeFormatter::try_new((&root).into(), fieldsets::YMD::long()))
                .unwrap_or_else(|_| unreachable_formats()),
            month: DateTimeFormatter::try_new((&locale).into(), fieldsets::YM::long())
                .or_else(|_| DateTimeFormatter::try_new((&root).into(), fieldsets::YM::long()))
                .unwrap_or_else(|_| unreachable_formats()),
            plurals: PluralRules::try_new_cardinal((&locale).into())
                .or_else(|_| PluralRules::try_new_cardinal((&root).into()))
                .unwrap_or_else(|_| unreachable_formats()),
        }
    }

    /// `147579` -> `147,579` (en), `147.579` (id).
    pub fn whole_number(&self, n: u64) -> String {
        self.decimal.format(&Decimal::from(n)).to_string()
    }

    /// A number already rounded and written with ASCII digits and `.` (`1569.3`), in the
    /// language's way: `1,569.3` (en), `1.569,3` (id).
    pub fn decimal_text(&self, plain: &str) -> String {
        match Decimal::from_str(plain) {
            Ok(d) => self.decimal.format(&d).to_string(),
            Err(_) => plain.to_string(),
        }
    }

    /// A date in words: `July 5, 2023`, `5 กรกฎาคม 2566` (Thai, Buddhist calendar).
    pub fn long_date(&self, d: Date) -> String {
        match IcuDate::try_new_iso(i32::from(d.year), d.month, d.day) {
            Ok(date) => self.date.format(&date).to_string(),
            Err(_) => d.to_string(),
        }
    }

    /// A month in words: `July 2023`, `กรกฎาคม 2566` (Thai, Buddhist calendar).
    pub fn month_year(&self, d: Date) -> String {
        match IcuDate::try_new_iso(i32::from(d.year), d.month, d.day) {
            Ok(date) => self.month.format(&date).to_string(),
            Err(_) => format!("{:04}-{:02}", d.year, d.month),
        }
    }

    /// The plural form a count takes: `one` for 1 in English, `other` for every count in Thai.
    pub fn plural(&self, n: u64) -> PluralForm {
        match self.plurals.category_for(n) {
            PluralCategory::Zero => PluralForm::Zero,
            PluralCategory::One => PluralForm::One,
            PluralCategory::Two => PluralForm::Two,
            PluralCategory::Few => PluralForm::Few,
            PluralCategory::Many => PluralForm::Many,
            PluralCategory::Other => PluralForm::Other,
        }
    }
}

/// ICU4X's compiled data answers for the root locale; were it ever not to, there is nothing to
/// format with and no input can cause it.
fn unreachable_formats() -> ! {
    panic!("ICU4X compiled data has no root locale")
}

/// CLDR's plural categories, by their names in strings files (`one:`, `other:`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PluralForm {
    Zero,
    One,
    Two,
    Few,
    Many,
    Other,
}

impl PluralForm {
    pub const ALL: [PluralForm; 6] = [
        PluralForm::Zero,
        PluralForm::One,
        PluralForm::Two,
        PluralForm::Few,
        PluralForm::Many,
        PluralForm::Other,
    ];

    pub fn name(self) -> &'static str {
        match self {
            PluralForm::Zero => "zero",
            PluralForm::One => "one",
            PluralForm::Two => "two",
            PluralForm::Few => "few",
            PluralForm::Many => "many",
            PluralForm::Other => "other",
        }
    }

    pub fn from_name(name: &str) -> Option<PluralForm> {
        PluralForm::ALL.into_iter().find(|f| f.name() == name)
    }
}

/// One language of the site as a reader sees it: its code and tag, the theme's strings in it,
/// and its formats. Cheap to clone (the formats are shared).
#[derive(Debug, Clone)]
pub struct Locale {
    pub language: Language,
    pub strings: Strings,
    formats: Arc<Formats>,
}

impl Locale {
    pub fn new(language: Language, strings: Strings, calendar: Calendar) -> Locale {
        let formats = Arc::new(Formats::new(&language.tag, calendar));
        Locale {
            language,
            strings,
            formats,
        }
    }

    /// The text of `t`.
    pub fn get(&self, t: Text) -> &str {
        self.strings.get(t)
    }

    /// The text of `t` with its `{placeholders}` filled from `args`.
    pub fn fill(&self, t: Text, args: &[(&str, &str)]) -> String {
        self.strings.fill(t, args)
    }

    /// A whole number as the language writes it (or with the strings' own separator).
    pub fn whole_number(&self, n: u64) -> String {
        match self.strings.separators() {
            Some((thousands, _)) => crate::text::group_digits(n, thousands),
            None => self.formats.whole_number(n),
        }
    }

    /// A number rounded for readers ([`crate::text::decimal`]) as the language writes it.
    pub fn number(&self, x: f64) -> String {
        match self.strings.separators() {
            Some((thousands, decimal)) => crate::text::decimal(x, thousands, decimal),
            None if x.is_finite() => self.formats.decimal_text(&crate::text::decimal(x, "", ".")),
            None => x.to_string(),
        }
    }

    /// A date in words, in the language's calendar (or by the strings' own pattern).
    pub fn long_date(&self, d: Date) -> String {
        self.strings
            .long_date(d)
            .unwrap_or_else(|| self.formats.long_date(d))
    }

    /// A month in words, in the language's calendar (or by the strings' own pattern).
    pub fn month_year(&self, d: Date) -> String {
        self.strings
            .month_year(d)
            .unwrap_or_else(|| self.formats.month_year(d))
    }

    /// The plural form of a count in this language.
    pub fn plural(&self, n: u64) -> PluralForm {
        self.formats.plural(n)
    }

    /// The text of `t` for the count `n` (its plural form, when the strings write one), with
    /// `{count}` written as the language writes numbers and the other placeholders from `args`.
    pub fn fill_count(&self, t: Text, n: u64, args: &[(&str, &str)]) -> String {
        let text = self
            .strings
            .plural_text(t.key(), self.plural(n))
            .unwrap_or_else(|| self.get(t));
        let count = self.whole_number(n);
        strings::fill(text, |name| {
            if name == "count" {
                return Some(count.as_str());
            }
            args.iter().find(|(a, _)| *a == name).map(|(_, v)| *v)
        })
    }
}

/// Placeholders that hold a count (`{count}`, `{studies}`...): a number given to one is written
/// as the language writes numbers (`12,000`, `12.000`), and `{count}` chooses the plural form.
/// Other numbers (a year, a footnote's number) are written as they are.
pub const COUNT_PLACEHOLDERS: [&str; 5] = ["count", "studies", "cities", "first", "last"];

impl Locale {
    /// Whether the placeholder `name` holds a count ([`COUNT_PLACEHOLDERS`]).
    pub fn is_count(name: &str) -> bool {
        COUNT_PLACEHOLDERS.contains(&name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn formats(tag: &str, calendar: Calendar) -> Formats {
        Formats::new(tag, calendar)
    }

    #[test]
    fn codes_are_lowercase_and_tags_bcp47() {
        let zh = Language::parse("zh-hans").expect("zh-hans");
        assert_eq!(zh.tag, "zh-Hans");
        assert_eq!(Language::parse("th").map(|l| l.tag), Ok("th".to_string()));
        assert_eq!(Language::parse("zh-Hans"), Err(CodeError::NotLowercase));
        assert_eq!(Language::parse("english!"), Err(CodeError::Invalid));
        assert_eq!(Language::parse(""), Err(CodeError::Invalid));
        assert_eq!(
            Language::parse("th-u-ca-buddhist"),
            Err(CodeError::Extension)
        );
    }

    #[test]
    fn numbers_follow_cldr() {
        let (en, id) = (
            formats("en", Calendar::Default),
            formats("id", Calendar::Default),
        );
        assert_eq!(en.whole_number(147_579), "147,579");
        assert_eq!(id.whole_number(147_579), "147.579");
        assert_eq!(
            formats("vi", Calendar::Default).whole_number(147_579),
            "147.579"
        );
        assert_eq!(
            formats("th", Calendar::Default).whole_number(147_579),
            "147,579"
        );
        assert_eq!(
            formats("zh-Hans", Calendar::Default).whole_number(147_579),
            "147,579"
        );
        assert_eq!(id.decimal_text("1569.3"), "1.569,3");
        assert_eq!(en.decimal_text("1569.3"), "1,569.3");
    }

    #[test]
    fn months_follow_cldr_and_the_calendar() {
        let d = Date::parse("2023-07-05").expect("date");
        assert_eq!(formats("en", Calendar::Default).month_year(d), "July 2023");
        assert_eq!(formats("id", Calendar::Default).month_year(d), "Juli 2023");
        assert_eq!(
            formats("th", Calendar::Buddhist).month_year(d),
            "กรกฎาคม 2566"
        );
    }

    #[test]
    fn dates_follow_cldr_and_the_calendar() {
        let d = Date::parse("2023-07-05").expect("date");
        assert_eq!(
            formats("en", Calendar::Default).long_date(d),
            "July 5, 2023"
        );
        assert_eq!(formats("id", Calendar::Default).long_date(d), "5 Juli 2023");
        assert_eq!(
            formats("zh-Hans", Calendar::Default).long_date(d),
            "2023年7月5日"
        );
        assert_eq!(
            formats("th", Calendar::Buddhist).long_date(d),
            "5 กรกฎาคม 2566"
        );
        // Buddhist is CLDR's default for Thai; Gregorian is there when asked for.
        assert_eq!(
            formats("th", Calendar::Default).long_date(d),
            "5 กรกฎาคม 2566"
        );
        assert!(formats("th", Calendar::Gregorian)
            .long_date(d)
            .ends_with("2023"));
    }

    #[test]
    fn plurals_follow_cldr() {
        let en = formats("en", Calendar::Default);
        assert_eq!(en.plural(1), PluralForm::One);
        assert_eq!(en.plural(2), PluralForm::Other);
        assert_eq!(
            formats("th", Calendar::Default).plural(1),
            PluralForm::Other
        );
    }

    /// A locale of `code` whose study-list description is written per plural form.
    fn with_forms(code: &str, one: &str, other: &str) -> Locale {
        let mut strings = Strings::empty();
        strings.set_plural(
            Text::StudyListDescription.key().into(),
            vec![
                (PluralForm::One, one.into()),
                (PluralForm::Other, other.into()),
            ],
        );
        Locale::new(
            Language::parse(code).expect("code"),
            strings,
            Calendar::Default,
        )
    }

    #[test]
    fn counts_take_the_plural_form_and_the_number_format() {
        let t = Text::StudyListDescription;
        // Indonesian has one plural form: `other`, for 1 as for 12,000.
        let id = with_forms("id", "{count} studi", "Semua {count} studi");
        assert_eq!(id.fill_count(t, 1, &[]), "Semua 1 studi");
        assert_eq!(id.fill_count(t, 12_000, &[]), "Semua 12.000 studi");
        let en = with_forms("en", "{count} study", "{count} studies");
        assert_eq!(en.fill_count(t, 1, &[]), "1 study");
        assert_eq!(en.fill_count(t, 0, &[]), "0 studies");
    }

    #[test]
    fn a_language_added_later_formats_with_nothing_written() {
        let km = Language::parse("km").expect("km");
        let locale = Locale::new(km, Strings::empty(), Calendar::Default);
        assert_eq!(
            locale.long_date(Date::parse("2023-07-05").expect("date")),
            "5 កក្កដា 2023"
        );
    }
}

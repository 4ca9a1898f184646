//! Small text helpers shared by every stage: slugs, name keys, dates and number formatting.
//!
//! Number formatting is domain logic (a population with thousands separators, an area rounded
//! for readers); it lives here, with the separators and units given by the theme's strings
//! (`theme::strings`), so templates receive finished strings.

use std::fmt;
use unicode_normalization::UnicodeNormalization;

/// Removes a UTF-8 byte-order mark and turns CRLF (and lone CR) line endings into LF, without
/// copying text that needs neither.
pub fn normalize_source(raw: String) -> String {
    let mut text = match raw.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => raw,
    };
    if text.contains('\r') {
        text = text.replace("\r\n", "\n").replace('\r', "\n");
    }
    text
}

/// The first character of `text` that web pages and XML feeds cannot hold, with its byte
/// offset: control characters other than tab and line breaks (C0, DEL, C1) and Unicode
/// noncharacters (U+FDD0 to U+FDEF, U+FFFE and U+FFFF of every plane).
pub fn first_forbidden(text: &str) -> Option<(usize, char)> {
    let bytes = text.as_bytes();
    // Most text is ASCII from space up: look closer only at bytes that can begin a forbidden
    // character (a control, or the lead byte of C1 controls and of noncharacters).
    let suspicious = |b: u8| {
        (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r'))
            || b == 0x7f
            || b == 0xc2
            || b == 0xef
            || b >= 0xf0
    };
    let mut from = 0;
    while let Some(found) = bytes[from..].iter().position(|&b| suspicious(b)) {
        let at = from + found;
        let c = text[at..].chars().next()?;
        if is_forbidden(c) {
            return Some((at, c));
        }
        from = at + c.len_utf8();
    }
    None
}

fn is_forbidden(c: char) -> bool {
    let n = c as u32;
    (n < 0x20 && !matches!(c, '\t' | '\n' | '\r'))
        || (0x7f..=0x9f).contains(&n)
        || (0xfdd0..=0xfdef).contains(&n)
        || (n & 0xfffe) == 0xfffe
}

/// How a forbidden character is named in messages: `U+001B`.
pub fn char_code(c: char) -> String {
    format!("U+{:04X}", c as u32)
}

/// A lowercase ASCII slug: non-Latin text is transliterated, everything else becomes `-`.
pub fn slugify(text: &str) -> String {
    let ascii = deunicode::deunicode(text);
    let mut slug = String::with_capacity(ascii.len());
    for c in ascii.chars() {
        if c == '\'' {
            continue; // "Phuket's" -> "phukets", not "phuket-s"
        }
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    while slug.ends_with('-') {
        slug.pop();
    }
    slug
}

/// Whether `s` is already a valid slug (what `slug:` in front matter must be).
pub fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !s.starts_with('-')
        && !s.ends_with('-')
}

/// The key a name is compared by: Unicode NFC, lowercase, inner white space folded.
pub fn name_key(name: &str) -> String {
    let mut folded = String::with_capacity(name.len());
    for word in name.split_whitespace() {
        if !folded.is_empty() {
            folded.push(' ');
        }
        folded.push_str(word);
    }
    if folded.is_ascii() {
        folded.make_ascii_lowercase();
        return folded;
    }
    folded.nfc().collect::<String>().to_lowercase()
}

/// Unicode NFC form of `text`, so that composed and decomposed spellings compare equal.
pub fn nfc(text: &str) -> String {
    if unicode_normalization::is_nfc_quick(text.chars()) == unicode_normalization::IsNormalized::Yes
    {
        return text.to_string();
    }
    text.nfc().collect()
}

/// A calendar date as written in front matter (`YYYY-MM-DD`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl Date {
    /// Parses `YYYY-MM-DD`, checking that the day exists in that month.
    pub fn parse(s: &str) -> Option<Date> {
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let year: u16 = s.get(0..4)?.parse().ok()?;
        let month: u8 = s.get(5..7)?.parse().ok()?;
        let day: u8 = s.get(8..10)?.parse().ok()?;
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Date { year, month, day })
    }

    /// Today (UTC), or the day of `SOURCE_DATE_EPOCH` when it is set (reproducible builds, and
    /// tests that need a fixed today).
    pub fn today() -> Date {
        let seconds = std::env::var("SOURCE_DATE_EPOCH")
            .ok()
            .and_then(|s| s.trim().parse::<i64>().ok())
            .unwrap_or_else(|| {
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(0))
            });
        Date::from_days_since_epoch(seconds.div_euclid(86_400))
    }

    /// The date `days` days after 1970-01-01 (the civil-from-days algorithm of H. Hinnant).
    pub fn from_days_since_epoch(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i64::from(month <= 2);
        Date {
            year: u16::try_from(year).unwrap_or(0),
            month: u8::try_from(month).unwrap_or(1),
            day: u8::try_from(day).unwrap_or(1),
        }
    }

    /// `2023-07-05T00:00:00Z`, for feeds and sitemaps.
    pub fn rfc3339(&self) -> String {
        format!("{self}T00:00:00Z")
    }
}

#[cfg(test)]
#[test]
fn days_since_the_epoch_become_dates() {
    assert_eq!(Date::from_days_since_epoch(0).to_string(), "1970-01-01");
    assert_eq!(
        Date::from_days_since_epoch(19_723).to_string(),
        "2024-01-01"
    );
    assert_eq!(
        Date::from_days_since_epoch(19_782).to_string(),
        "2024-02-29"
    );
    assert_eq!(
        Date::from_days_since_epoch(20_778).to_string(),
        "2026-11-21"
    );
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => {
            29
        }
        2 => 28,
        _ => 31,
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// `147579` -> `147,579`, for messages (pages use the theme's separator, [`group_digits`]).
pub fn thousands(n: u64) -> String {
    group_digits(n, ",")
}

/// The digits of `n` in groups of three, joined by `separator`.
pub fn group_digits(n: u64, separator: &str) -> String {
    group_digit_text(&n.to_string(), separator)
}

/// A run of ASCII digits in groups of three, joined by `separator`.
fn group_digit_text(digits: &str, separator: &str) -> String {
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 * separator.len());
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push_str(separator);
        }
        out.push(c);
    }
    out
}

/// A number as a reader expects it, with the given separators: rounded to two decimals
/// (`46.999` -> `47`, `1234.5` -> `1,234.5`), or to two significant digits below 1 (`0.004`),
/// without trailing zeros, and exact for large values (`1e20` -> `100,000,000,000,000,000,000`).
pub fn decimal(value: f64, thousands: &str, decimal: &str) -> String {
    if !value.is_finite() {
        return value.to_string();
    }
    let magnitude = value.abs();
    let places = if magnitude >= 1.0 || magnitude == 0.0 {
        2
    } else {
        // 0.004: -log10 is 2.4, so two significant digits need four places.
        ((-magnitude.log10()).floor() as usize + 2).min(15)
    };
    let text = format!("{magnitude:.places$}");
    let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
    let fraction = fraction.trim_end_matches('0');
    let mut out = String::with_capacity(text.len() + 8);
    if value < 0.0 && (whole.bytes().any(|b| b != b'0') || !fraction.is_empty()) {
        out.push('-');
    }
    out.push_str(&group_digit_text(whole, thousands));
    if !fraction.is_empty() {
        out.push_str(decimal);
        out.push_str(fraction);
    }
    out
}

/// `signatory_since` -> `Signatory since`; `gdp_per_capita` -> `Gdp per capita`.
pub fn humanize_key(key: &str) -> String {
    let words = key.replace(['_', '-'], " ");
    let mut chars = words.trim().chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Shortens `text` to at most `max` characters, cutting on a word boundary and adding `…`.
pub fn shorten(text: &str, max: usize) -> String {
    let text = text.trim();
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut = text.char_indices().nth(max).map_or(text.len(), |(i, _)| i);
    let head = &text[..cut];
    let head = match head.rfind(char::is_whitespace) {
        Some(i) if i > max / 2 => &head[..i],
        _ => head,
    };
    let head = head.trim_end_matches(|c: char| c.is_whitespace() || ",;:-–(".contains(c));
    format!("{head}…")
}

/// Escapes text for HTML and XML attribute or element content.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_lowercase_ascii() {
        assert_eq!(slugify("Khon Kaen"), "khon-kaen");
        assert_eq!(slugify("  São Paulo!! "), "sao-paulo");
        assert_eq!(
            slugify("Citizen Awareness of the Smart City"),
            "citizen-awareness-of-the-smart-city"
        );
        let thai = slugify("ขอนแก่น");
        assert!(!thai.is_empty() && is_slug(&thai), "{thai}");
        assert!(!is_slug("Khon Kaen"));
    }

    #[test]
    fn name_keys_ignore_case_spacing_and_normalisation() {
        assert_eq!(name_key("Khon  Kaen"), name_key("khon kaen"));
        assert_eq!(name_key("Sa\u{303}o Paulo"), name_key("São Paulo"));
    }

    #[test]
    fn dates_parse_and_format() {
        let d = Date::parse("2023-07-05").expect("valid date");
        assert_eq!(d.to_string(), "2023-07-05");
        assert!(Date::parse("2023-02-29").is_none());
        assert!(Date::parse("2024-02-29").is_some());
        assert!(Date::parse("5 July 2023").is_none());
        assert!(Date::parse("2023-13-01").is_none());
    }

    #[test]
    fn numbers_format_for_readers() {
        assert_eq!(thousands(147579), "147,579");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000000), "1,000,000");
        let d = |x| decimal(x, ",", ".");
        assert_eq!(d(46.0), "46");
        assert_eq!(d(46.999), "47");
        assert_eq!(d(46.001), "46");
        assert_eq!(d(1234.5), "1,234.5");
        assert_eq!(d(0.004), "0.004");
        assert_eq!(d(0.0), "0");
        assert_eq!(d(1e20), "100,000,000,000,000,000,000");
        assert_eq!(d(-2.5), "-2.5");
        assert_eq!(decimal(1234.5, "\u{a0}", ","), "1\u{a0}234,5");
        assert_eq!(group_digits(1234567, "\u{a0}"), "1\u{a0}234\u{a0}567");
        assert_eq!(humanize_key("signatory_since"), "Signatory since");
    }

    #[test]
    fn forbidden_characters_are_found() {
        assert_eq!(first_forbidden("fine\ttext\n"), None);
        assert_eq!(first_forbidden("© ขอนแก่น €"), None);
        assert_eq!(first_forbidden("a\u{1b}b"), Some((1, '\u{1b}')));
        assert_eq!(first_forbidden("é\u{85}"), Some((2, '\u{85}')));
        assert_eq!(first_forbidden("x\u{fffe}"), Some((1, '\u{fffe}')));
        assert_eq!(first_forbidden("x\u{1fffe}"), Some((1, '\u{1fffe}')));
        assert_eq!(first_forbidden("\u{fdd0}"), Some((0, '\u{fdd0}')));
        assert_eq!(first_forbidden("\u{7f}"), Some((0, '\u{7f}')));
        assert_eq!(char_code('\u{1b}'), "U+001B");
    }

    #[test]
    fn shorten_cuts_on_word_boundary() {
        assert_eq!(shorten("short", 10), "short");
        assert_eq!(shorten("one two three four", 12), "one two…");
    }
}

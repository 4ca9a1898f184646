//! The site's old addresses as files: `data/redirects.json` (every one, in every language, with
//! where it leads and who asks for it), and the rules of the host `site.yaml redirects:` names,
//! which answer an old address with a real 301 before any page is read.

use super::to_json;
use crate::config::RedirectHost;
use crate::graph::Redirect;
use crate::paths::encode_path;
use crate::render::context::Ctx;
use serde::Serialize;
use std::fmt::Write;

#[derive(Serialize)]
struct RedirectsFile<'a> {
    generator: &'static str,
    site: &'a str,
    redirects: Vec<RedirectRecord<'a>>,
    /// The addresses withdrawn on purpose (`retired:`), with why.
    retired: Vec<RetiredRecord<'a>>,
}

#[derive(Serialize)]
struct RetiredRecord<'a> {
    address: String,
    url: String,
    reason: &'a str,
}

#[derive(Serialize)]
struct RedirectRecord<'a> {
    /// The old address's path on the host, and its full URL.
    from: String,
    from_url: String,
    to: String,
    to_url: String,
    language: &'a str,
    /// The content file whose `redirect_from:` lists it, and the line.
    file: String,
    line: usize,
}

/// One old address and where it leads, as host rules write them.
struct Rule {
    /// The old address as published: percent-encoded, and decoded (Apache and nginx match the
    /// decoded path).
    from: String,
    from_decoded: String,
    to: String,
}

pub(super) fn json(ctx: &Ctx) -> Vec<u8> {
    let g = ctx.g;
    let config = &g.config;
    let records = g
        .redirects
        .iter()
        .map(|r| {
            let (to, to_url) = ctx.routes.redirect_target(r);
            let from = encode_path(&r.path);
            RedirectRecord {
                from: format!("{}{from}", config.base_path),
                from_url: format!("{}{from}", config.base_url),
                to,
                to_url,
                language: r.language.as_deref().unwrap_or(&config.language),
                file: r.written.file.to_string_lossy().replace('\\', "/"),
                line: r.written.pos.line,
            }
        })
        .collect::<Vec<_>>();
    to_json(
        &RedirectsFile {
            generator: "casebook",
            site: &config.title,
            redirects: records,
            retired: (config.retired.iter())
                .map(|r| RetiredRecord {
                    address: format!("{}{}", config.base_path, encode_path(&r.path)),
                    url: format!("{}{}", config.base_url, encode_path(&r.path)),
                    reason: &r.reason,
                })
                .collect(),
        },
        g.redirects.len(),
        300,
    )
}

fn rules(ctx: &Ctx) -> Vec<Rule> {
    let base = &ctx.g.config.base_path;
    ctx.g
        .redirects
        .iter()
        .map(|r: &Redirect| Rule {
            from: format!("{base}{}", encode_path(&r.path)),
            from_decoded: format!("{base}{}", r.path),
            to: encode_path(&ctx.routes.redirect_target(r).0),
        })
        .collect()
}

/// The rules file of the host `site.yaml redirects:` names.
pub(super) fn host_rules(ctx: &Ctx) -> Vec<u8> {
    let rules = rules(ctx);
    let host = ctx.g.config.redirect_host;
    let mut out = String::new();
    match host {
        RedirectHost::Static => {}
        RedirectHost::Netlify | RedirectHost::Cloudflare | RedirectHost::GitLab => {
            let _ = writeln!(out, "# Old addresses of this site, written by casebook.");
            // Netlify serves a file before a rule unless the rule is forced.
            let force = if host == RedirectHost::Netlify {
                "!"
            } else {
                ""
            };
            for r in &rules {
                let _ = writeln!(out, "{} {} 301{force}", r.from, r.to);
            }
        }
        RedirectHost::Apache => {
            let _ = writeln!(
                out,
                "# Old addresses of this site, written by casebook (mod_alias)."
            );
            for r in &rules {
                let _ = writeln!(
                    out,
                    "RedirectMatch 301 \"^{}$\" \"{}\"",
                    path_pattern(&r.from_decoded),
                    r.to
                );
            }
        }
        RedirectHost::Nginx => {
            let _ = writeln!(
                out,
                "# Old addresses of this site, written by casebook. Include this file in the\n\
                 # http block, and in the site's server block write:\n\
                 #     if ($casebook_redirect) {{ return 301 $casebook_redirect; }}\n\
                 map $uri $casebook_redirect {{"
            );
            for r in &rules {
                for from in path_forms(&r.from_decoded) {
                    let _ = writeln!(out, "    {} {};", nginx_quoted(&from), nginx_quoted(&r.to));
                }
            }
            let _ = writeln!(out, "}}");
        }
        RedirectHost::Vercel => return vercel_json(&rules),
    }
    out.into_bytes()
}

/// `vercel.json`: its `redirects`, each a 301.
fn vercel_json(rules: &[Rule]) -> Vec<u8> {
    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct VercelRule<'a> {
        source: &'a str,
        destination: &'a str,
        status_code: u16,
    }
    #[derive(Serialize)]
    struct VercelFile<'a> {
        redirects: Vec<VercelRule<'a>>,
    }
    let file = VercelFile {
        redirects: rules
            .iter()
            .map(|r| VercelRule {
                source: &r.from,
                destination: &r.to,
                status_code: 301,
            })
            .collect(),
    };
    serde_json::to_vec_pretty(&file).unwrap_or_default()
}

/// The forms a folder's address is asked for in: `/a/b/`, `/a/b` and `/a/b/index.html`.
fn path_forms(path: &str) -> Vec<String> {
    match path.strip_suffix('/') {
        Some(bare) => vec![
            path.to_string(),
            bare.to_string(),
            format!("{path}index.html"),
        ],
        None => vec![path.to_string()],
    }
}

/// A regular expression (PCRE) that matches `path` and, for a folder, its other forms.
fn path_pattern(path: &str) -> String {
    let escape = |p: &str| {
        p.chars().fold(String::new(), |mut out, c| {
            if "\\.^$|?*+()[]{}\"".contains(c) {
                out.push('\\');
            }
            out.push(c);
            out
        })
    };
    match path.strip_suffix('/') {
        Some(bare) => format!("{}(/|/index\\.html)?", escape(bare)),
        None => escape(path),
    }
}

/// A string as nginx's configuration quotes it.
fn nginx_quoted(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

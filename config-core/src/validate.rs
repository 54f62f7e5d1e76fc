//! Running the validation rules on typed values, with every failure reported
//! as a [`Problem`] that names the key, the rule, the value (never for
//! secrets), the origin and a hint.

use crate::collect::Collector;
use crate::problem::{Problem, ProblemKind};
use crate::rules::{CustomRule, HasLength, Ordered, Rule, Textual};

/// An offending value as it is shown in the report.
enum Shown {
    Text(String),
    Plain(String),
}

/// The rules of one field, applied by the generated code right after the
/// value was converted.
pub struct Check<'a> {
    pub(crate) c: &'a Collector<'a>,
    pub(crate) leaf: usize,
    pub(crate) secret: bool,
    pub(crate) problems: &'a mut Vec<Problem>,
}

impl Check<'_> {
    fn rules(&self) -> &'static [Rule] {
        self.c.plan.leaves[self.leaf].field.rules
    }

    fn fail(&mut self, rule: usize, suffix: &str, message: String, value: Option<Shown>) {
        let name = self.rules().get(rule).map_or("custom", Rule::name);
        let path = format!("{}{suffix}", self.c.plan.leaves[self.leaf].path);
        let problem = Problem::new(ProblemKind::Validation, path, message);
        let problem = match value {
            _ if self.secret => problem,
            Some(Shown::Text(text)) => problem.with_value(Some(text)),
            Some(Shown::Plain(text)) => problem.with_plain_value(Some(text)),
            None => problem,
        };
        let problem = problem
            .with_maybe_origin(self.c.slot_origin(self.leaf))
            .with_rule(name)
            .with_maybe_hint(
                self.c.slots[self.leaf]
                    .as_ref()
                    .map(|slot| self.c.fix_hint(self.leaf, slot.src)),
            )
            .with_secret(self.secret);
        self.problems.push(problem);
    }

    /// `range(...)`: rule `rule` of the field.
    pub fn range<T: Ordered + ?Sized>(&mut self, value: &T, rule: usize) {
        let Some(Rule::Range { min, max }) = self.rules().get(rule) else {
            return;
        };
        let (min, max) = (*min, *max);
        let mut failures = Vec::new();
        value.each_number("", &mut |suffix, n| {
            let below = min.is_some_and(|b| match n.cmp_to(b.value) {
                Some(std::cmp::Ordering::Less) => true,
                Some(std::cmp::Ordering::Equal) => !b.inclusive,
                Some(std::cmp::Ordering::Greater) => false,
                None => true,
            });
            let above = max.is_some_and(|b| match n.cmp_to(b.value) {
                Some(std::cmp::Ordering::Greater) => true,
                Some(std::cmp::Ordering::Equal) => !b.inclusive,
                Some(std::cmp::Ordering::Less) => false,
                None => true,
            });
            if below || above {
                failures.push((suffix.to_string(), n));
            }
        });
        for (suffix, n) in failures {
            let message = range_message(min, max);
            self.fail(rule, &suffix, message, Some(Shown::Plain(n.to_string())));
        }
    }

    /// `min_length` / `max_length`.
    pub fn length<T: HasLength + ?Sized>(&mut self, value: &T, rule: usize) {
        let Some(Rule::Length { min, max }) = self.rules().get(rule) else {
            return;
        };
        let Some((len, unit)) = value.length() else {
            return;
        };
        let message = match (min, max) {
            (Some(min), _) if len < *min => Some(format!(
                "must have at least {min} {} (it has {len})",
                counted(*min, unit)
            )),
            (_, Some(max)) if len > *max => Some(format!(
                "must have at most {max} {} (it has {len})",
                counted(*max, unit)
            )),
            _ => None,
        };
        if let Some(message) = message {
            self.fail(rule, "", message, None);
        }
    }

    /// `non_empty`.
    pub fn non_empty<T: HasLength + ?Sized>(&mut self, value: &T, rule: usize) {
        if value.length().is_some_and(|(len, _)| len == 0) {
            self.fail(rule, "", "must not be empty".to_string(), None);
        }
    }

    /// `pattern`, `url`, `email` and `one_of`.
    pub fn text<T: Textual + ?Sized>(&mut self, value: &T, rule: usize) {
        let Some(r) = self.rules().get(rule) else {
            return;
        };
        let mut failures = Vec::new();
        value.each_text("", &mut |suffix, text, secret| {
            if let Some(message) = text_failure(r, text) {
                failures.push((
                    suffix.to_string(),
                    message,
                    (!secret).then(|| Shown::Text(text.to_string())),
                ));
            }
        });
        for (suffix, message, shown) in failures {
            self.fail(rule, &suffix, message, shown);
        }
    }

    /// `custom = path`: the function's error text is the message (scrubbed of
    /// the value for secrets).
    pub fn custom<T: ?Sized>(&mut self, value: &T, rule: usize, check: impl CustomRule<T>) {
        if let Err(message) = check.check(value) {
            let message = if self.secret {
                format!(
                    "failed the custom rule `{}`",
                    self.rules().get(rule).map_or("?", |r| match r {
                        Rule::Custom(name) => name,
                        _ => "?",
                    })
                )
            } else {
                message
            };
            self.fail(rule, "", message, None);
        }
    }
}

/// `1 item`, `2 items`: units are given in the plural.
fn counted(n: usize, unit: &str) -> String {
    match (n, unit) {
        (1, "entries") => "entry".to_string(),
        (1, unit) => unit.trim_end_matches('s').to_string(),
        (_, unit) => unit.to_string(),
    }
}

fn range_message(min: Option<crate::rules::Bound>, max: Option<crate::rules::Bound>) -> String {
    match (min, max) {
        (Some(lo), Some(hi)) if lo.inclusive && hi.inclusive => {
            format!("must be between {} and {}", lo.value, hi.value)
        }
        (lo, hi) => {
            let mut parts = Vec::new();
            if let Some(lo) = lo {
                parts.push(if lo.inclusive {
                    format!("at least {}", lo.value)
                } else {
                    format!("greater than {}", lo.value)
                });
            }
            if let Some(hi) = hi {
                parts.push(if hi.inclusive {
                    format!("at most {}", hi.value)
                } else {
                    format!("less than {}", hi.value)
                });
            }
            format!("must be {}", parts.join(" and "))
        }
    }
}

fn text_failure(rule: &Rule, text: &str) -> Option<String> {
    match rule {
        Rule::Pattern(pattern) => {
            (!pattern.matches(text)).then(|| format!("must match the pattern `{}`", pattern.source))
        }
        Rule::Url { schemes } => match url_scheme(text) {
            None => Some(match schemes {
                [] => "must be a URL such as https://example.com".to_string(),
                _ => format!("must be a URL with scheme {}", list(schemes)),
            }),
            Some(scheme)
                if !schemes.is_empty()
                    && !schemes.iter().any(|s| s.eq_ignore_ascii_case(scheme)) =>
            {
                Some(format!(
                    "must be a URL with scheme {} (it has {scheme})",
                    list(schemes)
                ))
            }
            Some(_) => None,
        },
        Rule::Email => (!is_email(text)).then(|| "must be an email address".to_string()),
        Rule::OneOf(options) => {
            (!options.contains(&text)).then(|| format!("must be one of {}", list(options)))
        }
        _ => None,
    }
}

fn list(items: &[&str]) -> String {
    items
        .iter()
        .map(|s| format!("`{s}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The scheme of an absolute URL with an authority (`scheme://host[:port]...`), if it is one.
///
/// Written by hand rather than with the `url` crate, whose IDNA tables would
/// double the build time of every crate using Strata; configuration URLs need
/// only this structural check.
fn url_scheme(text: &str) -> Option<&str> {
    let (scheme, rest) = text.split_once("://")?;
    let mut chars = scheme.chars();
    if !chars.next()?.is_ascii_alphabetic()
        || !chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
    {
        return None;
    }
    if text.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return None;
    }
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host_port = authority.rsplit('@').next().unwrap_or("");
    let (host, port) = if host_port.starts_with('[') {
        // IPv6 literal: [::1]:8080
        let end = host_port.find(']')?;
        let rest = &host_port[end + 1..];
        (&host_port[..=end], rest.strip_prefix(':').unwrap_or(rest))
    } else {
        host_port.rsplit_once(':').unwrap_or((host_port, ""))
    };
    let host_ok = !host.is_empty()
        && (host.starts_with('[')
            || host
                .chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '-' | '.' | '_' | '%')));
    let port_ok = port.is_empty()
        || (port.len() <= 5
            && port.chars().all(|c| c.is_ascii_digit())
            && port.parse::<u32>().is_ok_and(|p| p <= 65535));
    (host_ok && port_ok).then_some(scheme)
}

fn is_email(text: &str) -> bool {
    let Some((local, domain)) = text.rsplit_once('@') else {
        return false;
    };
    !local.is_empty()
        && local.len() <= 64
        && !local.contains(char::is_whitespace)
        && !local.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains("..")
        && domain
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls() {
        for ok in [
            "https://example.com",
            "postgres://u:p@db.internal:5432/app",
            "http://[::1]:8080/x",
            "redis://localhost",
        ] {
            assert!(url_scheme(ok).is_some(), "{ok}");
        }
        for bad in [
            "example.com",
            "https://",
            "http://exa mple.com",
            "1http://x",
            "http://host:99999",
            "://x",
        ] {
            assert!(url_scheme(bad).is_none(), "{bad}");
        }
        assert_eq!(url_scheme("postgres://db/app"), Some("postgres"));
    }

    #[test]
    fn emails() {
        assert!(is_email("ops@example.com"));
        for bad in [
            "ops",
            "ops@",
            "@example.com",
            "ops@example",
            "o ps@example.com",
            "ops@exa..mple.com",
        ] {
            assert!(!is_email(bad), "{bad}");
        }
    }
}

//! Rendering a load error as `miette` diagnostics, with the source line of
//! each file origin (feature `miette`).
//!
//! Only the offending line is quoted, never its neighbours, and never a line
//! for a problem that concerns a secret or a file that failed to parse (such a
//! line may hold anything).

use std::fmt;

use miette::{
    Diagnostic, LabeledSpan, MietteError, MietteSpanContents, SourceCode, SourceSpan, SpanContents,
};

use crate::origin::Origin;
use crate::problem::{Error, Problem, ProblemKind};

/// A load error as a `miette` diagnostic: one related diagnostic per problem.
#[derive(Debug)]
pub struct Diagnostics {
    summary: String,
    items: Vec<ProblemDiagnostic>,
}

/// One problem as a diagnostic.
#[derive(Debug)]
pub struct ProblemDiagnostic {
    message: String,
    help: Option<String>,
    line: Option<LineSource>,
}

/// One line of a file, numbered as in the file.
#[derive(Debug)]
struct LineSource {
    name: String,
    number: usize,
    text: String,
}

impl Error {
    /// The error as `miette` diagnostics, reading the source line of each
    /// file origin from disk.
    pub fn to_diagnostics(&self) -> Diagnostics {
        let n = self.0.problems.len();
        Diagnostics {
            summary: format!(
                "{} could not be loaded (profile `{}`): {n} problem{}",
                self.0.settings,
                self.0.profile,
                if n == 1 { "" } else { "s" }
            ),
            items: self
                .0
                .problems
                .iter()
                .map(|p| self.problem_diagnostic(p))
                .collect(),
        }
    }

    fn problem_diagnostic(&self, problem: &Problem) -> ProblemDiagnostic {
        let mut message = if problem.path.is_empty() {
            problem.message.clone()
        } else {
            format!("{}: {}", problem.path, problem.message)
        };
        let line = match problem.origin() {
            Some(Origin::File {
                path,
                line: Some(n),
            })
            | Some(Origin::Dotenv {
                path,
                line: Some(n),
            }) if !problem.secret
                && problem.kind != ProblemKind::Syntax
                && !self.0.secret_lines.iter().any(|(p, l)| p == path && l == n) =>
            {
                let full = if path.is_absolute() {
                    path.clone()
                } else {
                    self.0.dir.join(path)
                };
                std::fs::read_to_string(full).ok().and_then(|text| {
                    text.lines().nth(*n as usize - 1).map(|line| LineSource {
                        name: path.display().to_string(),
                        number: *n as usize,
                        text: line.to_string(),
                    })
                })
            }
            _ => None,
        };
        if line.is_none()
            && let Some(origin) = problem.origin()
        {
            message.push_str(&format!(" (from {origin})"));
        }
        ProblemDiagnostic {
            message,
            help: problem.hint.clone(),
            line,
        }
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.summary)
    }
}

impl std::error::Error for Diagnostics {}

impl Diagnostic for Diagnostics {
    fn related<'a>(&'a self) -> Option<Box<dyn Iterator<Item = &'a dyn Diagnostic> + 'a>> {
        Some(Box::new(self.items.iter().map(|d| d as &dyn Diagnostic)))
    }
}

impl fmt::Display for ProblemDiagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ProblemDiagnostic {}

impl Diagnostic for ProblemDiagnostic {
    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.line.as_ref().map(|l| l as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let line = self.line.as_ref()?;
        let start = line.text.len() - line.text.trim_start().len();
        let len = line.text.trim().len().max(1);
        Some(Box::new(std::iter::once(LabeledSpan::new(
            Some("here".to_string()),
            start,
            len,
        ))))
    }
}

impl SourceCode for LineSource {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        _context_lines_before: usize,
        _context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            self.text.as_bytes(),
            SourceSpan::new(0.into(), self.text.len()),
            self.number - 1,
            0,
            1,
        )))
        .map(|contents: Box<MietteSpanContents<'a>>| {
            let _ = span;
            contents as Box<dyn SpanContents<'a> + 'a>
        })
    }
}

impl ProblemDiagnostic {
    /// The quoted source line, if any: `(file name, line number, text)`.
    pub fn source_line(&self) -> Option<(&str, usize, &str)> {
        self.line
            .as_ref()
            .map(|l| (l.name.as_str(), l.number, l.text.as_str()))
    }
}

impl Diagnostics {
    /// The diagnostics of each problem.
    pub fn problems(&self) -> &[ProblemDiagnostic] {
        &self.items
    }
}

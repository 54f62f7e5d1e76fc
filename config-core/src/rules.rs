//! Validation rules as data, emitted by the derive from field attributes.

/// One validation rule of a field.
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub enum Rule {
    /// Must not be empty.
    NonEmpty,
}

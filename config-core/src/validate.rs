//! Validation of typed values after loading.

use crate::collect::Collector;

/// Collects validation problems while the generated code checks each field.
pub struct Validator<'c, 'p> {
    #[allow(dead_code)]
    c: &'c mut Collector<'p>,
}

impl<'c, 'p> Validator<'c, 'p> {
    pub(crate) fn new(c: &'c mut Collector<'p>) -> Self {
        Validator { c }
    }
}

//! Misused validation attributes fail to compile with a clear, spanned message.

#[test]
fn validation_misuse_is_rejected() {
    let cases = trybuild::TestCases::new();
    cases.compile_fail("tests/ui/validation/*.rs");
}

//! Misused `#[derive(Settings)]` attributes fail to compile with a clear, spanned message.

#[test]
fn misuse_is_rejected_at_compile_time() {
    let cases = trybuild::TestCases::new();
    cases.compile_fail("tests/ui/*.rs");
}

//! Settings structs declared through `macro_rules!` work like hand-written ones.

use strata::Settings;

macro_rules! settings_struct {
    ($name:ident, $inner:ident { $($field:ident : $ty:ty),* }) => {
        #[derive(Debug, Settings)]
        struct $inner {
            $(#[settings(range(min = 1))] $field: $ty,)*
        }

        #[derive(Debug, Settings)]
        #[settings(prefix = "MR")]
        struct $name {
            #[settings(nested)]
            inner: $inner,
            #[settings(nested)]
            extra: Option<$inner>,
            note: Option<String>,
        }
    };
}

settings_struct!(Outer, Inner { port: u16, workers: Option<u32> });

#[test]
fn macro_generated_structs_load_and_keep_options_optional() {
    let cfg = Outer::loader()
        .env_vars([("MR_INNER__PORT", "8080")])
        .load()
        .unwrap();
    assert_eq!(cfg.inner.port, 8080);
    assert_eq!(
        cfg.inner.workers, None,
        "an Option through a `ty` fragment stays optional"
    );
    assert!(cfg.extra.is_none());
    let err = Outer::loader()
        .env_vars([("MR_INNER__PORT", "0")])
        .load()
        .unwrap_err();
    assert_eq!(err.problems()[0].path(), "inner.port");
}

//! A `.env.example` for a settings type, generated from its schema.

use crate::schema::DefaultValue;
use crate::settings::{Settings, plan_for};
use crate::value::Value;

/// A `.env`-style template listing every variable of `T`, with its doc comment,
/// its default and whether it is required or secret. Secrets are left empty;
/// defaults are shown commented out. Meant for a committed `.env.example`.
pub fn env_template<T: Settings>() -> String {
    let schema = T::schema();
    let plan = plan_for::<T>();
    let mut out = String::new();
    if !schema.doc.is_empty() {
        for line in schema.doc.lines() {
            out.push_str(&format!("# {line}\n"));
        }
        out.push('\n');
    }
    for leaf in &plan.leaves {
        for line in leaf.field.doc.lines() {
            out.push_str(&format!("# {line}\n"));
        }
        let default = leaf.field.default.as_ref().map(|d| match d {
            DefaultValue::Lit(lit) => Value::from(*lit).to_string(),
            DefaultValue::Expr { text, .. } => text.to_string(),
        });
        let status = match (&default, leaf.secret, leaf.field.optional) {
            (_, true, _) => format!(
                "secret: set {0} or {0}_FILE; never commit a value",
                leaf.env
            ),
            (Some(_), false, _) => format!("key `{}`", leaf.path),
            (None, false, true) => format!("key `{}`, optional", leaf.path),
            (None, false, false) => format!("key `{}`, required", leaf.path),
        };
        out.push_str(&format!("# {status}\n"));
        match default {
            Some(value) if !leaf.secret => out.push_str(&format!("# {}={value}\n", leaf.env)),
            _ => out.push_str(&format!("{}=\n", leaf.env)),
        }
    }
    out
}

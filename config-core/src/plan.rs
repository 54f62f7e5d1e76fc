//! The flattened form of a root schema: every leaf with its full key path and
//! env var name, plus lookup tables. Built once per settings type.

use std::collections::HashMap;

use rustc_hash::FxHashMap;

use crate::schema::{Field, FieldKind, Schema};

/// One leaf setting of the whole tree.
#[derive(Debug)]
pub(crate) struct LeafPlan {
    /// Full dotted key path (`database.host`).
    pub path: String,
    /// Env var name (`APP_DATABASE__HOST`, or the field's exact `env`).
    pub env: String,
    /// The field's static description.
    pub field: &'static Field,
    /// Whether the value is secret.
    pub secret: bool,
    /// The source of a secret set by its own env var, shared by every load.
    pub env_source: std::sync::OnceLock<std::sync::Arc<crate::secret::SecretSource>>,
}

/// A table level of the tree, for walking config files.
#[derive(Debug, Default)]
pub(crate) struct Node {
    pub children: Vec<(&'static str, Child)>,
}

#[derive(Debug)]
pub(crate) enum Child {
    Leaf(usize),
    Table(Node),
}

impl Node {
    pub fn get(&self, key: &str) -> Option<&Child> {
        self.children
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, c)| c)
    }

    pub fn keys(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.children.iter().map(|(k, _)| *k)
    }
}

/// The flattened schema.
#[derive(Debug)]
pub struct Plan {
    pub(crate) leaves: Vec<LeafPlan>,
    pub(crate) by_path: FxHashMap<String, usize>,
    pub(crate) by_env: FxHashMap<String, usize>,
    /// For each `Option<Nested>` field: first leaf index -> end (exclusive).
    pub(crate) optional_groups: HashMap<usize, usize>,
    pub(crate) root: Node,
    /// Profile names the schema mentions.
    pub(crate) profiles: Vec<&'static str>,
    /// `APP_`: variables with it that match no setting are warned about.
    pub(crate) env_prefix: Option<String>,
    /// The variable that selects the profile.
    pub(crate) profile_var: String,
    /// Some variable is not `{PREFIX}_…`: an `env = "..."` name, or no prefix at all.
    pub(crate) exact_env_names: bool,
}

impl Plan {
    pub(crate) fn build(schema: &'static Schema, secret_flags: &[bool]) -> Plan {
        let mut plan = Plan {
            leaves: Vec::new(),
            by_path: FxHashMap::default(),
            by_env: FxHashMap::default(),
            optional_groups: HashMap::new(),
            root: Node::default(),
            profiles: vec!["development"],
            env_prefix: schema.prefix.map(|p| format!("{p}_")),
            profile_var: schema.profile_var(),
            exact_env_names: false,
        };
        let mut root = Node::default();
        plan.walk(
            schema,
            schema.prefix,
            &mut Vec::new(),
            &mut root,
            secret_flags,
        );
        plan.root = root;
        plan.exact_env_names = match &plan.env_prefix {
            Some(prefix) => plan
                .leaves
                .iter()
                .any(|l| !l.env.starts_with(prefix.as_str())),
            None => true,
        };
        for p in schema.strict_profiles.iter().chain(schema.profiles) {
            if !plan.profiles.contains(p) {
                plan.profiles.push(p);
            }
        }
        if schema.strict_profiles.is_empty() && !plan.profiles.contains(&"production") {
            plan.profiles.push("production");
        }
        plan
    }

    fn walk(
        &mut self,
        schema: &'static Schema,
        prefix: Option<&str>,
        stack: &mut Vec<&'static str>,
        node: &mut Node,
        secret_flags: &[bool],
    ) {
        for field in schema.fields {
            stack.push(field.key);
            for (profile, _) in field.profile_defaults {
                if !self.profiles.contains(profile) {
                    self.profiles.push(profile);
                }
            }
            for profile in field.required_in {
                if !self.profiles.contains(profile) {
                    self.profiles.push(profile);
                }
            }
            match field.kind {
                FieldKind::Leaf => {
                    let index = self.leaves.len();
                    let path = stack.join(".");
                    let env = match field.env {
                        Some(name) => name.to_string(),
                        None => env_name(prefix, stack),
                    };
                    let secret = field.secret || secret_flags.get(index).copied().unwrap_or(false);
                    self.by_path.insert(path.clone(), index);
                    self.by_env.insert(env.clone(), index);
                    self.leaves.push(LeafPlan {
                        path,
                        env,
                        field,
                        secret,
                        env_source: std::sync::OnceLock::new(),
                    });
                    node.children.push((field.key, Child::Leaf(index)));
                }
                FieldKind::Nested { schema: nested } => {
                    let start = self.leaves.len();
                    let mut child = Node::default();
                    self.walk(nested(), prefix, stack, &mut child, secret_flags);
                    if field.optional {
                        self.optional_groups.insert(start, self.leaves.len());
                    }
                    node.children.push((field.key, Child::Table(child)));
                }
            }
            stack.pop();
        }
    }

    /// The leaf for a dotted key path.
    pub(crate) fn leaf_by_path(&self, path: &str) -> Option<usize> {
        self.by_path.get(path).copied()
    }
}

/// `APP` + `database.host` -> `APP_DATABASE__HOST`.
pub(crate) fn env_name(prefix: Option<&str>, segments: &[&str]) -> String {
    let mut out = String::new();
    if let Some(prefix) = prefix {
        out.push_str(prefix);
        out.push('_');
    }
    for (i, segment) in segments.iter().enumerate() {
        if i > 0 {
            out.push_str("__");
        }
        // Shells only accept letters, digits and `_` in names: `log-level` -> `LOG_LEVEL`.
        out.extend(segment.chars().map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_uppercase()
            } else {
                '_'
            }
        }));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::env_name;

    #[test]
    fn env_names_join_levels_with_double_underscore() {
        assert_eq!(
            env_name(Some("APP"), &["database", "host"]),
            "APP_DATABASE__HOST"
        );
        assert_eq!(env_name(Some("APP"), &["api_key"]), "APP_API_KEY");
        assert_eq!(env_name(None, &["port"]), "PORT");
        assert_eq!(env_name(Some("APP"), &["log-level"]), "APP_LOG_LEVEL");
    }
}

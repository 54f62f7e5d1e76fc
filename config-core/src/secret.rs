//! Secret values that cannot be printed by accident.

use std::fmt;
use std::sync::Arc;

use secrecy::SecretBox;
use serde::de::{Deserialize, Deserializer, Visitor};
use zeroize::Zeroize;

pub use secrecy::ExposeSecret;

use crate::de::SECRET_MARKER;
use crate::origin::Origin;

/// A secret setting: zeroized on drop, `[REDACTED]` in `Debug` and `Display`,
/// readable only through [`ExposeSecret::expose_secret`].
///
/// A field of this type is a secret everywhere Strata reports on it: the
/// explanation, errors, warnings and the generated `Display`. Values loaded by
/// Strata remember their key path and origin, so exposures can be audited.
pub struct Secret<T: Zeroize> {
    inner: SecretBox<T>,
    source: Option<Arc<SecretSource>>,
}

/// A secret string: the usual type for passwords, tokens and keys.
pub type SecretString = Secret<String>;

/// The key path and origin a loaded secret came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SecretSource {
    /// The setting's key path.
    pub path: String,
    /// Where the value came from.
    pub origin: Origin,
}

impl<T: Zeroize> Secret<T> {
    /// Wraps a value.
    pub fn new(value: T) -> Self {
        Secret {
            inner: SecretBox::new(Box::new(value)),
            source: None,
        }
    }

    /// The key path and origin, for secrets that Strata loaded.
    pub fn source(&self) -> Option<&SecretSource> {
        self.source.as_deref()
    }

    /// The value without an audit event, for validation inside Strata.
    pub(crate) fn unaudited(&self) -> &T {
        self.inner.expose_secret()
    }

    pub(crate) fn set_source(&mut self, source: Arc<SecretSource>) {
        self.source = Some(source);
    }
}

impl<T: Zeroize> ExposeSecret<T> for Secret<T> {
    #[track_caller]
    fn expose_secret(&self) -> &T {
        crate::audit::exposed(self.source.as_ref(), std::panic::Location::caller());
        self.inner.expose_secret()
    }
}

impl<T: Zeroize> fmt::Debug for Secret<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[REDACTED]")
    }
}

impl<T: Zeroize> fmt::Display for Secret<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[REDACTED]")
    }
}

impl<T: Zeroize + Clone> Clone for Secret<T> {
    fn clone(&self) -> Self {
        Secret {
            inner: SecretBox::new(Box::new(self.inner.expose_secret().clone())),
            source: self.source.clone(),
        }
    }
}

impl From<&str> for Secret<String> {
    fn from(s: &str) -> Self {
        Secret::new(s.to_string())
    }
}

impl From<String> for Secret<String> {
    fn from(s: String) -> Self {
        Secret::new(s)
    }
}

impl<T: Zeroize + PartialEq> PartialEq for Secret<T> {
    /// Compares the values (not in constant time; not for checking passwords).
    fn eq(&self, other: &Self) -> bool {
        self.inner.expose_secret() == other.inner.expose_secret()
    }
}

impl<'de, T: Zeroize + Deserialize<'de>> Deserialize<'de> for Secret<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct SecretVisitor<T>(std::marker::PhantomData<T>);

        impl<'de, T: Zeroize + Deserialize<'de>> Visitor<'de> for SecretVisitor<T> {
            type Value = Secret<T>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a secret value")
            }

            fn visit_newtype_struct<D: Deserializer<'de>>(
                self,
                d: D,
            ) -> Result<Secret<T>, D::Error> {
                let mut secret = Secret::new(T::deserialize(d)?);
                if let Some(source) = crate::build::current_secret_source() {
                    secret.set_source(source);
                }
                Ok(secret)
            }
        }

        deserializer
            .deserialize_newtype_struct(SECRET_MARKER, SecretVisitor(std::marker::PhantomData))
    }
}

/// Types that hold a secret. `#[settings(secret)]` requires it, and the
/// generated code uses it to mark a field as secret whatever its alias.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a secret type",
    label = "`#[settings(secret)]` needs a secret type here",
    note = "a plain type would be printed by Debug, Display and the explanation; use `strata::SecretString` or `strata::Secret<T>` as the field type"
)]
pub trait IsSecret {}

impl<T: Zeroize> IsSecret for Secret<T> {}
impl<T: IsSecret> IsSecret for Option<T> {}
impl<T: IsSecret> IsSecret for Vec<T> {}
impl<T: IsSecret + ?Sized> IsSecret for Box<T> {}
impl<S: Zeroize + ?Sized> IsSecret for SecretBox<S> {}

/// Autoref probe: `(&Probe::<T>::new()).is_secret()` is true when `T: IsSecret`.
#[doc(hidden)]
pub struct Probe<T: ?Sized>(std::marker::PhantomData<T>);

impl<T: ?Sized> Probe<T> {
    /// A probe for `T`.
    pub const fn new() -> Self {
        Probe(std::marker::PhantomData)
    }
}

impl<T: ?Sized> Default for Probe<T> {
    fn default() -> Self {
        Self::new()
    }
}

/// Chosen for types that are secrets.
#[doc(hidden)]
pub trait SecretKind {
    /// True.
    fn is_secret(&self) -> bool {
        true
    }
}
impl<T: IsSecret + ?Sized> SecretKind for Probe<T> {}

/// Chosen for every other type.
#[doc(hidden)]
pub trait PlainKind {
    /// False.
    fn is_secret(&self) -> bool {
        false
    }
}
impl<T: ?Sized> PlainKind for &Probe<T> {}

/// Checks the probe: used by `#[settings(secret)]` so the error names the trait.
#[doc(hidden)]
pub fn assert_secret<T: IsSecret + ?Sized>() {}

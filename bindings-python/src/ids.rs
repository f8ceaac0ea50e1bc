//! Mirrors `orgkit::ids`: one predicate per kind, a batch check, per-value issues, and a
//! class per typed value whose constructor raises `orgkit.ValidationError`.

use orgkit::{Edition, Issue, ValidationError, ValueKind};
use pyo3::prelude::*;
use pyo3::types::{PyList, PyString};

use crate::error::{
    argument_error, issue_list, name_argument, shielded, type_label, validation_error, EditionArg,
};

/// The text of a Python value, or why it has none (not a `str`, or not valid Unicode).
pub fn text_of<'a>(value: &'a Bound<'_, PyAny>) -> Result<std::borrow::Cow<'a, str>, Issue> {
    match value.cast::<PyString>() {
        Ok(string) => string
            .to_str()
            .map(std::borrow::Cow::Borrowed)
            .map_err(|_| Issue::not_unicode("")),
        Err(_) => {
            let type_name = value
                .get_type()
                .name()
                .map(|name| name.to_string())
                .unwrap_or_else(|_| "an object".to_owned());
            Err(Issue::wrong_type("", "str", &type_name))
        }
    }
}

/// Python's own `repr()` of a string (single-quoted, escaped as Python does).
pub fn python_repr(py: Python<'_>, text: &str) -> PyResult<String> {
    Ok(PyString::new(py, text).repr()?.to_str()?.to_owned())
}

/// Whether `value` is a `str` of `kind` under `edition`'s rules (`ValueKind::is_valid_in`: a
/// kind the edition does not have is never valid); never raises.
#[inline]
fn is_kind(kind: ValueKind, edition: Edition, value: &Bound<'_, PyAny>) -> bool {
    match value.cast::<PyString>() {
        Ok(string) => match string.to_str() {
            Ok(text) => kind.is_valid_in(edition, text),
            Err(_) => false,
        },
        Err(_) => false,
    }
}

macro_rules! predicates {
    ($($name:ident => $kind:ident),+ $(,)?) => {
        $(
            #[doc = concat!("Whether `value` is a valid ", stringify!($kind), " under the rules of `edition` (`\"current\"` by default, or `\"original\"`); `False` for anything that is not a `str`, and for a kind the edition does not have.")]
            #[pyfunction]
            #[pyo3(signature = (value, *, edition = EditionArg::default()), text_signature = "(value, *, edition='current')")]
            pub fn $name(py: Python<'_>, value: &Bound<'_, PyAny>, edition: EditionArg) -> PyResult<bool> {
                shielded(py, || Ok(is_kind(ValueKind::$kind, edition.0, value)))
            }
        )+

        /// Adds every predicate to the module.
        pub fn add_predicates(module: &Bound<'_, PyModule>) -> PyResult<()> {
            $( module.add_function(wrap_pyfunction!($name, module)?)?; )+
            Ok(())
        }
    };
}

predicates! {
    is_account_id => AccountId,
    is_organization_id => OrganizationId,
    is_root_id => RootId,
    is_organizational_unit_id => OrganizationalUnitId,
    is_policy_id => PolicyId,
    is_handshake_id => HandshakeId,
    is_create_account_request_id => CreateAccountRequestId,
    is_child_id => ChildId,
    is_parent_id => ParentId,
    is_policy_target_id => PolicyTargetId,
    is_email => Email,
    is_role_name => RoleName,
    is_account_name => AccountName,
    is_organizational_unit_name => OrganizationalUnitName,
    is_policy_name => PolicyName,
    is_arn => Arn,
    is_resource_policy_id => ResourcePolicyId,
    is_responsibility_transfer_id => ResponsibilityTransferId,
    is_taggable_resource_id => TaggableResourceId,
    is_tag_key => TagKey,
    is_tag_value => TagValue,
    is_service_principal => ServicePrincipal,
}

/// The value kind of `edition` a caller names (`"AccountId"`); `orgkit.ArgumentError`
/// otherwise, with the core's message (which names the edition that has the kind, if one does).
fn kind_named(py: Python<'_>, kind: &Bound<'_, PyAny>, edition: Edition) -> PyResult<ValueKind> {
    let name = name_argument(py, "kind", kind)?;
    ValueKind::parse_name_in(edition, &name)
        .map_err(|err| argument_error(py, orgkit::error::INVALID_ARGUMENT, err.to_string()))
}

/// Checks many values of one kind at once under `edition`'s rules: a list of booleans, one
/// per value. `values` is any iterable but a `str` or `bytes` (whose items would be
/// characters); at most `orgkit.MAX_BATCH_VALUES` of them. A kind the edition does not have
/// accepts nothing.
#[pyfunction]
#[pyo3(
    signature = (kind, values, *, edition = EditionArg::default()),
    text_signature = "(kind, values, *, edition='current')"
)]
pub fn check_ids(
    py: Python<'_>,
    kind: &Bound<'_, PyAny>,
    values: &Bound<'_, PyAny>,
    edition: EditionArg,
) -> PyResult<Vec<bool>> {
    let edition = edition.0;
    let kind = kind_named(py, kind, edition)?;
    if values.is_instance_of::<PyString>()
        || values.is_instance_of::<pyo3::types::PyBytes>()
        || values.is_instance_of::<pyo3::types::PyByteArray>()
    {
        return Err(argument_error(
            py,
            orgkit::error::INVALID_ARGUMENT,
            format!(
                "values must be a list (or another iterable) of values, not a {}",
                type_label(values)
            ),
        ));
    }
    let too_many = || {
        argument_error(
            py,
            orgkit::error::TOO_MANY_VALUES,
            format!(
                "check_ids takes at most {} values",
                orgkit::ids::MAX_BATCH_VALUES
            ),
        )
    };
    // A stated length decides nothing but the refusal; the list grows as values are read.
    if values
        .len()
        .is_ok_and(|n| n > orgkit::ids::MAX_BATCH_VALUES)
    {
        return Err(too_many());
    }
    let iterator = values.try_iter().map_err(|_| {
        argument_error(
            py,
            orgkit::error::INVALID_ARGUMENT,
            format!("values must be an iterable, not {}", type_label(values)),
        )
    })?;
    let mut out = Vec::new();
    for value in iterator {
        if out.len() == orgkit::ids::MAX_BATCH_VALUES {
            return Err(too_many());
        }
        let value = value?;
        out.push(shielded(py, || Ok(is_kind(kind, edition, &value)))?);
    }
    Ok(out)
}

/// The issues of `value` as a `kind` under `edition`'s rules (`ValueKind::check_in`).
fn value_issues(kind: ValueKind, edition: Edition, value: &Bound<'_, PyAny>) -> Vec<Issue> {
    match text_of(value) {
        Ok(text) => match kind.check_in(edition, &text) {
            Ok(()) => Vec::new(),
            Err(err) => err.issues_at(""),
        },
        Err(issue) => vec![issue],
    }
}

/// Every issue of `value` as a `kind` under the rules of `edition` (`"current"` by default,
/// or `"original"`); empty when it is valid. A kind the edition does not have is one issue
/// naming the edition.
#[pyfunction]
#[pyo3(
    signature = (kind, value, *, edition = EditionArg::default()),
    text_signature = "(kind, value, *, edition='current')"
)]
pub fn validate_value<'py>(
    py: Python<'py>,
    kind: &Bound<'py, PyAny>,
    value: &Bound<'py, PyAny>,
    edition: EditionArg,
) -> PyResult<Bound<'py, PyList>> {
    let kind = kind_named(py, kind, edition.0)?;
    shielded(py, || issue_list(py, &value_issues(kind, edition.0, value)))
}

/// Like `validate_value`, but raises `orgkit.ValidationError` (with every issue) when `value`
/// is not a valid `kind` under `edition`'s rules.
#[pyfunction]
#[pyo3(
    signature = (kind, value, *, edition = EditionArg::default()),
    text_signature = "(kind, value, *, edition='current')"
)]
pub fn check_value(
    py: Python<'_>,
    kind: &Bound<'_, PyAny>,
    value: &Bound<'_, PyAny>,
    edition: EditionArg,
) -> PyResult<()> {
    let kind = kind_named(py, kind, edition.0)?;
    let issues = shielded(py, || Ok(value_issues(kind, edition.0, value)))?;
    if issues.is_empty() {
        Ok(())
    } else {
        Err(validation_error(py, &ValidationError { issues }))
    }
}

/// The names of every kind `check_ids` and `validate_value` accept (the current edition's:
/// all of them).
pub fn kind_names() -> Vec<&'static str> {
    ValueKind::ALL.iter().map(|kind| kind.name()).collect()
}

/// The names of the value kinds `edition` has (`"current"` by default: all of them; the
/// original edition lacks the kinds its models do not know, such as `TagKey`).
#[pyfunction]
#[pyo3(signature = (*, edition = EditionArg::default()), text_signature = "(*, edition='current')")]
pub fn value_kinds(edition: EditionArg) -> Vec<&'static str> {
    edition
        .0
        .value_kinds()
        .iter()
        .map(|kind| kind.name())
        .collect()
}

/// Parses a Python value into a core typed value, raising `orgkit.ValidationError`.
pub fn parse_typed<T>(
    value: &Bound<'_, PyAny>,
    parse: impl FnOnce(&str) -> Result<T, orgkit::ParseError>,
) -> PyResult<T> {
    let py = value.py();
    shielded(py, || {
        let text =
            text_of(value).map_err(|issue| validation_error(py, &ValidationError::from(issue)))?;
        parse(&text).map_err(|err| validation_error(py, &err.into()))
    })
}

macro_rules! value_classes {
    ($($class:ident => $core:ident as $pyname:literal, redacted = $redacted:tt);+ $(;)?) => {
        $(
            #[doc = concat!("A validated `", stringify!($core), "`; `str()` gives the text back. The constructor raises `orgkit.ValidationError`.")]
            #[pyclass(frozen, eq, hash, ord, module = "orgkit", name = $pyname)]
            #[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
            pub struct $class(pub orgkit::$core);

            #[pymethods]
            impl $class {
                #[new]
                #[pyo3(
                    signature = (value, *, edition = EditionArg::default()),
                    text_signature = "(value, *, edition='current')"
                )]
                fn new(value: &Bound<'_, PyAny>, edition: EditionArg) -> PyResult<Self> {
                    // A kind the edition does not have is a wrong argument, as in Node and WASM.
                    if let Err(err) = ValueKind::parse_name_in(edition.0, orgkit::$core::KIND.name()) {
                        return Err(argument_error(value.py(), orgkit::error::INVALID_ARGUMENT, err.to_string()));
                    }
                    parse_typed(value, |text| orgkit::$core::parse_in(edition.0, text)).map($class)
                }

                /// The value as text.
                #[getter]
                fn value(&self) -> &str {
                    self.0.as_str()
                }

                /// The kind of the value, e.g. `"AccountId"`; for `ChildId`, `ParentId` and
                /// `PolicyTargetId`, the kind of ID inside (`"OrganizationalUnitId"`…).
                #[getter]
                fn kind(&self) -> &'static str {
                    self.0.kind().name()
                }

                fn __str__(&self) -> &str {
                    self.0.as_str()
                }

                fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
                    value_classes!(@repr py, self, $core, $redacted)
                }
            }
        )+

        /// Adds every value class to the module.
        pub fn add_value_classes(module: &Bound<'_, PyModule>) -> PyResult<()> {
            $( module.add_class::<$class>()?; )+
            Ok(())
        }
    };
    (@repr $py:ident, $self:ident, $core:ident, true) => {{
        let _ = $py;
        Ok(concat!(stringify!($core), "(<redacted>)").to_owned())
    }};
    (@repr $py:ident, $self:ident, $core:ident, false) => {
        Ok(format!(concat!(stringify!($core), "({})"), python_repr($py, $self.0.as_str())?))
    };
}

value_classes! {
    PyAccountId => AccountId as "AccountId", redacted = false;
    PyOrganizationId => OrganizationId as "OrganizationId", redacted = false;
    PyRootId => RootId as "RootId", redacted = false;
    PyOrganizationalUnitId => OrganizationalUnitId as "OrganizationalUnitId", redacted = false;
    PyPolicyId => PolicyId as "PolicyId", redacted = false;
    PyHandshakeId => HandshakeId as "HandshakeId", redacted = false;
    PyCreateAccountRequestId => CreateAccountRequestId as "CreateAccountRequestId", redacted = false;
    PyChildId => ChildId as "ChildId", redacted = false;
    PyParentId => ParentId as "ParentId", redacted = false;
    PyPolicyTargetId => PolicyTargetId as "PolicyTargetId", redacted = false;
    PyEmail => Email as "Email", redacted = true;
    PyRoleName => RoleName as "RoleName", redacted = false;
    PyAccountName => AccountName as "AccountName", redacted = true;
    PyOrganizationalUnitName => OrganizationalUnitName as "OrganizationalUnitName", redacted = false;
    PyPolicyName => PolicyName as "PolicyName", redacted = false;
    PyResourcePolicyId => ResourcePolicyId as "ResourcePolicyId", redacted = false;
    PyResponsibilityTransferId => ResponsibilityTransferId as "ResponsibilityTransferId", redacted = false;
    PyTaggableResourceId => TaggableResourceId as "TaggableResourceId", redacted = false;
    PyTagKey => TagKey as "TagKey", redacted = false;
    PyTagValue => TagValue as "TagValue", redacted = false;
    PyServicePrincipal => ServicePrincipal as "ServicePrincipal", redacted = false;
}

/// What a schema can say of a value kind under `edition`'s model, from the core's rule
/// (`ValueKind::schema_pattern_in`, `ValueKind::length_bounds`): `(pattern, min_length,
/// max_length)`, each `None` where the rule has none. A kind the edition does not have is
/// `orgkit.ArgumentError`.
#[pyfunction]
#[pyo3(
    signature = (kind, *, edition = EditionArg::default()),
    text_signature = "(kind, *, edition='current')"
)]
pub fn value_kind_schema(
    py: Python<'_>,
    kind: &Bound<'_, PyAny>,
    edition: EditionArg,
) -> PyResult<(Option<String>, Option<usize>, Option<usize>)> {
    let edition = edition.0;
    let kind = kind_named(py, kind, edition)?;
    shielded(py, || {
        let bounds = kind.length_bounds();
        Ok((
            kind.schema_pattern_in(edition),
            bounds.map(|(min, _)| min),
            bounds.map(|(_, max)| max),
        ))
    })
}

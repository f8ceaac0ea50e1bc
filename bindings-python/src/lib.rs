//! The `orgkit._orgkit` native module: a thin pyo3 layer over the `orgkit` crate. Each module
//! here mirrors the core module of the same name and only converts values and errors.

use pyo3::prelude::*;

pub mod arn;
pub mod emulator;
pub mod error;
pub mod handshake;
pub mod ids;
pub mod paginate;
pub mod policy;
pub mod validate;

/// Panics inside a shielded call, so that the tests can check that a panic (an orgkit bug)
/// reaches Python as `orgkit.InternalError` and leaves everything usable. Not public API.
#[pyfunction]
fn _internal_panic(py: Python<'_>, message: String) -> PyResult<()> {
    error::shielded(py, || -> PyResult<()> { panic!("{message}") })
}

#[pymodule]
fn _orgkit(module: &Bound<'_, PyModule>) -> PyResult<()> {
    ids::add_predicates(module)?;
    ids::add_value_classes(module)?;
    module.add_function(wrap_pyfunction!(ids::check_ids, module)?)?;
    module.add_function(wrap_pyfunction!(ids::validate_value, module)?)?;
    module.add_function(wrap_pyfunction!(ids::value_kind_schema, module)?)?;
    module.add_function(wrap_pyfunction!(ids::check_value, module)?)?;
    module.add_function(wrap_pyfunction!(ids::value_kinds, module)?)?;
    module.add("VALUE_KINDS", ids::kind_names())?;
    module.add(
        "EDITIONS",
        pyo3::types::PyTuple::new(module.py(), error::edition_names())?,
    )?;
    module.add("DEFAULT_EDITION", orgkit::Edition::default().name())?;
    module.add(
        "EMULATED_EDITION",
        orgkit::emulator::EMULATED_EDITION.name(),
    )?;
    module.add_class::<arn::PyArn>()?;
    module.add_function(wrap_pyfunction!(arn::parse_arn, module)?)?;
    module.add_function(wrap_pyfunction!(_internal_panic, module)?)?;
    module.add_function(wrap_pyfunction!(validate::validate_request, module)?)?;
    module.add_function(wrap_pyfunction!(validate::check_request, module)?)?;
    module.add_function(wrap_pyfunction!(validate::operations, module)?)?;
    module.add_class::<validate::PyRequestValidator>()?;
    module.add_function(wrap_pyfunction!(handshake::handshake_transitions, module)?)?;
    module.add_function(wrap_pyfunction!(handshake::decide_handshake, module)?)?;
    module.add_function(wrap_pyfunction!(
        handshake::apply_handshake_event_json,
        module
    )?)?;
    module.add_class::<paginate::PyPageWalk>()?;
    module.add_class::<error::PyIssue>()?;
    module.add_class::<emulator::PyEmulator>()?;
    module.add_class::<emulator::PyServer>()?;
    module.add_function(wrap_pyfunction!(emulator::error_names, module)?)?;
    module.add("ERROR_CODES", error::error_codes())?;
    module.add("CALL_ERROR_CODES", error::call_error_codes())?;
    module.add("MAX_ISSUES", orgkit::validate::MAX_ISSUES)?;
    module.add("MAX_BATCH_VALUES", orgkit::ids::MAX_BATCH_VALUES)?;
    module.add("PAGINATION_ERROR_CODES", paginate::pagination_error_codes())?;
    module.add_function(wrap_pyfunction!(policy::check_scp, module)?)?;
    module.add_function(wrap_pyfunction!(policy::evaluate_scps, module)?)?;
    module.add_class::<policy::PyDecision>()?;
    module.add_class::<policy::PyScpEvaluator>()?;
    module.add_class::<policy::PyMatchedStatement>()?;
    module.add_class::<policy::PyMissingAllow>()?;
    module.add_class::<policy::PyLevelOutcome>()?;
    module.add("SCP_ISSUE_CODES", policy::scp_issue_codes())?;
    module.add("MAX_SCP_CHARS", orgkit::policy::MAX_SCP_CHARS)?;
    module.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}

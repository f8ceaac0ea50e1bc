//! Mirrors `orgkit::policy`: `check_scp`, `evaluate_scps` and the `Decision` they explain.
//! Host values are read by the core (`check_scp_input`, `evaluate_input` over `PyInput`);
//! this module only converts the results and maps errors: an argument of the wrong kind is
//! `orgkit.ArgumentError`, documents with issues are `orgkit.ValidationError`.

use orgkit::policy::{
    self, Decision, LevelOutcome, MatchedStatement, PolicyIssue, ScpInputError, ScpRules,
};
use pyo3::prelude::*;
use pyo3::types::{PyList, PyString};

use crate::error::{argument_error, name_argument, shielded, validation_error_with, PyIssue};
use crate::validate::PyInput;

/// A statement that matched a request.
#[pyclass(frozen, eq, module = "orgkit", name = "MatchedStatement")]
#[derive(Clone, PartialEq, Eq)]
pub struct PyMatchedStatement {
    /// The level's index (0 = root).
    #[pyo3(get)]
    level: usize,
    /// The level's target (`r-…`, `ou-…`, an account ID, or a default name).
    #[pyo3(get)]
    target: String,
    /// The policy's ID.
    #[pyo3(get)]
    policy_id: String,
    /// The statement's index in its policy.
    #[pyo3(get)]
    statement: usize,
    /// The statement's `Sid`, or None.
    #[pyo3(get)]
    sid: Option<String>,
}

#[pymethods]
impl PyMatchedStatement {
    fn __repr__(&self) -> String {
        format!(
            "MatchedStatement(level={}, target={:?}, policy_id={:?}, statement={}, sid={})",
            self.level,
            self.target,
            self.policy_id,
            self.statement,
            self.sid
                .as_ref()
                .map_or_else(|| "None".to_owned(), |sid| format!("{sid:?}"))
        )
    }
}

impl From<&MatchedStatement> for PyMatchedStatement {
    fn from(matched: &MatchedStatement) -> Self {
        PyMatchedStatement {
            level: matched.level,
            target: matched.target.clone(),
            policy_id: matched.policy_id.clone(),
            statement: matched.statement,
            sid: matched.sid.clone(),
        }
    }
}

/// The first level at which no `Allow` matched.
#[pyclass(frozen, eq, module = "orgkit", name = "MissingAllow")]
#[derive(Clone, PartialEq, Eq)]
pub struct PyMissingAllow {
    /// The level's index (0 = root).
    #[pyo3(get)]
    level: usize,
    /// The level's target.
    #[pyo3(get)]
    target: String,
}

#[pymethods]
impl PyMissingAllow {
    fn __repr__(&self) -> String {
        format!(
            "MissingAllow(level={}, target={:?})",
            self.level, self.target
        )
    }
}

/// What one level of the tree made of a request.
#[pyclass(frozen, eq, module = "orgkit", name = "LevelOutcome")]
#[derive(Clone, PartialEq, Eq)]
pub struct PyLevelOutcome {
    /// The level's index (0 = root).
    #[pyo3(get)]
    level: usize,
    /// The level's target.
    #[pyo3(get)]
    target: String,
    /// How many SCPs are attached at this level.
    #[pyo3(get)]
    policies: usize,
    /// The first matching `Allow` statement at this level, or None.
    #[pyo3(get)]
    allowed_by: Option<PyMatchedStatement>,
    /// The first matching `Deny` statement at this level, or None.
    #[pyo3(get)]
    denied_by: Option<PyMatchedStatement>,
}

#[pymethods]
impl PyLevelOutcome {
    fn __repr__(&self) -> String {
        format!(
            "LevelOutcome(level={}, target={:?}, allowed={}, denied={})",
            self.level,
            self.target,
            self.allowed_by.is_some(),
            self.denied_by.is_some()
        )
    }
}

impl From<&LevelOutcome> for PyLevelOutcome {
    fn from(outcome: &LevelOutcome) -> Self {
        PyLevelOutcome {
            level: outcome.level,
            target: outcome.target.clone(),
            policies: outcome.policies,
            allowed_by: outcome.allowed_by.as_ref().map(Into::into),
            denied_by: outcome.denied_by.as_ref().map(Into::into),
        }
    }
}

/// Whether SCPs allow a request, and why: `allowed`, the denying statement (`denied_by`),
/// the first level without a matching Allow (`missing_allow_at`), an exemption (`exempt`:
/// `"MANAGEMENT_ACCOUNT"`, `"SERVICE_LINKED_ROLE"` or None), each level's outcome
/// (`levels`), and `explain()`.
#[pyclass(frozen, module = "orgkit", name = "Decision")]
pub struct PyDecision {
    inner: Decision,
}

#[pymethods]
impl PyDecision {
    /// Whether the SCPs allow the request.
    #[getter]
    fn allowed(&self) -> bool {
        self.inner.allowed
    }

    /// The first matching Deny statement (root first), or None.
    #[getter]
    fn denied_by(&self) -> Option<PyMatchedStatement> {
        self.inner.denied_by.as_ref().map(Into::into)
    }

    /// The first level at which no Allow matched, or None.
    #[getter]
    fn missing_allow_at(&self) -> Option<PyMissingAllow> {
        self.inner
            .missing_allow_at
            .as_ref()
            .map(|missing| PyMissingAllow {
                level: missing.level,
                target: missing.target.clone(),
            })
    }

    /// `"MANAGEMENT_ACCOUNT"` or `"SERVICE_LINKED_ROLE"` when the principal is exempt from
    /// SCPs, else None.
    #[getter]
    fn exempt(&self) -> Option<&'static str> {
        self.inner.exempt.map(|exempt| exempt.as_str())
    }

    /// What each level made of the request, root first (empty when exempt or when no SCP
    /// is in effect).
    #[getter]
    fn levels(&self) -> Vec<PyLevelOutcome> {
        self.inner.levels.iter().map(Into::into).collect()
    }

    /// The decision in English: the verdict, then one line per level.
    fn explain(&self) -> String {
        self.inner.explain()
    }

    fn __str__(&self) -> String {
        self.inner.to_string()
    }

    fn __repr__(&self) -> String {
        format!(
            "Decision(allowed={}, {:?})",
            if self.inner.allowed { "True" } else { "False" },
            self.inner.to_string()
        )
    }
}

impl From<Decision> for PyDecision {
    fn from(inner: Decision) -> Self {
        PyDecision { inner }
    }
}

/// The `edition=` argument: `"current"` when absent.
fn edition(py: Python<'_>, value: Option<&Bound<'_, PyAny>>) -> PyResult<ScpRules> {
    let Some(value) = value else {
        return Ok(ScpRules::Current);
    };
    let name = name_argument(py, "edition", value)?;
    ScpRules::from_name(&name).ok_or_else(|| {
        argument_error(
            py,
            orgkit::error::INVALID_ARGUMENT,
            format!("edition must be 'current' or 'original', not {name:?}"),
        )
    })
}

fn issue(issue: &PolicyIssue) -> PyIssue {
    PyIssue {
        path: issue.path.clone(),
        code: issue.code.as_str(),
        message: issue.message.clone(),
    }
}

/// `orgkit.ArgumentError` or `orgkit.ValidationError` (with every document issue).
pub(crate) fn input_error(py: Python<'_>, error: ScpInputError) -> PyErr {
    let message = error.to_string();
    match error {
        ScpInputError::Argument { code, message } => argument_error(py, code, message),
        ScpInputError::InvalidPolicies(issues) => {
            validation_error_with(py, message, issues.iter().map(issue).collect())
        }
    }
}

/// Checks a service control policy (JSON text, or a dict) under an edition's rules
/// (`"current"`, the default, or `"original"`): every issue with its path inside the
/// document, a code and a message; an empty list when the policy is valid.
#[pyfunction]
#[pyo3(signature = (document, *, edition = None))]
pub fn check_scp<'py>(
    py: Python<'py>,
    document: &Bound<'py, PyAny>,
    edition: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyList>> {
    shielded(py, || {
        let rules = self::edition(py, edition)?;
        let issues = policy::check_scp_input(&PyInput(document.clone()), rules)
            .map_err(|err| input_error(py, err))?;
        PyList::new(py, issues.iter().map(issue))
    })
}

/// Whether the SCPs attached from the root down to an account allow a request, and why.
///
/// `levels` lists what is attached at each level, root first and account last: each level is
/// a document (JSON text or a dict), a list of documents, or
/// `{"target": "ou-…", "policies": [document or {"policy_id": "p-…", "document": …}]}`.
/// `context` maps condition keys to a str, bool, number or a list of them; `principal` is
/// `"user"`, `"role"`, `"service_linked_role"` or `"management_account"`. Every document is
/// checked first under the edition's rules; documents with issues raise
/// `orgkit.ValidationError` listing them (paths start with `levels[i]`).
#[pyfunction]
#[pyo3(signature = (levels, action, resource = None, context = None, principal = None, *, edition = None))]
pub fn evaluate_scps<'py>(
    py: Python<'py>,
    levels: &Bound<'py, PyAny>,
    action: &Bound<'py, PyAny>,
    resource: Option<&Bound<'py, PyAny>>,
    context: Option<&Bound<'py, PyAny>>,
    principal: Option<&Bound<'py, PyAny>>,
    edition: Option<&Bound<'py, PyAny>>,
) -> PyResult<PyDecision> {
    shielded(py, || {
        let rules = self::edition(py, edition)?;
        let request = request(py, action, resource, context, principal)?;
        let levels = policy::levels_from_input(&PyInput(levels.clone()), rules)
            .map_err(|err| input_error(py, err))?;
        Ok(PyDecision::from(policy::evaluate(&levels, &request)))
    })
}

/// The request of `Emulator.simulate`, read by the core from the Python arguments.
pub(crate) fn request<'py>(
    py: Python<'py>,
    action: &Bound<'py, PyAny>,
    resource: Option<&Bound<'py, PyAny>>,
    context: Option<&Bound<'py, PyAny>>,
    principal: Option<&Bound<'py, PyAny>>,
) -> PyResult<policy::Request> {
    let action = name_argument(py, "action", action)?;
    let resource = match resource {
        Some(value) => name_argument(py, "resource", value)?.into_owned(),
        None => "*".to_owned(),
    };
    let principal = match principal {
        Some(value) => name_argument(py, "principal", value)?.into_owned(),
        None => "user".to_owned(),
    };
    let context = context.map(|value| PyInput(value.clone()));
    policy::request_from_input(&action, &resource, context.as_ref(), &principal)
        .map_err(|err| input_error(py, err))
}

/// Every SCP issue code, in the core's order.
pub fn scp_issue_codes() -> Vec<&'static str> {
    policy::PolicyIssueCode::ALL
        .iter()
        .map(|code| code.as_str())
        .collect()
}

/// SCPs read and checked once, to evaluate many requests against: `levels` as
/// `evaluate_scps` takes them. `evaluate(...)` answers one request with a `Decision`;
/// `allowed_actions(actions, ...)` answers whether each action of a list is allowed.
#[pyclass(frozen, module = "orgkit", name = "ScpEvaluator")]
pub struct PyScpEvaluator {
    levels: Vec<policy::Level>,
}

#[pymethods]
impl PyScpEvaluator {
    #[new]
    #[pyo3(signature = (levels, *, edition = None))]
    fn new<'py>(
        py: Python<'py>,
        levels: &Bound<'py, PyAny>,
        edition: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Self> {
        shielded(py, || {
            let rules = self::edition(py, edition)?;
            let levels = policy::levels_from_input(&PyInput(levels.clone()), rules)
                .map_err(|err| input_error(py, err))?;
            Ok(PyScpEvaluator { levels })
        })
    }

    /// Whether the SCPs allow one request, and why.
    #[pyo3(signature = (action, resource = None, context = None, principal = None))]
    fn evaluate<'py>(
        &self,
        py: Python<'py>,
        action: &Bound<'py, PyAny>,
        resource: Option<&Bound<'py, PyAny>>,
        context: Option<&Bound<'py, PyAny>>,
        principal: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<PyDecision> {
        shielded(py, || {
            let request = request(py, action, resource, context, principal)?;
            Ok(PyDecision::from(policy::evaluate(&self.levels, &request)))
        })
    }

    /// Whether each action of `actions` (a list or tuple of `service:Action` strings) is
    /// allowed for the same resource, context and principal.
    #[pyo3(signature = (actions, resource = None, context = None, principal = None))]
    fn allowed_actions<'py>(
        &self,
        py: Python<'py>,
        actions: &Bound<'py, PyAny>,
        resource: Option<&Bound<'py, PyAny>>,
        context: Option<&Bound<'py, PyAny>>,
        principal: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Vec<bool>> {
        shielded(py, || {
            let wrong = || {
                argument_error(
                    py,
                    orgkit::error::INVALID_ARGUMENT,
                    "actions must be a list or tuple of str".to_owned(),
                )
            };
            let items: Vec<Bound<'py, PyAny>> = if let Ok(list) = actions.cast::<PyList>() {
                list.iter().collect()
            } else if let Ok(tuple) = actions.cast::<pyo3::types::PyTuple>() {
                tuple.iter().collect()
            } else {
                return Err(wrong());
            };
            let mut request = request(py, &PyString::new(py, "*"), resource, context, principal)?;
            let mut answers = Vec::with_capacity(items.len());
            for item in &items {
                let action = name_argument(py, "each action", item)?;
                if !policy::is_request_action(&action) {
                    return Err(argument_error(
                        py,
                        orgkit::error::INVALID_ARGUMENT,
                        format!("each action must be service:Action, not {action:?}"),
                    ));
                }
                request.action.clear();
                request.action.push_str(&action);
                answers.push(policy::allows(&self.levels, &request));
            }
            Ok(answers)
        })
    }

    fn __repr__(&self) -> String {
        let targets: Vec<&str> = self.levels.iter().map(|l| l.target.as_str()).collect();
        format!("ScpEvaluator(levels={targets:?})")
    }
}

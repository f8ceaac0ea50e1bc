//! Mirrors `orgkit::arn`: `parse_arn` and the `Arn` class with its builders.

use orgkit::{
    AccountId, HandshakeId, OrganizationId, OrganizationalUnitId, Partition, PolicyId,
    ResourcePolicyId, ResponsibilityTransferId, RootId,
};
use pyo3::prelude::*;

use crate::error::{shielded, validation_error, EditionArg};
use crate::ids::{parse_typed, python_repr, text_of};

/// A parsed AWS Organizations ARN. `str()` gives the ARN back exactly.
#[pyclass(frozen, eq, hash, module = "orgkit", name = "Arn")]
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct PyArn(pub orgkit::Arn);

fn partition_named(py: Python<'_>, name: &Bound<'_, PyAny>) -> PyResult<Partition> {
    let text = text_of(name).map_err(|issue| validation_error(py, &issue.into()))?;
    Partition::from_name(&text).ok_or_else(|| {
        let issue = orgkit::Issue {
            path: "partition".to_owned(),
            code: orgkit::ErrorCode::InvalidEnum,
            message: format!("Unknown partition {text:?}; expected aws, aws-cn or aws-us-gov"),
        };
        validation_error(py, &issue.into())
    })
}

#[pymethods]
impl PyArn {
    #[new]
    #[pyo3(
        signature = (value, *, edition = EditionArg::default()),
        text_signature = "(value, *, edition='current')"
    )]
    fn new(value: &Bound<'_, PyAny>, edition: EditionArg) -> PyResult<Self> {
        parse_typed(value, |text| orgkit::Arn::parse_in(edition.0, text)).map(PyArn)
    }

    /// `aws`, `aws-cn` or `aws-us-gov`.
    #[getter]
    fn partition(&self) -> &'static str {
        self.0.partition().as_str()
    }

    /// The account field: the management account's ID, or `aws` for an AWS-managed policy.
    #[getter]
    fn account(&self) -> &str {
        self.0.account_field()
    }

    /// `organization`, `account`, `root`, `ou`, `policy`, `handshake`, or (current edition)
    /// `resourcepolicy` or `transfer`.
    #[getter]
    fn resource_type(&self) -> &'static str {
        self.0.resource_type().as_str()
    }

    /// Whether this is an AWS-managed policy.
    #[getter]
    fn is_aws_managed(&self) -> bool {
        self.0.is_aws_managed()
    }

    /// The organization ID (`None` for an AWS-managed policy).
    #[getter]
    fn organization_id(&self) -> Option<&str> {
        self.0.organization_id().map(OrganizationId::as_str)
    }

    /// The member account of an account ARN.
    #[getter]
    fn account_id(&self) -> Option<&str> {
        self.0.account_id().map(AccountId::as_str)
    }

    /// The root of a root ARN.
    #[getter]
    fn root_id(&self) -> Option<&str> {
        self.0.root_id().map(RootId::as_str)
    }

    /// The OU of an OU ARN.
    #[getter]
    fn organizational_unit_id(&self) -> Option<&str> {
        self.0
            .organizational_unit_id()
            .map(OrganizationalUnitId::as_str)
    }

    /// The policy of a policy ARN.
    #[getter]
    fn policy_id(&self) -> Option<&str> {
        self.0.policy_id().map(PolicyId::as_str)
    }

    /// The policy type segment of a policy ARN, e.g. `service_control_policy`.
    #[getter]
    fn policy_type(&self) -> Option<&str> {
        self.0.policy_type()
    }

    /// The handshake of a handshake ARN.
    #[getter]
    fn handshake_id(&self) -> Option<&str> {
        self.0.handshake_id().map(HandshakeId::as_str)
    }

    /// The handshake type segment of a handshake ARN, e.g. `invite`.
    #[getter]
    fn handshake_type(&self) -> Option<&str> {
        self.0.handshake_type()
    }

    /// The resource policy of a resource policy ARN (current edition).
    #[getter]
    fn resource_policy_id(&self) -> Option<&str> {
        self.0.resource_policy_id().map(ResourcePolicyId::as_str)
    }

    /// The transfer of a responsibility transfer ARN (current edition).
    #[getter]
    fn responsibility_transfer_id(&self) -> Option<&str> {
        self.0
            .responsibility_transfer_id()
            .map(ResponsibilityTransferId::as_str)
    }

    /// The type segment of a responsibility transfer ARN (`billing`).
    #[getter]
    fn transfer_type(&self) -> Option<&str> {
        self.0.transfer_type()
    }

    /// The direction segment of a responsibility transfer ARN (`inbound` or `outbound`).
    #[getter]
    fn transfer_direction(&self) -> Option<&str> {
        self.0.transfer_direction()
    }

    fn __str__(&self) -> String {
        self.0.to_string()
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!("Arn({})", python_repr(py, &self.0.to_string())?))
    }

    /// The ARN of an organization.
    #[staticmethod]
    fn build_organization(
        py: Python<'_>,
        partition: &Bound<'_, PyAny>,
        management_account: &Bound<'_, PyAny>,
        organization_id: &Bound<'_, PyAny>,
    ) -> PyResult<Self> {
        shielded(py, || {
            Ok(PyArn(orgkit::Arn::organization(
                partition_named(py, partition)?,
                parse_typed(management_account, AccountId::parse)?,
                parse_typed(organization_id, OrganizationId::parse)?,
            )))
        })
    }

    /// The ARN of a member account.
    #[staticmethod]
    fn build_account(
        py: Python<'_>,
        partition: &Bound<'_, PyAny>,
        management_account: &Bound<'_, PyAny>,
        organization_id: &Bound<'_, PyAny>,
        account_id: &Bound<'_, PyAny>,
    ) -> PyResult<Self> {
        shielded(py, || {
            Ok(PyArn(orgkit::Arn::account(
                partition_named(py, partition)?,
                parse_typed(management_account, AccountId::parse)?,
                parse_typed(organization_id, OrganizationId::parse)?,
                parse_typed(account_id, AccountId::parse)?,
            )))
        })
    }

    /// The ARN of a root.
    #[staticmethod]
    fn build_root(
        py: Python<'_>,
        partition: &Bound<'_, PyAny>,
        management_account: &Bound<'_, PyAny>,
        organization_id: &Bound<'_, PyAny>,
        root_id: &Bound<'_, PyAny>,
    ) -> PyResult<Self> {
        shielded(py, || {
            Ok(PyArn(orgkit::Arn::root(
                partition_named(py, partition)?,
                parse_typed(management_account, AccountId::parse)?,
                parse_typed(organization_id, OrganizationId::parse)?,
                parse_typed(root_id, RootId::parse)?,
            )))
        })
    }

    /// The ARN of an organizational unit.
    #[staticmethod]
    fn build_organizational_unit(
        py: Python<'_>,
        partition: &Bound<'_, PyAny>,
        management_account: &Bound<'_, PyAny>,
        organization_id: &Bound<'_, PyAny>,
        organizational_unit_id: &Bound<'_, PyAny>,
    ) -> PyResult<Self> {
        shielded(py, || {
            Ok(PyArn(orgkit::Arn::organizational_unit(
                partition_named(py, partition)?,
                parse_typed(management_account, AccountId::parse)?,
                parse_typed(organization_id, OrganizationId::parse)?,
                parse_typed(organizational_unit_id, OrganizationalUnitId::parse)?,
            )))
        })
    }

    /// The ARN of a customer-managed policy.
    #[staticmethod]
    fn build_policy(
        py: Python<'_>,
        partition: &Bound<'_, PyAny>,
        management_account: &Bound<'_, PyAny>,
        organization_id: &Bound<'_, PyAny>,
        policy_type: &str,
        policy_id: &Bound<'_, PyAny>,
    ) -> PyResult<Self> {
        shielded(py, || {
            orgkit::Arn::policy(
                partition_named(py, partition)?,
                parse_typed(management_account, AccountId::parse)?,
                parse_typed(organization_id, OrganizationId::parse)?,
                policy_type,
                parse_typed(policy_id, PolicyId::parse)?,
            )
            .map(PyArn)
            .map_err(|err| validation_error(py, &err.into()))
        })
    }

    /// The ARN of an AWS-managed policy (account field `aws`).
    #[staticmethod]
    fn build_aws_managed_policy(
        py: Python<'_>,
        partition: &Bound<'_, PyAny>,
        policy_type: &str,
        policy_id: &Bound<'_, PyAny>,
    ) -> PyResult<Self> {
        shielded(py, || {
            orgkit::Arn::aws_managed_policy(
                partition_named(py, partition)?,
                policy_type,
                parse_typed(policy_id, PolicyId::parse)?,
            )
            .map(PyArn)
            .map_err(|err| validation_error(py, &err.into()))
        })
    }

    /// The ARN of a handshake.
    #[staticmethod]
    fn build_handshake(
        py: Python<'_>,
        partition: &Bound<'_, PyAny>,
        management_account: &Bound<'_, PyAny>,
        organization_id: &Bound<'_, PyAny>,
        handshake_type: &str,
        handshake_id: &Bound<'_, PyAny>,
    ) -> PyResult<Self> {
        shielded(py, || {
            orgkit::Arn::handshake(
                partition_named(py, partition)?,
                parse_typed(management_account, AccountId::parse)?,
                parse_typed(organization_id, OrganizationId::parse)?,
                handshake_type,
                parse_typed(handshake_id, HandshakeId::parse)?,
            )
            .map(PyArn)
            .map_err(|err| validation_error(py, &err.into()))
        })
    }

    /// The ARN of an organization's resource policy (current edition).
    #[staticmethod]
    fn build_resource_policy(
        py: Python<'_>,
        partition: &Bound<'_, PyAny>,
        management_account: &Bound<'_, PyAny>,
        organization_id: &Bound<'_, PyAny>,
        resource_policy_id: &Bound<'_, PyAny>,
    ) -> PyResult<Self> {
        shielded(py, || {
            Ok(PyArn(orgkit::Arn::resource_policy(
                partition_named(py, partition)?,
                parse_typed(management_account, AccountId::parse)?,
                parse_typed(organization_id, OrganizationId::parse)?,
                parse_typed(resource_policy_id, ResourcePolicyId::parse)?,
            )))
        })
    }

    /// The ARN of a responsibility transfer (current edition); `direction` is `inbound` or
    /// `outbound`.
    #[staticmethod]
    fn build_responsibility_transfer(
        py: Python<'_>,
        partition: &Bound<'_, PyAny>,
        management_account: &Bound<'_, PyAny>,
        organization_id: &Bound<'_, PyAny>,
        direction: &str,
        transfer_id: &Bound<'_, PyAny>,
    ) -> PyResult<Self> {
        shielded(py, || {
            orgkit::Arn::responsibility_transfer(
                partition_named(py, partition)?,
                parse_typed(management_account, AccountId::parse)?,
                parse_typed(organization_id, OrganizationId::parse)?,
                direction,
                parse_typed(transfer_id, ResponsibilityTransferId::parse)?,
            )
            .map(PyArn)
            .map_err(|err| validation_error(py, &err.into()))
        })
    }
}

/// Parses an Organizations ARN of `edition` (default `"current"`, whose resource policy and
/// responsibility transfer forms the original edition lacks); raises `orgkit.ValidationError`
/// when it is not one.
#[pyfunction]
#[pyo3(
    signature = (value, *, edition = EditionArg::default()),
    text_signature = "(value, *, edition='current')"
)]
pub fn parse_arn(value: &Bound<'_, PyAny>, edition: EditionArg) -> PyResult<PyArn> {
    parse_typed(value, |text| orgkit::Arn::parse_in(edition.0, text)).map(PyArn)
}

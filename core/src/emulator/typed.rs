//! Typed Rust calls: the generated request and response structures instead of JSON.
//!
//! Each method serializes its request, runs it through [`Emulator::call`] (so it is validated
//! like any other call) and parses the response into the generated type.

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

use super::{Emulator, EmulatorError, ServiceError};
use crate::generated::original::{account, chime, organizations};

fn run<Req: Serialize, Resp: DeserializeOwned>(
    emulator: &Emulator,
    service: &str,
    operation: &str,
    caller: &str,
    request: &Req,
) -> Result<Resp, EmulatorError> {
    let input = serde_json::to_value(request).map_err(|err| {
        ServiceError::new(
            "SerializationException",
            format!("the request does not serialize: {err}"),
        )
    })?;
    let output = emulator.call(service, operation, caller, &input)?;
    let empty = output.as_object().is_some_and(|body| body.is_empty());
    if empty {
        if let Ok(unit) = serde_json::from_value::<Resp>(Value::Null) {
            return Ok(unit);
        }
    }
    serde_json::from_value(output).map_err(|err| {
        ServiceError::new(
            "ServiceException",
            format!("the emulator's {operation} response does not fit the model: {err}"),
        )
        .into()
    })
}

macro_rules! typed_client {
    ($(#[$doc:meta])* $client:ident, $service:literal, { $($method:ident => $operation:literal ($request:ty) -> $response:ty;)* }) => {
        $(#[$doc])*
        #[derive(Debug, Clone)]
        pub struct $client<'e> {
            emulator: &'e Emulator,
            caller: String,
        }

        impl<'e> $client<'e> {
            pub(super) fn new(emulator: &'e Emulator, caller: &str) -> Self {
                Self { emulator, caller: caller.to_owned() }
            }

            /// The account the calls are made as.
            pub fn caller(&self) -> &str {
                &self.caller
            }

            $(
                #[doc = concat!("`", $operation, "` as the client's caller.")]
                pub fn $method(&self, request: &$request) -> Result<$response, EmulatorError> {
                    run(self.emulator, $service, $operation, &self.caller, request)
                }
            )*
        }
    };
}

typed_client!(
    /// Typed AWS Organizations calls as one account.
    OrganizationsClient, "organizations", {
    accept_handshake => "AcceptHandshake" (organizations::AcceptHandshakeRequest) -> organizations::AcceptHandshakeResponse;
    attach_policy => "AttachPolicy" (organizations::AttachPolicyRequest) -> ();
    cancel_handshake => "CancelHandshake" (organizations::CancelHandshakeRequest) -> organizations::CancelHandshakeResponse;
    create_account => "CreateAccount" (organizations::CreateAccountRequest) -> organizations::CreateAccountResponse;
    create_organization => "CreateOrganization" (organizations::CreateOrganizationRequest) -> organizations::CreateOrganizationResponse;
    create_organizational_unit => "CreateOrganizationalUnit" (organizations::CreateOrganizationalUnitRequest) -> organizations::CreateOrganizationalUnitResponse;
    create_policy => "CreatePolicy" (organizations::CreatePolicyRequest) -> organizations::CreatePolicyResponse;
    decline_handshake => "DeclineHandshake" (organizations::DeclineHandshakeRequest) -> organizations::DeclineHandshakeResponse;
    delete_organization => "DeleteOrganization" (()) -> ();
    delete_organizational_unit => "DeleteOrganizationalUnit" (organizations::DeleteOrganizationalUnitRequest) -> ();
    delete_policy => "DeletePolicy" (organizations::DeletePolicyRequest) -> ();
    describe_account => "DescribeAccount" (organizations::DescribeAccountRequest) -> organizations::DescribeAccountResponse;
    describe_create_account_status => "DescribeCreateAccountStatus" (organizations::DescribeCreateAccountStatusRequest) -> organizations::DescribeCreateAccountStatusResponse;
    describe_handshake => "DescribeHandshake" (organizations::DescribeHandshakeRequest) -> organizations::DescribeHandshakeResponse;
    describe_organization => "DescribeOrganization" (()) -> organizations::DescribeOrganizationResponse;
    describe_organizational_unit => "DescribeOrganizationalUnit" (organizations::DescribeOrganizationalUnitRequest) -> organizations::DescribeOrganizationalUnitResponse;
    describe_policy => "DescribePolicy" (organizations::DescribePolicyRequest) -> organizations::DescribePolicyResponse;
    detach_policy => "DetachPolicy" (organizations::DetachPolicyRequest) -> ();
    disable_policy_type => "DisablePolicyType" (organizations::DisablePolicyTypeRequest) -> organizations::DisablePolicyTypeResponse;
    enable_all_features => "EnableAllFeatures" (organizations::EnableAllFeaturesRequest) -> organizations::EnableAllFeaturesResponse;
    enable_policy_type => "EnablePolicyType" (organizations::EnablePolicyTypeRequest) -> organizations::EnablePolicyTypeResponse;
    invite_account_to_organization => "InviteAccountToOrganization" (organizations::InviteAccountToOrganizationRequest) -> organizations::InviteAccountToOrganizationResponse;
    leave_organization => "LeaveOrganization" (()) -> ();
    list_accounts => "ListAccounts" (organizations::ListAccountsRequest) -> organizations::ListAccountsResponse;
    list_accounts_for_parent => "ListAccountsForParent" (organizations::ListAccountsForParentRequest) -> organizations::ListAccountsForParentResponse;
    list_children => "ListChildren" (organizations::ListChildrenRequest) -> organizations::ListChildrenResponse;
    list_create_account_status => "ListCreateAccountStatus" (organizations::ListCreateAccountStatusRequest) -> organizations::ListCreateAccountStatusResponse;
    list_handshakes_for_account => "ListHandshakesForAccount" (organizations::ListHandshakesForAccountRequest) -> organizations::ListHandshakesForAccountResponse;
    list_handshakes_for_organization => "ListHandshakesForOrganization" (organizations::ListHandshakesForOrganizationRequest) -> organizations::ListHandshakesForOrganizationResponse;
    list_organizational_units_for_parent => "ListOrganizationalUnitsForParent" (organizations::ListOrganizationalUnitsForParentRequest) -> organizations::ListOrganizationalUnitsForParentResponse;
    list_parents => "ListParents" (organizations::ListParentsRequest) -> organizations::ListParentsResponse;
    list_policies => "ListPolicies" (organizations::ListPoliciesRequest) -> organizations::ListPoliciesResponse;
    list_policies_for_target => "ListPoliciesForTarget" (organizations::ListPoliciesForTargetRequest) -> organizations::ListPoliciesForTargetResponse;
    list_roots => "ListRoots" (organizations::ListRootsRequest) -> organizations::ListRootsResponse;
    list_targets_for_policy => "ListTargetsForPolicy" (organizations::ListTargetsForPolicyRequest) -> organizations::ListTargetsForPolicyResponse;
    move_account => "MoveAccount" (organizations::MoveAccountRequest) -> ();
    remove_account_from_organization => "RemoveAccountFromOrganization" (organizations::RemoveAccountFromOrganizationRequest) -> ();
    update_organizational_unit => "UpdateOrganizationalUnit" (organizations::UpdateOrganizationalUnitRequest) -> organizations::UpdateOrganizationalUnitResponse;
    update_policy => "UpdatePolicy" (organizations::UpdatePolicyRequest) -> organizations::UpdatePolicyResponse;
});

typed_client!(
    /// Typed Account (alternate contact) calls as one account.
    AccountClient, "account", {
    delete_alternate_contact => "DeleteAlternateContact" (account::DeleteAlternateContactRequest) -> ();
    get_alternate_contact => "GetAlternateContact" (account::GetAlternateContactRequest) -> account::GetAlternateContactResponse;
    put_alternate_contact => "PutAlternateContact" (account::PutAlternateContactRequest) -> ();
});

typed_client!(
    /// Typed Amazon Chime account calls as one AWS account.
    ChimeClient, "chime", {
    create_account => "CreateAccount" (chime::CreateAccountRequest) -> chime::CreateAccountResponse;
    get_account => "GetAccount" (chime::GetAccountRequest) -> chime::GetAccountResponse;
    list_accounts => "ListAccounts" (chime::ListAccountsRequest) -> chime::ListAccountsResponse;
    update_account => "UpdateAccount" (chime::UpdateAccountRequest) -> chime::UpdateAccountResponse;
});

"""Annotated types for pydantic v2 models: orgkit's validators as field types.

    from pydantic import BaseModel
    from orgkit.pydantic import AccountIdStr, EmailStr

    class Member(BaseModel):
        account_id: AccountIdStr
        email: EmailStr

A value that breaks a rule fails validation with orgkit's issue code as the pydantic error
`type` (e.g. `INVALID_PATTERN`) and orgkit's message as `msg`; a value that is not a `str` is
pydantic's own `string_type` error. The JSON schema of each type carries the core's pattern and
lengths for the kind (`orgkit.value_kind_schema`). The types follow the current edition's rules
(the default); `Annotated[str, OrgkitStr("Email", edition="original")]` checks by the original
edition's. Needs `pydantic>=2` (not a dependency of orgkit).
"""

from __future__ import annotations

from typing import Annotated, Any, Callable

from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import PydanticCustomError, core_schema

from ._orgkit import DEFAULT_EDITION, validate_value, value_kind_schema

__all__ = [
    "OrgkitStr",
    "AccountIdStr",
    "OrganizationIdStr",
    "RootIdStr",
    "OrganizationalUnitIdStr",
    "PolicyIdStr",
    "HandshakeIdStr",
    "CreateAccountRequestIdStr",
    "ChildIdStr",
    "ParentIdStr",
    "PolicyTargetIdStr",
    "EmailStr",
    "RoleNameStr",
    "AccountNameStr",
    "OrganizationalUnitNameStr",
    "PolicyNameStr",
    "ArnStr",
    "ResourcePolicyIdStr",
    "ResponsibilityTransferIdStr",
    "TaggableResourceIdStr",
    "TagKeyStr",
    "TagValueStr",
    "ServicePrincipalStr",
]

class OrgkitStr:
    """The pydantic annotation behind each type here: `Annotated[str, OrgkitStr("AccountId")]`
    checks a `str` with orgkit's validator of that kind (one of `orgkit.value_kinds(edition=...)`)
    under the rules of `edition` (`"current"` by default, or `"original"`)."""

    def __init__(self, kind: str, *, edition: str = DEFAULT_EDITION) -> None:
        # An unknown kind, an unknown edition or a kind the edition lacks is refused here, at
        # import (orgkit.ArgumentError).
        value_kind_schema(kind, edition=edition)
        self.kind = kind
        self.edition = edition

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        return core_schema.no_info_after_validator_function(
            self._validator(), core_schema.str_schema()
        )

    def __get_pydantic_json_schema__(
        self, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        json_schema = handler(schema)
        # The core's own rule for the kind, so the schema cannot drift from the checks.
        pattern, min_length, max_length = value_kind_schema(self.kind, edition=self.edition)
        if pattern is not None:
            json_schema["pattern"] = pattern
        if min_length is not None:
            json_schema["minLength"] = min_length
        if max_length is not None:
            json_schema["maxLength"] = max_length
        json_schema.setdefault("description", f"An AWS {self.kind} (checked by orgkit)")
        return json_schema

    def _validator(self) -> Callable[[str], str]:
        kind, edition = self.kind, self.edition

        def check(value: str) -> str:
            issues = validate_value(kind, value, edition=edition)
            if issues:
                first = issues[0]
                raise PydanticCustomError(
                    first.code,
                    "{message}",
                    {"message": first.message, "kind": kind, "code": first.code},
                )
            return value

        return check

    def __repr__(self) -> str:
        if self.edition == DEFAULT_EDITION:
            return f"OrgkitStr({self.kind!r})"
        return f"OrgkitStr({self.kind!r}, edition={self.edition!r})"


AccountIdStr = Annotated[str, OrgkitStr("AccountId")]
"""A 12-digit account ID."""
OrganizationIdStr = Annotated[str, OrgkitStr("OrganizationId")]
"""An organization ID, `o-` and 10–32 lower-case letters or digits."""
RootIdStr = Annotated[str, OrgkitStr("RootId")]
"""A root ID, `r-…`."""
OrganizationalUnitIdStr = Annotated[str, OrgkitStr("OrganizationalUnitId")]
"""An OU ID, `ou-<root part>-<unit part>`."""
PolicyIdStr = Annotated[str, OrgkitStr("PolicyId")]
"""A policy ID, `p-…` (including `p-FullAWSAccess`)."""
HandshakeIdStr = Annotated[str, OrgkitStr("HandshakeId")]
"""A handshake ID, `h-…`."""
CreateAccountRequestIdStr = Annotated[str, OrgkitStr("CreateAccountRequestId")]
"""A CreateAccount request ID, `car-…`."""
ChildIdStr = Annotated[str, OrgkitStr("ChildId")]
"""An account or OU ID."""
ParentIdStr = Annotated[str, OrgkitStr("ParentId")]
"""A root or OU ID."""
PolicyTargetIdStr = Annotated[str, OrgkitStr("PolicyTargetId")]
"""A root, OU or account ID."""
EmailStr = Annotated[str, OrgkitStr("Email")]
"""An account's root email address, by the current Organizations rule (6–64 characters,
`[^\\s@]+@[^\\s@]+\\.[^\\s@]+`)."""
RoleNameStr = Annotated[str, OrgkitStr("RoleName")]
"""An IAM role name, `[\\w+=,.@-]{1,64}`."""
AccountNameStr = Annotated[str, OrgkitStr("AccountName")]
"""An account name: 1–50 printable ASCII characters."""
OrganizationalUnitNameStr = Annotated[str, OrgkitStr("OrganizationalUnitName")]
"""An OU name: 1–128 printable ASCII characters."""
PolicyNameStr = Annotated[str, OrgkitStr("PolicyName")]
"""A policy name: 1–128 printable ASCII characters."""
ArnStr = Annotated[str, OrgkitStr("Arn")]
"""An Organizations ARN."""
ResourcePolicyIdStr = Annotated[str, OrgkitStr("ResourcePolicyId")]
"""A resource policy ID, `rp-` and 4–128 letters, digits or `_`."""
ResponsibilityTransferIdStr = Annotated[str, OrgkitStr("ResponsibilityTransferId")]
"""A responsibility transfer ID, `rt-` and 8–32 lower-case letters or digits."""
TaggableResourceIdStr = Annotated[str, OrgkitStr("TaggableResourceId")]
"""What can be tagged: a root, account, OU, policy, resource policy or responsibility transfer ID."""
TagKeyStr = Annotated[str, OrgkitStr("TagKey")]
"""A tag key: 1–128 Unicode letters, numbers, separators or `_ . : / = + - @`."""
TagValueStr = Annotated[str, OrgkitStr("TagValue")]
"""A tag value: up to 256 of the characters a tag key may hold."""
ServicePrincipalStr = Annotated[str, OrgkitStr("ServicePrincipal")]
"""An AWS service principal such as `config.amazonaws.com`."""

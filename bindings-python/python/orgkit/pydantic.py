"""Annotated types for pydantic v2 models: orgkit's validators as field types.

    from pydantic import BaseModel
    from orgkit.pydantic import AccountIdStr, EmailStr

    class Member(BaseModel):
        account_id: AccountIdStr
        email: EmailStr

A value that breaks a rule fails validation with orgkit's issue code as the pydantic error
`type` (e.g. `INVALID_PATTERN`) and orgkit's message as `msg`; a value that is not a `str` is
pydantic's own `string_type` error. The JSON schema of each type carries the rule's pattern
and lengths where the model has them. Needs `pydantic>=2` (not a dependency of orgkit).
"""

from __future__ import annotations

from typing import Annotated, Any, Callable

from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import PydanticCustomError, core_schema

from ._orgkit import validate_value

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
]

# The JSON-schema facts of each kind, as the 2016-11-28 / 2021 models state them (the
# validators themselves are the Rust core's; these only describe them to schema readers).
_SCHEMA: dict[str, dict[str, Any]] = {
    "AccountId": {"pattern": "^\\d{12}$", "maxLength": 12},
    "OrganizationId": {"pattern": "^o-[a-z0-9]{10,32}$"},
    "RootId": {"pattern": "^r-[0-9a-z]{4,32}$"},
    "OrganizationalUnitId": {"pattern": "^ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}$"},
    "PolicyId": {"pattern": "^p-[0-9a-zA-Z_]{8,128}$"},
    "HandshakeId": {"pattern": "^h-[0-9a-z]{8,32}$"},
    "CreateAccountRequestId": {"pattern": "^car-[a-z0-9]{8,32}$"},
    # The unions anchored as a whole (DESIGN rule 3), not as the 2017 model writes them.
    "ChildId": {"pattern": "^(\\d{12}|ou-[0-9a-z]{4,32}-[a-z0-9]{8,32})$"},
    "ParentId": {"pattern": "^(r-[0-9a-z]{4,32}|ou-[0-9a-z]{4,32}-[a-z0-9]{8,32})$"},
    "PolicyTargetId": {"pattern": "^(r-[0-9a-z]{4,32}|\\d{12}|ou-[0-9a-z]{4,32}-[a-z0-9]{8,32})$"},
    "Email": {"minLength": 6, "maxLength": 64},
    "RoleName": {"pattern": "^[\\w+=,.@-]{1,64}$"},
    "AccountName": {"pattern": "^[\\x20-\\x7E]+$", "minLength": 1, "maxLength": 50},
    "OrganizationalUnitName": {"pattern": "^[\\x20-\\x7E]+$", "minLength": 1, "maxLength": 128},
    "PolicyName": {"pattern": "^[\\x20-\\x7E]+$", "minLength": 1, "maxLength": 128},
    "Arn": {"pattern": "^arn:aws:organizations::.+:.+"},
}


class OrgkitStr:
    """The pydantic annotation behind each type here: `Annotated[str, OrgkitStr("AccountId")]`
    checks a `str` with orgkit's validator of that kind (one of `orgkit.VALUE_KINDS`)."""

    def __init__(self, kind: str) -> None:
        validate_value(kind, "")  # an unknown kind is refused here, at import
        self.kind = kind

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
        json_schema.update(_SCHEMA.get(self.kind, {}))
        json_schema.setdefault("description", f"An AWS {self.kind} (checked by orgkit)")
        return json_schema

    def _validator(self) -> Callable[[str], str]:
        kind = self.kind

        def check(value: str) -> str:
            issues = validate_value(kind, value)
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
        return f"OrgkitStr({self.kind!r})"


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
"""An account's root email address, by the Organizations rule (6–64 characters)."""
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

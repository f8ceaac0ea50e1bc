"""Request validation from Python, per edition: orgkit's original and current editions side by
side on the same requests, against botocore's own validator (on each edition's operation model)
and against the pydantic models of `aws-resource-validator-organizations`. Prints a table of ns
per call and ratios, then what each tool reports for one bad request. Nothing is asserted.

Run: `make bench` (installs botocore and aws-resource-validator-organizations into .venv).
"""

from __future__ import annotations

import json
import timeit
from pathlib import Path
from typing import Callable

import botocore.model
import botocore.validate
import pydantic
from aws_resource_validator.pydantic_models.organizations import organizations_classes as arv

import orgkit

ROOT = Path(__file__).resolve().parents[2]
MODELS = {
    "original": "core/models/organizations-2016-11-28.2017-02.json",
    "current": "core/models/organizations-2016-11-28.latest.json",
}
SERVICES = {
    edition: botocore.model.ServiceModel(json.loads((ROOT / path).read_text()), service_name="organizations")
    for edition, path in MODELS.items()
}

CREATE_VALID = {
    "Email": "finance-prod@example.com",
    "AccountName": "Finance production",
    "RoleName": "OrganizationAccountAccessRole",
    "IamUserAccessToBilling": "DENY",
}
CREATE_INVALID = {
    "Email": "finance prod@example",
    "AccountName": "Caf\u00e9",
    "RoleName": "Admin Role",
    "IamUserAccessToBilling": "MAYBE",
}
INVITE_VALID = {"Target": {"Id": "123456789012", "Type": "ACCOUNT"}, "Notes": "Welcome"}
INVITE_INVALID = {"Target": {"Id": "someone@example.com", "Type": "ACCOUNT"}}


def botocore_check(operation: str, edition: str = "current") -> Callable[[dict], object]:
    shape = SERVICES[edition].operation_model(operation).input_shape

    def check(params: dict) -> object:
        try:
            botocore.validate.validate_parameters(params, shape)
        except botocore.exceptions.ParamValidationError as error:
            return str(error)
        return None

    return check


def pydantic_check(model: type[pydantic.BaseModel]) -> Callable[[dict], object]:
    def check(params: dict) -> object:
        try:
            model.model_validate(params)
        except pydantic.ValidationError as error:
            return error.errors()
        return None

    return check


def orgkit_check(operation: str, edition: str = "current") -> Callable[[dict], object]:
    # Looked up once, like botocore's input shape and the pydantic model class.
    return orgkit.RequestValidator("organizations", operation, edition=edition)


def per_call_ns(fn: Callable[[], object], number: int = 20_000, repeat: int = 5) -> float:
    return min(timeit.repeat(fn, number=number, repeat=repeat)) / number * 1e9


def main() -> None:
    cases = [
        ("CreateAccount, valid", "CreateAccount", arv.CreateAccountRequestTypeDef, CREATE_VALID),
        ("CreateAccount, 4 problems", "CreateAccount", arv.CreateAccountRequestTypeDef, CREATE_INVALID),
        ("InviteAccountToOrganization, valid", "InviteAccountToOrganization",
         arv.InviteAccountToOrganizationRequestTypeDef, INVITE_VALID),
        ("Invite, ACCOUNT target with an email", "InviteAccountToOrganization",
         arv.InviteAccountToOrganizationRequestTypeDef, INVITE_INVALID),
    ]
    print(f"orgkit {orgkit.__version__}, botocore {botocore.__version__}, pydantic {pydantic.VERSION}; "
          "ns per call, best of 5 rounds of 20,000; botocore on the same edition's model\n")
    header = (f"{'request':<38} {'original':>9} {'current':>9} {'cur/orig':>9} "
              f"{'botocore':>10} {'vs botocore':>12} {'pydantic':>10} {'vs pydantic':>12}")
    print(header)
    print("-" * len(header))
    for name, operation, model, params in cases:
        # Each checker is built once, outside the timing: lookups are not what is measured.
        original_check, current_check = orgkit_check(operation, "original"), orgkit_check(operation, "current")
        boto_check, pyd_check = botocore_check(operation, "current"), pydantic_check(model)
        original = per_call_ns(lambda: original_check(params))
        current = per_call_ns(lambda: current_check(params))
        boto = per_call_ns(lambda: boto_check(params))
        pyd = per_call_ns(lambda: pyd_check(params))
        print(f"{name:<38} {original:>9.0f} {current:>9.0f} {current / original:>8.2f}x "
              f"{boto:>10.0f} {boto / current:>11.1f}x {pyd:>10.0f} {pyd / current:>11.1f}x")

    print("\nWhat each reports for the bad CreateAccount request", json.dumps(CREATE_INVALID, ensure_ascii=False))
    ours = orgkit_check("CreateAccount")(CREATE_INVALID)
    print(f"  orgkit:   {len(ours)} issues: " + "; ".join(f"{i.path} {i.code}" for i in ours))  # type: ignore[union-attr]
    boto = botocore_check("CreateAccount")(CREATE_INVALID)
    print(f"  botocore: {'no error' if boto is None else boto}")
    pyd = pydantic_check(arv.CreateAccountRequestTypeDef)(CREATE_INVALID)
    print(f"  pydantic: {'no error' if pyd is None else str(len(pyd)) + ' errors: ' + '; '.join(str(e['loc'][0]) + ' ' + e['type'] for e in pyd)}")  # type: ignore[index,union-attr]
    print("\nAnd for the invitation of an ACCOUNT target whose Id is an email address:")
    ours = orgkit_check("InviteAccountToOrganization")(INVITE_INVALID)
    print(f"  orgkit:   {len(ours)} issues: " + "; ".join(f"{i.path} {i.code}" for i in ours))  # type: ignore[union-attr]
    boto = botocore_check("InviteAccountToOrganization")(INVITE_INVALID)
    print(f"  botocore: {'no error' if boto is None else boto}")
    pyd = pydantic_check(arv.InviteAccountToOrganizationRequestTypeDef)(INVITE_INVALID)
    print(f"  pydantic: {'no error' if pyd is None else pyd}")


if __name__ == "__main__":
    main()

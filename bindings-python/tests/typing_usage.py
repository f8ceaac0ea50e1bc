"""Checked by `mypy --strict` in CI (not run by pytest): the emulator's clients are typed per
service, so these calls type-check and the marked mistakes do not."""

from __future__ import annotations

from datetime import datetime

import orgkit
from orgkit.emulator_types import OrganizationsAccount


def typed_calls() -> str:
    emu = orgkit.Emulator(seed=1)
    org = emu.client("organizations", caller="111111111111")
    created = org.create_organization(FeatureSet="ALL")
    organization_id: str = created["Organization"]["Id"]
    root = org.list_roots()["Roots"][0]["Id"]
    status = org.create_account(Email="dev@example.com", AccountName="Dev")["CreateAccountStatus"]
    requested: datetime = status["RequestedTimestamp"]
    accounts: list[OrganizationsAccount] = org.list_accounts(MaxResults=5)["Accounts"]
    org.move_account(AccountId="123456789012", SourceParentId=root, DestinationParentId=root)
    chime = emu.client("chime", caller="111111111111")
    license_ = chime.create_account(Name="Team")["Account"]["DefaultLicense"]
    contacts = emu.client("account", caller="111111111111")
    contacts.delete_alternate_contact(AlternateContactType="BILLING")
    org.create_organizational_unit(Name="no parent")  # type: ignore[call-arg]
    org.create_organization(FeatureSet="SOME")  # type: ignore[arg-type]
    org.list_roots(MaxResults="5")  # type: ignore[arg-type]
    emu.client("iam", caller="111111111111")  # type: ignore[call-overload]
    return f"{organization_id}{requested}{len(accounts)}{license_}"

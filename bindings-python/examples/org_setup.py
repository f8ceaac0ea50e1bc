"""An ordinary boto3 script with no trace of orgkit: it builds an organization with an OU,
creates an account, waits for it, and configures it through the role CreateAccount made.

`make demo` runs it unmodified against orgkit's emulator (examples/run_unmodified.py);
pointed at a real management account it would do the same there.
"""

import time

import boto3

org = boto3.client("organizations")
org.create_organization(FeatureSet="ALL")
root_id = org.list_roots()["Roots"][0]["Id"]
ou = org.create_organizational_unit(ParentId=root_id, Name="Workloads")["OrganizationalUnit"]
print(f"organization with root {root_id} and OU {ou['Name']} ({ou['Id']})")

status = org.create_account(Email="workload@example.com", AccountName="Workload")["CreateAccountStatus"]
while status["State"] == "IN_PROGRESS":
    time.sleep(0.1)
    status = org.describe_create_account_status(CreateAccountRequestId=status["Id"])["CreateAccountStatus"]
account_id = status["AccountId"]
org.move_account(AccountId=account_id, SourceParentId=root_id, DestinationParentId=ou["Id"])
print(f"account {account_id} created ({status['State']}) and moved into {ou['Name']}")

role_arn = f"arn:aws:iam::{account_id}:role/OrganizationAccountAccessRole"
credentials = boto3.client("sts").assume_role(RoleArn=role_arn, RoleSessionName="setup")["Credentials"]
member = boto3.Session(
    aws_access_key_id=credentials["AccessKeyId"],
    aws_secret_access_key=credentials["SecretAccessKey"],
    aws_session_token=credentials["SessionToken"],
)
print("acting as", member.client("sts").get_caller_identity()["Arn"])
member.client("account").put_alternate_contact(
    AlternateContactType="SECURITY",
    EmailAddress="security@example.com",
    Name="Security team",
    PhoneNumber="+1 555 0100",
    Title="CISO",
)
contact = member.client("account").get_alternate_contact(AlternateContactType="SECURITY")
print("security contact:", contact["AlternateContact"]["EmailAddress"])

try:
    org.create_organizational_unit(ParentId=root_id, Name="Workloads")
except org.exceptions.DuplicateOrganizationalUnitException as error:
    print("a second 'Workloads' OU is refused:", error.response["Error"]["Code"])

for page in org.get_paginator("list_accounts").paginate(PaginationConfig={"PageSize": 1}):
    for account in page["Accounts"]:
        print(f"  {account['Id']}  {account['Name']:<10} joined {account['JoinedTimestamp']:%Y-%m-%d}")

"""KMS keys as EC2 sees them: the account's AWS managed ``aws/ebs`` key, finding a key by any of its
names (in any account), and whether an account may use a key for EBS volumes.

* DescribeKey of a predefined AWS alias with no key yet: "KMS associates the alias with an AWS
  managed key and returns its KeyId and Arn".  Such keys are AWS managed (``KeyManager`` ``AWS``;
  moto: ``CUSTOMER``).  https://docs.aws.amazon.com/kms/latest/APIReference/API_DescribeKey.html
  https://docs.aws.amazon.com/kms/latest/developerguide/concepts.html#aws-managed-key
* The ``aws/ebs`` key policy is AWS's ``auto-ebs-2`` policy as GetKeyPolicy shows it on AWS: every
  principal of the account may use the key through EC2 (``kms:CallerAccount`` = the account,
  ``kms:ViaService`` = ``ec2.<region>.amazonaws.com``) and the account root may read its metadata.
  (The policy text is not on a documentation page; its shape is the one AWS returns.)

Who may use a key (the lab's simplified evaluation).  A key must be ``Enabled``.  In its own account
a key is usable (the lab has no IAM; the default key policy delegates to IAM).  Another account may
use it when, for each of ``kms:DescribeKey``, ``kms:CreateGrant``, ``kms:Decrypt``,
``kms:ReEncrypt*`` and ``kms:GenerateDataKey*`` (the actions AWS's cross-account key policy
examples give another account for encrypted volumes,
https://docs.aws.amazon.com/autoscaling/ec2/userguide/key-policy-requirements-EBS-encryption.html;
that exactly this set is what EC2 checks is the lab's reading), the key
policy has an ``Allow`` statement whose ``Principal`` ``AWS`` is ``*``, the account id or an ARN in
that account (``arn:aws:iam::<id>:root``, a role, a user) and whose ``Action`` matches (``*``
wildcards, case-insensitive), and no ``Deny`` statement matches; or a grant's ``GranteePrincipal`` is
in that account and its ``Operations`` cover the action.  Conditions count as satisfied, except
``kms:CallerAccount``, which is compared, so that another account cannot use ``aws/ebs``.  IAM
policies in the using account are not modelled.
"""

from __future__ import annotations

import fnmatch
import json
from typing import Any

from moto.kms.models import KmsBackend, kms_backends

EBS_ALIAS = "alias/aws/ebs"
# One concrete action per permission AWS lists for using a shared key (the * families are matched
# by their members).
EC2_KEY_ACTIONS = ("kms:DescribeKey", "kms:CreateGrant", "kms:Decrypt", "kms:ReEncryptFrom",
                   "kms:GenerateDataKeyWithoutPlaintext")
NEEDED = "kms:DescribeKey, kms:CreateGrant, kms:Decrypt, kms:ReEncrypt* and kms:GenerateDataKey*"

def aws_ebs_policy(account: str, region: str) -> str:
    """AWS's key policy of an account's ``aws/ebs`` key (``auto-ebs-2``)."""
    return json.dumps({
        "Version": "2012-10-17",
        "Id": "auto-ebs-2",
        "Statement": [
            {"Sid": "Allow access through EBS for all principals in the account that are authorized to use EBS",
             "Effect": "Allow", "Principal": {"AWS": "*"},
             "Action": ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*",
                        "kms:CreateGrant", "kms:DescribeKey"],
             "Resource": "*",
             "Condition": {"StringEquals": {"kms:CallerAccount": account,
                                            "kms:ViaService": f"ec2.{region}.amazonaws.com"}}},
            {"Sid": "Allow direct access to key metadata to the account", "Effect": "Allow",
             "Principal": {"AWS": f"arn:aws:iam::{account}:root"},
             "Action": ["kms:Describe*", "kms:Get*", "kms:List*", "kms:RevokeGrant"], "Resource": "*"},
        ],
    }, indent=2)


_generate_default_keys = KmsBackend._generate_default_keys


def generate_default_keys(self: KmsBackend, alias_name: str) -> str | None:
    """A predefined ``alias/aws/*`` key is AWS managed (moto: CUSTOMER); ``aws/ebs`` gets AWS's policy."""
    key_id = _generate_default_keys(self, alias_name)
    if key_id:
        key = self.keys[key_id]
        key.key_manager = "AWS"
        if alias_name == EBS_ALIAS:
            key.policy = aws_ebs_policy(self.account_id, self.region_name)
            key.description = "Default master key that protects my EBS volumes when no other key is defined"
    return key_id


def resolve_key(account: str, region: str, key_ref: str | None) -> Any:
    """The KMS key a key id, key ARN, alias name or alias ARN names (ARNs may be another account's),
    or None when there is no such key."""
    if not key_ref:
        return None
    if key_ref.startswith("arn:"):
        parts = key_ref.split(":", 5)
        if len(parts) < 6:
            return None
        region, account = parts[3], parts[4]
    try:
        return kms_backends[account][region].describe_key(key_ref)
    except Exception:
        return None


def _principals(statement: dict) -> list[str]:
    principal = statement.get("Principal", {})
    if principal == "*":
        return ["*"]
    value = principal.get("AWS", []) if isinstance(principal, dict) else []
    return [value] if isinstance(value, str) else list(value)


def _principal_matches(principal: str, account: str) -> bool:
    return principal in ("*", account) or principal.startswith(f"arn:aws:iam::{account}:")


def _conditions_hold(statement: dict, account: str) -> bool:
    for _operator, conditions in (statement.get("Condition") or {}).items():
        for name, values in conditions.items():
            if name.lower() == "kms:calleraccount":
                wanted = [values] if isinstance(values, str) else values
                if account not in wanted:
                    return False
    return True


def _action_matches(statement: dict, action: str) -> bool:
    actions = statement.get("Action", [])
    actions = [actions] if isinstance(actions, str) else actions
    return any(fnmatch.fnmatchcase(action.lower(), pattern.lower()) for pattern in actions)


def _policy_allows(key: Any, account: str, action: str) -> bool:
    try:
        statements = json.loads(key.policy).get("Statement", [])
    except (ValueError, TypeError, AttributeError):
        return False
    if isinstance(statements, dict):
        statements = [statements]
    applicable = [s for s in statements
                  if any(_principal_matches(p, account) for p in _principals(s))
                  and _action_matches(s, action) and _conditions_hold(s, account)]
    if any(s.get("Effect") == "Deny" for s in applicable):
        return False
    return any(s.get("Effect") == "Allow" for s in applicable)


def _grant_allows(key: Any, account: str, action: str) -> bool:
    operation = action.split(":", 1)[1]
    return any(_principal_matches(grant.grantee_principal, account) and operation in (grant.operations or [])
               for grant in key.grants.values())


def may_use(key: Any, account: str) -> bool:
    """Whether ``account`` may use ``key`` for EBS volumes (see the module docstring)."""
    if key is None or key.key_state != "Enabled":
        return False
    if key.account_id == account:
        return True
    return all(_policy_allows(key, account, a) or _grant_allows(key, account, a) for a in EC2_KEY_ACTIONS)


def is_aws_managed(key_ref: str | None, account: str, region: str) -> bool:
    key = resolve_key(account, region, key_ref)
    return key is not None and key.key_manager == "AWS"

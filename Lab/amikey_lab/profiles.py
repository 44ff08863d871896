"""AWS CLI-style configuration for the lab's two accounts, so any client can just use a profile.

``DIR/aws/config`` and ``DIR/aws/credentials`` (0600) hold three profiles, each with ``region`` and
``endpoint_url`` (the per-profile endpoint setting of AWS CLI v2 and the SDKs):

* ``lab-a``: account A (moto's default account) with the static keys ``testing``/``testing``;
* ``lab-b``: account B with the temporary keys of an ``sts:AssumeRole`` into
  ``arn:aws:iam::222222222222:role/amikey-lab`` made at start-up (valid until ``/moto-api/reset``);
* ``lab-b-role``: account B as a role profile (``role_arn`` + ``source_profile = lab-a``), which the
  client assumes itself.

``DIR/env`` holds the ``export`` lines that point AWS tools at these files (``amikey lab up`` prints them).
These are emulator credentials: moto does not check signatures, and the values are only written to
files in DIR (mode 0600), never printed.
"""

from __future__ import annotations

from pathlib import Path

from . import labdir


def write(root: Path, endpoint: str, region: str, account_b: str, role_name: str = "amikey-lab") -> dict:
    import botocore.session

    session = botocore.session.get_session()
    sts = session.create_client("sts", region_name=region, endpoint_url=endpoint,
                                aws_access_key_id="testing", aws_secret_access_key="testing")
    role_arn = f"arn:aws:iam::{account_b}:role/{role_name}"
    creds = sts.assume_role(RoleArn=role_arn, RoleSessionName="amikey-lab")["Credentials"]

    aws = labdir.make_dir(root / "aws", 0o700)
    common = f"region = {region}\nendpoint_url = {endpoint}\n"
    config = (f"[profile lab-a]\n{common}\n[profile lab-b]\n{common}\n"
              f"[profile lab-b-role]\n{common}role_arn = {role_arn}\nsource_profile = lab-a\n"
              "role_session_name = amikey-lab\n")
    credentials = ("[lab-a]\naws_access_key_id = testing\naws_secret_access_key = testing\n\n"
                   f"[lab-b]\naws_access_key_id = {creds['AccessKeyId']}\n"
                   f"aws_secret_access_key = {creds['SecretAccessKey']}\n"
                   f"aws_session_token = {creds['SessionToken']}\n")
    labdir.write_file(aws / "config", config, 0o600)
    labdir.write_file(aws / "credentials", credentials, 0o600)
    env = (f"export AWS_CONFIG_FILE={aws / 'config'}\n"
           f"export AWS_SHARED_CREDENTIALS_FILE={aws / 'credentials'}\n"
           "export AWS_PROFILE=lab-a\n"
           f"export AWS_ENDPOINT_URL={endpoint}\n"
           f"export AWS_REGION={region}\n")
    labdir.write_file(root / "env", env, 0o600)
    return {"awsConfigFile": str(aws / "config"), "awsCredentialsFile": str(aws / "credentials"),
            "envFile": str(root / "env"), "profiles": {"A": "lab-a", "B": "lab-b", "BRole": "lab-b-role"}}

"""Idempotency tokens: a RunInstances or CopyImage retried with its ClientToken completes only once.

AWS behaviour (https://docs.aws.amazon.com/ec2/latest/devguide/ec2-api-idempotency.html): "A client
token is a unique, case-sensitive string of up to 64 ASCII characters."  A retry of a successful
request "using the same client token and the same parameters ... succeeds without performing any
further actions"; with "one or more of the parameters ... different, other than the Region or
Availability Zone, the retry fails with an IdempotentParameterMismatch error".  RunInstances tokens are
per Region, or per Availability Zone when the request names one.  A repeated RunInstances returns the
same response, only the instance state may differ; the token shows in DescribeInstances and stays
valid "for at least 24 hours after the termination of the instance"
(https://docs.aws.amazon.com/AWSEC2/latest/APIReference/Run_Instance_Idempotency.html).

botocore fills in a random ClientToken when none is given (the model marks it ``idempotencyToken``),
so every other lab test launches with a fresh token.
"""

from __future__ import annotations

import os
import threading
import time
import urllib.request

import botocore.session
import pytest
from botocore.exceptions import ClientError
from botocore.handlers import generate_idempotent_uuid

from labkit import register_base_image, start_lab, stop_lab

MISMATCH = ("Arguments on this idempotent request are inconsistent with arguments used in previous "
            "request(s).")


def _error(excinfo) -> tuple[str, str]:
    error = excinfo.value.response["Error"]
    return error["Code"], error["Message"]


def _instances(account) -> list[dict]:
    return [i for r in account.ec2.describe_instances()["Reservations"] for i in r["Instances"]]


def _lab_instances(lab, account) -> list[dict]:
    """The lab's own records (state.json): one per instance it booted for this account."""
    return [i for i in lab.state()["instances"] if i["account"] == account.account_id]


def _launch(account, image, token, **extra):
    return account.ec2.run_instances(ImageId=image, MinCount=1, MaxCount=1, ClientToken=token, **extra)


def test_retry_returns_the_original_reservation_and_boots_nothing(lab):
    """Same token, same parameters: the same reservation and instance, no second sshd; DescribeInstances
    shows the token and the client-token filter finds the instance.  64 ASCII characters is allowed."""
    a = lab.account()
    image = register_base_image(a, "idem-run")
    token = "T" * 63 + "1"
    first = _launch(a, image, token, InstanceType="t3.micro")
    booted = _lab_instances(lab, a)
    pids = lab.state()["sshdPids"]

    again = _launch(a, image, token, InstanceType="t3.micro")
    assert again["ReservationId"] == first["ReservationId"]
    assert [i["InstanceId"] for i in again["Instances"]] == [i["InstanceId"] for i in first["Instances"]]
    assert _lab_instances(lab, a) == booted and len(booted) == 1
    assert lab.state()["sshdPids"] == pids

    described = _instances(a)
    assert [(i["InstanceId"], i["ClientToken"]) for i in described] == [(first["Instances"][0]["InstanceId"], token)]
    found = a.ec2.describe_instances(Filters=[{"Name": "client-token", "Values": [token]}])["Reservations"]
    assert [i["InstanceId"] for r in found for i in r["Instances"]] == [first["Instances"][0]["InstanceId"]]
    assert a.ec2.describe_instances(Filters=[{"Name": "client-token", "Values": [token.lower()]}])["Reservations"] == []


def test_same_token_with_other_parameters_is_a_mismatch(lab):
    """A changed parameter (instance type, tags) fails with IdempotentParameterMismatch, launches nothing."""
    a = lab.account()
    image = register_base_image(a, "idem-mismatch")
    _launch(a, image, "mismatch-token", InstanceType="t3.micro")
    for changed in ({"InstanceType": "t3.small"},
                    {"InstanceType": "t3.micro",
                     "TagSpecifications": [{"ResourceType": "instance", "Tags": [{"Key": "k", "Value": "v"}]}]}):
        with pytest.raises(ClientError) as e:
            _launch(a, image, "mismatch-token", **changed)
        assert _error(e) == ("IdempotentParameterMismatch", MISMATCH)
    assert len(_instances(a)) == 1 and len(_lab_instances(lab, a)) == 1


def test_tokens_are_case_sensitive_and_per_account_and_region(lab):
    """"Tok" and "tok" are two tokens; another account and another Region have their own."""
    a, b = lab.account(), lab.account()
    image_a, image_b = register_base_image(a, "idem-case-a"), register_base_image(b, "idem-case-b")
    upper = _launch(a, image_a, "Tok")["Instances"][0]["InstanceId"]
    lower = _launch(a, image_a, "tok")["Instances"][0]["InstanceId"]
    other = _launch(b, image_b, "Tok")["Instances"][0]["InstanceId"]
    assert len({upper, lower, other}) == 3
    assert {i["InstanceId"] for i in _instances(a)} == {upper, lower}

    creds = a.sts.assume_role(RoleArn=f"arn:aws:iam::{a.account_id}:role/x", RoleSessionName="idem")["Credentials"]
    eu = botocore.session.get_session().create_client(
        "ec2", region_name="eu-west-1", endpoint_url=lab.endpoint, aws_access_key_id=creds["AccessKeyId"],
        aws_secret_access_key=creds["SecretAccessKey"], aws_session_token=creds["SessionToken"])
    eu_image = eu.register_image(Name="idem-eu")["ImageId"]
    in_eu = eu.run_instances(ImageId=eu_image, MinCount=1, MaxCount=1, ClientToken="Tok")["Instances"][0]
    assert in_eu["InstanceId"] not in {upper, lower, other}
    for iid in (upper, lower):
        a.ec2.terminate_instances(InstanceIds=[iid])
    b.ec2.terminate_instances(InstanceIds=[other])
    eu.terminate_instances(InstanceIds=[in_eu["InstanceId"]])


def test_zonal_idempotency_when_the_request_names_a_zone(lab):
    """With Placement.AvailabilityZone the token is per zone: the same request in another zone
    launches there; in the same zone it returns the first instance."""
    a = lab.account()
    image = register_base_image(a, "idem-zonal")
    in_a = _launch(a, image, "zonal", Placement={"AvailabilityZone": "us-east-1a"})["Instances"][0]
    in_b = _launch(a, image, "zonal", Placement={"AvailabilityZone": "us-east-1b"})["Instances"][0]
    assert in_a["InstanceId"] != in_b["InstanceId"]
    assert in_b["Placement"]["AvailabilityZone"] == "us-east-1b"
    again = _launch(a, image, "zonal", Placement={"AvailabilityZone": "us-east-1a"})["Instances"][0]
    assert again["InstanceId"] == in_a["InstanceId"]
    with pytest.raises(ClientError) as e:
        _launch(a, image, "zonal", Placement={"AvailabilityZone": "us-east-1a"}, InstanceType="t3.small")
    assert _error(e)[0] == "IdempotentParameterMismatch"
    assert len(_lab_instances(lab, a)) == 2


def test_a_terminated_instance_keeps_its_token(lab):
    """After termination the same request still returns the (terminated) instance and launches nothing."""
    a = lab.account()
    image = register_base_image(a, "idem-terminated")
    iid = _launch(a, image, "after-termination")["Instances"][0]["InstanceId"]
    a.ec2.terminate_instances(InstanceIds=[iid])
    again = _launch(a, image, "after-termination")["Instances"]
    assert [(i["InstanceId"], i["State"]["Name"]) for i in again] == [(iid, "terminated")]
    assert [i["InstanceId"] for i in _instances(a)] == [iid]
    assert len(_lab_instances(lab, a)) == 1


def test_a_failed_launch_does_not_keep_its_token(lab, tmp_path):
    """Only a request that succeeded records its token: after fixing the cause, the same retry launches."""
    a = lab.account()
    image = register_base_image(a, "idem-failed")
    with pytest.raises(ClientError) as e:
        _launch(a, image, "fix-and-retry", KeyName="not-yet")
    assert _error(e)[0] == "InvalidKeyPair.NotFound"
    a.ec2.create_key_pair(KeyName="not-yet")
    launched = _launch(a, image, "fix-and-retry", KeyName="not-yet")["Instances"][0]
    assert launched["KeyName"] == "not-yet" and len(_lab_instances(lab, a)) == 1


@pytest.mark.parametrize("token", ["x" * 65, "jeton-\u00e9t\u00e9"])
def test_a_token_longer_than_64_or_not_ascii_is_refused(lab, token):
    a = lab.account()
    image = register_base_image(a, "idem-bad-token")
    with pytest.raises(ClientError) as e:
        _launch(a, image, token)
    assert _error(e)[0] == "InvalidParameterValue"
    with pytest.raises(ClientError) as e:
        a.ec2.copy_image(SourceImageId=image, SourceRegion="us-east-1", Name="copy", ClientToken=token)
    assert _error(e)[0] == "InvalidParameterValue"
    assert _instances(a) == []


def test_without_a_token_every_request_launches_and_no_token_shows(lab):
    """No ClientToken (botocore's generated one removed): two launches, ClientToken empty, as AWS
    shows it (moto would show "ABCDE")."""
    a = lab.account()
    image = register_base_image(a, "idem-none")
    a.ec2.meta.events.unregister("before-parameter-build.ec2.RunInstances", generate_idempotent_uuid)
    a.ec2.meta.events.unregister("before-parameter-build", generate_idempotent_uuid)
    ids = [a.ec2.run_instances(ImageId=image, MinCount=1, MaxCount=1)["Instances"][0]["InstanceId"]
           for _ in range(2)]
    assert len(set(ids)) == 2
    assert [i.get("ClientToken", "") for i in _instances(a)] == ["", ""]
    a.ec2.terminate_instances(InstanceIds=ids)


def test_concurrent_requests_with_one_token_launch_once(lab):
    """Two clients send the same request at the same time: one instance, both get it."""
    a = lab.account()
    image = register_base_image(a, "idem-race")
    creds = a.sts.assume_role(RoleArn=f"arn:aws:iam::{a.account_id}:role/x", RoleSessionName="race")["Credentials"]
    clients = [lab.client("ec2", creds) for _ in range(3)]
    results: list = []
    start = threading.Barrier(len(clients))

    def launch(client):
        start.wait()
        results.append(client.run_instances(ImageId=image, MinCount=1, MaxCount=1,
                                            ClientToken="race")["Instances"][0]["InstanceId"])

    threads = [threading.Thread(target=launch, args=(c,)) for c in clients]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert len(results) == 3 and len(set(results)) == 1
    assert len(_lab_instances(lab, a)) == 1


def test_pending_instance_retry_launches_nothing(pending_lab):
    """With pending states on, a retry returns the instance still pending and does not restart its
    count of polls; it becomes running as if the retry had not happened."""
    a = pending_lab.account()
    image = register_base_image(a, "idem-pending")
    first = _launch(a, image, "pending-token")["Instances"][0]
    assert first["State"]["Name"] == "pending"
    assert _instances(a)[0]["State"]["Name"] == "pending"       # poll 1
    again = _launch(a, image, "pending-token")["Instances"]
    assert [i["InstanceId"] for i in again] == [first["InstanceId"]]
    assert _instances(a)[0]["State"]["Name"] == "pending"       # poll 2
    assert _instances(a)[0]["State"]["Name"] == "running"       # poll 3
    assert len(_lab_instances(pending_lab, a)) == 1


def test_reset_forgets_the_tokens(session_root):
    """After /moto-api/reset the instance a token named is gone, and so is the token: the same token
    launches anew (instead of answering with a vanished reservation or a mismatch)."""
    lab = start_lab(session_root / f"lab-idem-{os.getpid()}-{time.monotonic_ns()}")
    try:
        a = lab.account()
        first = _launch(a, register_base_image(a, "before-reset"), "kept-until-reset")["Instances"][0]
        urllib.request.urlopen(urllib.request.Request(lab.endpoint + "/moto-api/reset", method="POST")).read()
        a = lab.account(a.account_id)   # credentials from before the reset are gone too
        again = _launch(a, register_base_image(a, "after-reset"), "kept-until-reset")["Instances"][0]
        assert again["InstanceId"] != first["InstanceId"]
        assert [i["InstanceId"] for i in _instances(a)] == [again["InstanceId"]]
    finally:
        stop_lab(lab)


# ---------------------------------------------------------------- CopyImage

def test_copy_image_retry_returns_the_same_copy(lab):
    """B copies A's shared AMI with a token twice: one copy; another name with that token is a
    mismatch; another token copies again."""
    a, b = lab.account(), lab.account()
    image = register_base_image(a, "idem-copy-src")
    a.ec2.modify_image_attribute(ImageId=image, LaunchPermission={"Add": [{"UserId": b.account_id}]})
    snapshot = a.ec2.describe_images(ImageIds=[image])["Images"][0]["BlockDeviceMappings"][0]["Ebs"]["SnapshotId"]
    a.ec2.modify_snapshot_attribute(SnapshotId=snapshot, Attribute="createVolumePermission",
                                    CreateVolumePermission={"Add": [{"UserId": b.account_id}]})

    def copy(token, name="migrated"):
        return b.ec2.copy_image(SourceImageId=image, SourceRegion="us-east-1", Name=name,
                                ClientToken=token)["ImageId"]

    first = copy("copy-token")
    assert copy("copy-token") == first
    assert [i["ImageId"] for i in b.ec2.describe_images(Owners=["self"])["Images"]] == [first]
    with pytest.raises(ClientError) as e:
        copy("copy-token", name="renamed")
    assert _error(e) == ("IdempotentParameterMismatch", MISMATCH)
    second = copy("Copy-Token")
    assert second != first
    assert {i["ImageId"] for i in b.ec2.describe_images(Owners=["self"])["Images"]} == {first, second}


def test_copy_image_tokens_are_per_caller_account(lab):
    """The same token in another account (or a failed attempt) does not return someone else's copy."""
    a, b = lab.account(), lab.account()
    image = register_base_image(a, "idem-copy-public")
    a.ec2.modify_image_attribute(ImageId=image, LaunchPermission={"Add": [{"Group": "all"}]})
    snapshot = a.ec2.describe_images(ImageIds=[image])["Images"][0]["BlockDeviceMappings"][0]["Ebs"]["SnapshotId"]

    with pytest.raises(ClientError) as e:   # no createVolumePermission yet: the token is not kept
        b.ec2.copy_image(SourceImageId=image, SourceRegion="us-east-1", Name="copy", ClientToken="shared")
    assert _error(e)[0] == "InvalidRequest"
    a.ec2.modify_snapshot_attribute(SnapshotId=snapshot, Attribute="createVolumePermission",
                                    CreateVolumePermission={"Add": [{"Group": "all"}]})
    mine = a.ec2.copy_image(SourceImageId=image, SourceRegion="us-east-1", Name="copy", ClientToken="shared")["ImageId"]
    theirs = b.ec2.copy_image(SourceImageId=image, SourceRegion="us-east-1", Name="copy", ClientToken="shared")["ImageId"]
    assert mine != theirs
    assert b.ec2.describe_images(ImageIds=[theirs])["Images"][0]["OwnerId"] == b.account_id

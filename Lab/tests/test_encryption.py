"""EBS encryption with KMS keys, as AWS does it and moto does not (amikey_lab/patch_encryption.py).

AWS behaviour: the account's AWS managed ``aws/ebs`` key is the default EBS key
(https://docs.aws.amazon.com/ebs/latest/userguide/how-ebs-encryption-works.html); RunInstances
honours ``Encrypted``/``KmsKeyId`` (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_EbsBlockDevice.html);
snapshots and images keep the volume's key; CopyImage encrypts with ``KmsKeyId`` or the default key
(https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CopyImage.html); images encrypted with
``aws/ebs`` cannot be shared, and another account needs the key owner's permission to use a customer
managed key (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/sharingamis-explicit.html), else its
instance terminates with ``Client.InternalError``
(https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_StateReason.html).
"""

from __future__ import annotations

import json

import pytest
from botocore.exceptions import ClientError

from labkit import register_base_image

EC2_KEY_ACTIONS = ["kms:DescribeKey", "kms:CreateGrant", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*"]


def _code(excinfo) -> str:
    return excinfo.value.response["Error"]["Code"]


def _cmk(account) -> str:
    return account.kms.create_key(Description="amikey test key")["KeyMetadata"]["Arn"]


def _aws_ebs(account) -> dict:
    return account.kms.describe_key(KeyId="alias/aws/ebs")["KeyMetadata"]


def _launch(account, image: str, *mappings: dict) -> dict:
    params = {"ImageId": image, "MinCount": 1, "MaxCount": 1}
    if mappings:
        params["BlockDeviceMappings"] = list(mappings)
    instance_id = account.ec2.run_instances(**params)["Instances"][0]["InstanceId"]
    return account.ec2.describe_instances(InstanceIds=[instance_id])["Reservations"][0]["Instances"][0]


def _root(ebs: dict) -> dict:
    return {"DeviceName": "/dev/sda1", "Ebs": ebs}


def _root_volume(account, instance: dict) -> dict:
    volume_id = instance["BlockDeviceMappings"][0]["Ebs"]["VolumeId"]
    return account.ec2.describe_volumes(VolumeIds=[volume_id])["Volumes"][0]


def _image_ebs(account, image: str) -> dict:
    return account.ec2.describe_images(ImageIds=[image])["Images"][0]["BlockDeviceMappings"][0]["Ebs"]


def _snapshot(account, image: str) -> dict:
    snapshot_id = _image_ebs(account, image)["SnapshotId"]
    return account.ec2.describe_snapshots(SnapshotIds=[snapshot_id])["Snapshots"][0]


def _image_of(account, instance: dict, name: str) -> str:
    return account.ec2.create_image(InstanceId=instance["InstanceId"], Name=name, NoReboot=True)["ImageId"]


def _terminate(account, instance: dict) -> None:
    account.ec2.terminate_instances(InstanceIds=[instance["InstanceId"]])


def _allow(account_id: str, actions=EC2_KEY_ACTIONS) -> dict:
    return {"Sid": f"Allow {account_id}", "Effect": "Allow",
            "Principal": {"AWS": f"arn:aws:iam::{account_id}:root"}, "Action": actions, "Resource": "*"}


def _put_policy(owner, key_arn: str, *statements: dict) -> None:
    own = _allow(owner.account_id, "kms:*")
    owner.kms.put_key_policy(KeyId=key_arn, PolicyName="default",
                             Policy=json.dumps({"Version": "2012-10-17", "Statement": [own, *statements]}))


def _share(owner, image: str, other) -> None:
    owner.ec2.modify_image_attribute(ImageId=image, LaunchPermission={"Add": [{"UserId": other.account_id}]})
    owner.ec2.modify_snapshot_attribute(SnapshotId=_snapshot(owner, image)["SnapshotId"],
                                        Attribute="createVolumePermission",
                                        CreateVolumePermission={"Add": [{"UserId": other.account_id}]})


def _encrypted_image(account, key_arn: str | None, name: str) -> str:
    """An image made by CreateImage from an instance whose root volume is encrypted (with ``key_arn``,
    or the default key when None)."""
    base = register_base_image(account, f"{name}-base")
    ebs = {"Encrypted": True, **({"KmsKeyId": key_arn} if key_arn else {})}
    instance = _launch(account, base, _root(ebs))
    image = _image_of(account, instance, name)
    _terminate(account, instance)
    return image


def test_aws_ebs_is_an_aws_managed_key_with_aws_policy(lab):
    """DescribeKey alias/aws/ebs creates the account's AWS managed key (moto: CUSTOMER); its policy
    lets only the account's principals use it, through EC2."""
    a = lab.account()
    key = _aws_ebs(a)
    assert key["KeyManager"] == "AWS" and key["KeyState"] == "Enabled"
    assert key["AWSAccountId"] == a.account_id
    assert _aws_ebs(a)["Arn"] == key["Arn"]  # one key per account and region
    policy = json.loads(a.kms.get_key_policy(KeyId=key["KeyId"], PolicyName="default")["Policy"])
    use = [s for s in policy["Statement"] if "kms:Decrypt" in s["Action"]]
    assert len(use) == 1
    assert use[0]["Condition"]["StringEquals"] == {"kms:CallerAccount": a.account_id,
                                                   "kms:ViaService": "ec2.us-east-1.amazonaws.com"}
    assert lab.account().kms.describe_key(KeyId="alias/aws/ebs")["KeyMetadata"]["Arn"] != key["Arn"]
    # A customer managed key stays CUSTOMER.
    assert a.kms.describe_key(KeyId=_cmk(a))["KeyMetadata"]["KeyManager"] == "CUSTOMER"


def test_run_instances_encrypts_the_root_volume_with_the_named_key(lab):
    """A root-device mapping with only Encrypted/KmsKeyId (size from the AMI): the volume is encrypted
    with that key; CreateImage's snapshot and DescribeImages keep it."""
    a = lab.account()
    key = _cmk(a)
    base = register_base_image(a, "enc-base")
    instance = _launch(a, base, _root({"Encrypted": True, "KmsKeyId": key}))
    volume = _root_volume(a, instance)
    assert (volume["Encrypted"], volume["KmsKeyId"]) == (True, key)
    assert volume["SnapshotId"] == _snapshot(a, base)["SnapshotId"]

    image = _image_of(a, instance, "enc-image")
    ebs = _image_ebs(a, image)
    assert (ebs["Encrypted"], ebs["KmsKeyId"]) == (True, key)
    snapshot = _snapshot(a, image)
    assert (snapshot["Encrypted"], snapshot["KmsKeyId"]) == (True, key)

    # An instance of the encrypted image gets a volume encrypted with the snapshot's key.
    again = _launch(a, image)
    volume = _root_volume(a, again)
    assert (volume["Encrypted"], volume["KmsKeyId"]) == (True, key)
    for i in (instance, again):
        _terminate(a, i)


def test_encrypted_without_a_key_uses_aws_ebs(lab):
    a = lab.account()
    image = _encrypted_image(a, None, "default-key")
    aws_ebs = _aws_ebs(a)
    snapshot = _snapshot(a, image)
    assert (snapshot["Encrypted"], snapshot["KmsKeyId"]) == (True, aws_ebs["Arn"])
    assert aws_ebs["KeyManager"] == "AWS"


def test_encryption_by_default_encrypts_new_volumes_and_copies_with_the_default_key(lab):
    a = lab.account()
    base = register_base_image(a, "by-default-base")
    a.ec2.enable_ebs_encryption_by_default()
    instance = _launch(a, base)
    volume = _root_volume(a, instance)
    assert (volume["Encrypted"], volume["KmsKeyId"]) == (True, _aws_ebs(a)["Arn"])
    key = _cmk(a)
    a.ec2.modify_ebs_default_kms_key_id(KmsKeyId=key)
    copy = a.ec2.copy_image(SourceImageId=base, SourceRegion="us-east-1", Name="by-default-copy")["ImageId"]
    assert (_snapshot(a, copy)["Encrypted"], _snapshot(a, copy)["KmsKeyId"]) == (True, key)
    _terminate(a, instance)


def test_snapshots_of_encrypted_volumes_show_the_volume_key(lab):
    """CreateSnapshot and CopySnapshot keep the key (moto: Encrypted without KmsKeyId)."""
    a = lab.account()
    key = _cmk(a)
    for volume_key, expected in ((key, key), (None, None)):
        params = {"AvailabilityZone": "us-east-1a", "Size": 1, "Encrypted": True}
        if volume_key:
            params["KmsKeyId"] = volume_key
        volume = a.ec2.create_volume(**params)
        snapshot = a.ec2.create_snapshot(VolumeId=volume["VolumeId"])
        expected = expected or _aws_ebs(a)["Arn"]
        assert (snapshot["Encrypted"], snapshot["KmsKeyId"]) == (True, expected)
        copy = a.ec2.copy_snapshot(SourceSnapshotId=snapshot["SnapshotId"], SourceRegion="us-east-1")
        copied = a.ec2.describe_snapshots(SnapshotIds=[copy["SnapshotId"]])["Snapshots"][0]
        assert (copied["Encrypted"], copied["KmsKeyId"]) == (True, expected)


def test_unencrypted_stays_unencrypted_and_key_needs_encrypted(lab):
    a = lab.account()
    base = register_base_image(a, "plain-base")
    assert _image_ebs(a, base)["Encrypted"] is False and "KmsKeyId" not in _image_ebs(a, base)
    instance = _launch(a, base)
    assert _root_volume(a, instance)["Encrypted"] is False
    image = _image_of(a, instance, "plain")
    snapshot = _snapshot(a, image)
    assert snapshot["Encrypted"] is False and "KmsKeyId" not in snapshot
    _terminate(a, instance)
    with pytest.raises(ClientError) as e:
        a.ec2.run_instances(ImageId=base, MinCount=1, MaxCount=1,
                            BlockDeviceMappings=[_root({"KmsKeyId": _cmk(a)})])
    assert _code(e) == "InvalidParameterDependency"


def test_copy_image_encrypts_with_the_key_or_aws_ebs_and_never_decrypts(lab):
    a = lab.account()
    key, other_key = _cmk(a), _cmk(a)
    base = register_base_image(a, "copy-src")
    with_key = a.ec2.copy_image(SourceImageId=base, SourceRegion="us-east-1", Name="with-key",
                                Encrypted=True, KmsKeyId=key)["ImageId"]
    assert (_snapshot(a, with_key)["Encrypted"], _snapshot(a, with_key)["KmsKeyId"]) == (True, key)
    assert _image_ebs(a, with_key)["KmsKeyId"] == key
    default = a.ec2.copy_image(SourceImageId=base, SourceRegion="us-east-1", Name="default-key", Encrypted=True)["ImageId"]
    assert _snapshot(a, default)["KmsKeyId"] == _aws_ebs(a)["Arn"]
    plain = a.ec2.copy_image(SourceImageId=base, SourceRegion="us-east-1", Name="plain-copy")["ImageId"]
    assert _snapshot(a, plain)["Encrypted"] is False
    # Copies of an encrypted image stay encrypted: with the same key, or re-encrypted with another.
    kept = a.ec2.copy_image(SourceImageId=with_key, SourceRegion="us-east-1", Name="kept",
                            Encrypted=False)["ImageId"]
    assert (_snapshot(a, kept)["Encrypted"], _snapshot(a, kept)["KmsKeyId"]) == (True, key)
    moved = a.ec2.copy_image(SourceImageId=with_key, SourceRegion="us-east-1", Name="moved",
                             Encrypted=True, KmsKeyId=other_key)["ImageId"]
    assert _snapshot(a, moved)["KmsKeyId"] == other_key
    with pytest.raises(ClientError) as e:
        a.ec2.copy_image(SourceImageId=base, SourceRegion="us-east-1", Name="key-alone", KmsKeyId=key)
    assert _code(e) == "InvalidParameterDependency"


def test_images_encrypted_with_aws_ebs_cannot_be_shared(lab):
    """Launch permission and createVolumePermission for another account (or all) are refused with the
    errors AWS gives; a copy re-encrypted with a customer managed key can be shared."""
    a, b = lab.account(), lab.account()
    image = _encrypted_image(a, None, "aws-ebs-image")
    for permission in ({"UserId": b.account_id}, {"Group": "all"}):
        with pytest.raises(ClientError) as e:
            a.ec2.modify_image_attribute(ImageId=image, LaunchPermission={"Add": [permission]})
        assert _code(e) == "InvalidParameter"
        assert "AWS Managed CMK can't be shared" in e.value.response["Error"]["Message"]
    assert a.ec2.describe_image_attribute(ImageId=image, Attribute="launchPermission")["LaunchPermissions"] == []
    snapshot_id = _snapshot(a, image)["SnapshotId"]
    with pytest.raises(ClientError) as e:
        a.ec2.modify_snapshot_attribute(SnapshotId=snapshot_id, Attribute="createVolumePermission",
                                        CreateVolumePermission={"Add": [{"UserId": b.account_id}]})
    assert _code(e) == "OperationNotPermitted"
    with pytest.raises(ClientError) as e:
        a.ec2.modify_snapshot_attribute(SnapshotId=snapshot_id, Attribute="createVolumePermission",
                                        OperationType="add", UserIds=[b.account_id])
    assert _code(e) == "OperationNotPermitted"

    copy = a.ec2.copy_image(SourceImageId=image, SourceRegion="us-east-1", Name="cmk-copy",
                            Encrypted=True, KmsKeyId=_cmk(a))["ImageId"]
    _share(a, copy, b)
    assert b.ec2.describe_images(ImageIds=[copy])["Images"][0]["OwnerId"] == a.account_id


def test_other_account_launch_fails_until_the_key_policy_allows_it(lab):
    """B's instance of A's image encrypted with A's customer managed key terminates at launch with
    Client.InternalError until A's key policy allows B every action EC2 needs."""
    a, b = lab.account(), lab.account()
    key = _cmk(a)
    image = _encrypted_image(a, key, "cmk-image")
    _share(a, image, b)

    failed = _launch(b, image)
    assert failed["State"]["Name"] == "terminated"
    assert failed["StateReason"] == {"Code": "Client.InternalError",
                                     "Message": "Client.InternalError: Client error on launch"}
    assert failed["InstanceId"] not in {i["instanceId"] for i in lab.state()["instances"]}  # nothing booted

    _put_policy(a, key, _allow(b.account_id, ["kms:Decrypt", "kms:DescribeKey"]))  # not enough
    assert _launch(b, image)["State"]["Name"] == "terminated"

    _put_policy(a, key, _allow(b.account_id))
    running = _launch(b, image)
    assert running["State"]["Name"] == "running"
    volume = _root_volume(b, running)
    assert (volume["Encrypted"], volume["KmsKeyId"]) == (True, key)
    _terminate(b, running)

    # "*" with kms:* also allows, and a Deny wins.
    _put_policy(a, key, {"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "kms:*", "Resource": "*"},
                {"Effect": "Deny", "Principal": {"AWS": b.account_id}, "Action": "kms:CreateGrant", "Resource": "*"})
    assert _launch(b, image)["State"]["Name"] == "terminated"


def test_other_account_copy_needs_the_key_then_re_encrypts_with_its_own(lab):
    """B's CopyImage of A's shared encrypted image fails until a grant (or the policy) lets B use
    A's key; the copy is B's, encrypted with B's key (KmsKeyId) or B's aws/ebs."""
    a, b = lab.account(), lab.account()
    key = _cmk(a)
    image = _encrypted_image(a, key, "cmk-copy-src")
    _share(a, image, b)
    with pytest.raises(ClientError) as e:
        b.ec2.copy_image(SourceImageId=image, SourceRegion="us-east-1", Name="b-copy")
    assert _code(e) == "InvalidRequest" and key in e.value.response["Error"]["Message"]

    a.kms.create_grant(KeyId=key, GranteePrincipal=f"arn:aws:iam::{b.account_id}:root",
                       Operations=["Decrypt", "DescribeKey", "CreateGrant", "ReEncryptFrom",
                                   "GenerateDataKeyWithoutPlaintext"])
    b_key = _cmk(b)
    mine = b.ec2.copy_image(SourceImageId=image, SourceRegion="us-east-1", Name="b-copy",
                            Encrypted=True, KmsKeyId=b_key)["ImageId"]
    snapshot = _snapshot(b, mine)
    assert (snapshot["Encrypted"], snapshot["KmsKeyId"], snapshot["OwnerId"]) == (True, b_key, b.account_id)
    default = b.ec2.copy_image(SourceImageId=image, SourceRegion="us-east-1", Name="b-default")["ImageId"]
    assert _snapshot(b, default)["KmsKeyId"] == _aws_ebs(b)["Arn"]
    # B may not name A's key for its copy without A's say, nor any key it cannot use.
    c = lab.account()
    with pytest.raises(ClientError) as e:
        b.ec2.copy_image(SourceImageId=image, SourceRegion="us-east-1", Name="b-other-key",
                         Encrypted=True, KmsKeyId=_cmk(c))
    assert _code(e) == "InvalidRequest"
    # B's own copy launches in B.
    instance = _launch(b, mine)
    assert instance["State"]["Name"] == "running"
    assert _root_volume(b, instance)["KmsKeyId"] == b_key
    _terminate(b, instance)


"""EBS encryption with KMS keys: encrypted volumes, snapshots and images, and who may use them.

moto 5.2.1 ignores ``Encrypted``/``KmsKeyId`` for an instance's root volume (an AMI's volume always
comes from an unencrypted 8 GiB default), makes every image snapshot from a fresh unencrypted
volume, shows no ``KmsKeyId`` on a snapshot of an encrypted volume, makes ``alias/aws/ebs`` a
customer managed key, ignores CopyImage's ``Encrypted``/``KmsKeyId``, and lets any encrypted image
be shared and used by any account.  AWS behaviour reproduced here (tests/test_encryption.py):

* "Amazon EBS encryption uses AWS KMS keys when creating encrypted volumes and snapshots."  Each
  account has an AWS managed key for EBS, alias ``aws/ebs``, "created the first time you create an
  encrypted resource"; it is the default key when ``Encrypted`` is true and no ``KmsKeyId`` is
  given.  Its ``KeyManager`` is ``AWS``.  Volumes made from an encrypted snapshot are encrypted (with
  the snapshot's key unless another is named), and snapshots of encrypted volumes are encrypted with
  the volume's key.
  https://docs.aws.amazon.com/ebs/latest/userguide/how-ebs-encryption-works.html
  https://docs.aws.amazon.com/ebs/latest/userguide/ebs-encryption.html
  https://docs.aws.amazon.com/kms/latest/developerguide/concepts.html#aws-managed-key
* The ``aws/ebs`` key itself, its policy and who may use a key: ``kms_access``.
* RunInstances ``BlockDeviceMappings[].Ebs.Encrypted``/``KmsKeyId``: "Encrypted volumes can only be
  attached to instances that support Amazon EBS encryption"; a mapping for the AMI's root device
  needs no size or snapshot (they come from the AMI); without ``KmsKeyId`` the default key is used;
  a ``KmsKeyId`` needs ``Encrypted``.  With EBS encryption by default on (EnableEbsEncryptionByDefault)
  every new volume and every copy is encrypted, with the account's default key
  (GetEbsDefaultKmsKeyId: ``aws/ebs`` unless ModifyEbsDefaultKmsKeyId named another).
  https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_EbsBlockDevice.html
  https://docs.aws.amazon.com/ebs/latest/userguide/encryption-by-default.html
* CreateSnapshot of an encrypted volume is encrypted with the volume's key, and CopySnapshot without
  ``KmsKeyId`` keeps the source's key (moto shows no ``KmsKeyId`` on either).
  https://docs.aws.amazon.com/ebs/latest/userguide/how-ebs-encryption-works.html
* CreateImage snapshots each volume with its encryption; DescribeImages' ``Ebs`` shows ``Encrypted``
  and ``KmsKeyId`` (botocore's ``EbsBlockDevice``); DescribeSnapshots shows ``Encrypted`` and
  ``KmsKeyId``.  https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_Snapshot.html
* CopyImage ``Encrypted``/``KmsKeyId``: "You can encrypt a copy of an unencrypted snapshot, but you
  cannot create an unencrypted copy of an encrypted snapshot.  The default KMS key for Amazon EBS is
  used unless you specify a non-default KMS key using KmsKeyId."  "If you specify a KMS key, you must
  also set the encrypted state to true."  Without either, a copy keeps each snapshot's encryption and
  key.  https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CopyImage.html
* "You can't share AMIs that are backed by snapshots that are encrypted with the default AWS managed
  key."  https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/sharingamis-explicit.html  The error
  codes are not documented; the lab returns what AWS returns in user reports: ModifyImageAttribute
  ``InvalidParameter`` "Snapshots encrypted with the AWS Managed CMK can't be shared. Specify another
  snapshot." (https://github.com/DataDog/stratus-red-team/issues/109,
  https://github.com/hashicorp/packer/issues/7410) and ModifySnapshotAttribute
  ``OperationNotPermitted`` "Encrypted snapshots with EBS default key cannot be shared"
  (https://github.com/hashicorp/packer/issues/7499).
* "If you share an AMI that is backed by encrypted snapshots, you must allow the AWS accounts to use
  the KMS keys that were used to encrypt the snapshots" (same page).  When the launching account may
  not use a key, RunInstances still answers, but the instance goes from ``pending`` to
  ``terminated`` with StateReason ``Client.InternalError`` "Client.InternalError: Client error on
  launch" ("A client error caused the instance to terminate during launch").
  https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_StateReason.html
  https://repost.aws/knowledge-center/kms-iam-ec2-permission
  The lab terminates such an instance at once (no sshd boots).

Who may use a key: see ``kms_access`` (key policy and grants, simplified).

Unverified (no AWS documentation found): the error of B's CopyImage of a shared image whose snapshot
key B may not use, or with a ``KmsKeyId`` B may not use; the lab answers ``InvalidRequest`` with a
message naming the key and the missing permissions.  Which key B's copy of A's encrypted snapshot
gets without ``KmsKeyId``: the lab uses B's default EBS key (B cannot keep using A's key for a
snapshot it owns); a copy within the owner's account keeps the snapshot's key.  An unknown
``KmsKeyId`` in RunInstances is treated like an inaccessible key.  The lab models one snapshot per
image (the root device's), as moto does.
"""

from __future__ import annotations

from typing import Any

from moto.ec2.exceptions import EC2ClientError, InvalidParameterDependency, MissingParameterError
from moto.ec2.models import ec2_backends
from moto.ec2.models.amis import Ami, AmiBackend
from moto.ec2.models.elastic_block_store import EBSBackend
from moto.ec2.models.instances import InstanceBackend, StateReason
from moto.ec2.responses.amis import AmisResponse
from moto.ec2.responses.instances import InstanceResponse
from moto.kms.models import KmsBackend, kms_backends

from .kms_access import EBS_ALIAS, NEEDED, generate_default_keys, is_aws_managed, may_use, resolve_key

LAUNCH_ERROR = StateReason("Client.InternalError: Client error on launch", "Client.InternalError")


class SharedAwsManagedKeyImage(EC2ClientError):
    def __init__(self) -> None:
        super().__init__("InvalidParameter",
                         "Snapshots encrypted with the AWS Managed CMK can't be shared. Specify another snapshot.")


class SharedAwsManagedKeySnapshot(EC2ClientError):
    def __init__(self) -> None:
        super().__init__("OperationNotPermitted", "Encrypted snapshots with EBS default key cannot be shared")


class KeyNotUsable(EC2ClientError):
    def __init__(self, key_ref: str, account: str, what: str) -> None:
        super().__init__("InvalidRequest",
                         f"The KMS key {key_ref} {what} cannot be used by account {account}: its key policy "
                         f"or a grant must allow {NEEDED}.")


# ---------------------------------------------------------------- the default EBS key

def create_default_encryption_key(self: EBSBackend) -> str:
    """The account's ``aws/ebs`` key, created on first use as AWS creates it."""
    kms = kms_backends[self.account_id][self.region_name]  # type: ignore[attr-defined]
    self.default_kms_key_id = kms.describe_key(EBS_ALIAS).arn
    return self.default_kms_key_id


def default_key_arn(backend: Any) -> str:
    return backend.default_kms_key_id or backend._create_default_encryption_key()


# ---------------------------------------------------------------- images and snapshots

def block_device_mappings(self: Ami) -> list[dict[str, Any]]:
    """DescribeImages' mapping, with the snapshot's ``Encrypted`` and ``KmsKeyId`` as AWS shows them."""
    snapshot = self.ebs_snapshot
    ebs: dict[str, Any] = {"SnapshotId": snapshot.id, "VolumeSize": 15, "DeleteOnTermination": False,
                           "VolumeType": "standard", "Encrypted": bool(snapshot.encrypted)}
    if snapshot.encrypted and snapshot.kms_key_id:
        ebs["KmsKeyId"] = snapshot.kms_key_id
    return [{"DeviceName": self.root_device_name, "Ebs": ebs}]


def _set_encryption(snapshot: Any, kms_key_arn: str | None) -> None:
    snapshot.encrypted = kms_key_arn is not None
    snapshot.kms_key_id = kms_key_arn


_create_image = AmiBackend.create_image


def create_image(self: Any, instance_id: str, *args: Any, **kwargs: Any) -> Ami:
    """The image's snapshot is the instance's root volume's: same encryption, same key."""
    ami = _create_image(self, instance_id, *args, **kwargs)
    instance = self.get_instance(instance_id)
    mapping = instance.block_device_mapping.get(instance.root_device_name)
    if mapping is None and instance.block_device_mapping:
        mapping = next(iter(instance.block_device_mapping.values()))
    if mapping is not None:
        volume = self.get_volume(mapping.volume_id)
        _set_encryption(ami.ebs_snapshot, volume.kms_key_id if volume.encrypted else None)
        if volume.encrypted and not volume.kms_key_id:
            _set_encryption(ami.ebs_snapshot, default_key_arn(self))
    return ami


_create_snapshot = EBSBackend.create_snapshot
_copy_snapshot = EBSBackend.copy_snapshot


def create_snapshot(self: Any, volume_id: str, description: str, owner_id: str | None = None,
                    from_ami: str | None = None) -> Any:
    """A snapshot of an encrypted volume shows the volume's key (moto: Encrypted without KmsKeyId)."""
    snapshot = _create_snapshot(self, volume_id, description, owner_id=owner_id, from_ami=from_ami)
    volume = self.get_volume(volume_id)
    if volume.encrypted:
        _set_encryption(snapshot, volume.kms_key_id or default_key_arn(self))
    return snapshot


def copy_snapshot(self: Any, source_snapshot_id: str, source_region: str, description: str,
                  kms_key_id: str | None) -> Any:
    """CopySnapshot of an encrypted snapshot without ``KmsKeyId`` keeps its key (moto: drops it)."""
    copy = _copy_snapshot(self, source_snapshot_id, source_region, description, kms_key_id)
    if copy.encrypted and not copy.kms_key_id:
        source = ec2_backends[self.account_id][source_region].get_snapshot(source_snapshot_id)
        _set_encryption(copy, source.kms_key_id or default_key_arn(self))
    return copy


def _check_not_aws_managed(snapshot: Any, region: str) -> bool:
    return bool(snapshot.encrypted) and is_aws_managed(snapshot.kms_key_id, snapshot.owner_id, region)


_modify_image_attribute = AmiBackend.modify_image_attribute


def modify_image_attribute(self: Any, ami_id: str, launch_permissions_to_add: Any,
                           launch_permissions_to_remove: Any) -> None:
    _modify_image_attribute_check(self, ami_id, launch_permissions_to_add)
    _modify_image_attribute(self, ami_id, launch_permissions_to_add, launch_permissions_to_remove)


def _modify_image_attribute_check(self: Any, ami_id: str, to_add: Any) -> None:
    ami = self.amis.get(ami_id)
    if ami is None or not to_add:
        return  # not the caller's: patch_sharing answers
    others = [p for p in to_add if p.get("Group") == "all" or p.get("UserId") not in (None, self.account_id)]
    if others and _check_not_aws_managed(ami.ebs_snapshot, self.region_name):
        raise SharedAwsManagedKeyImage()


_add_create_volume_permission = EBSBackend.add_create_volume_permission


def add_create_volume_permission(self: Any, snapshot_id: str, user_ids: list[str], groups: list[str]) -> None:
    snapshot = self.get_snapshot(snapshot_id)
    if (user_ids or groups) and _check_not_aws_managed(snapshot, self.region_name):
        raise SharedAwsManagedKeySnapshot()
    _add_create_volume_permission(self, snapshot_id, user_ids=user_ids, groups=groups)


def _has_storage_access(snapshot: Any, account: str) -> bool:
    return (snapshot.owner_id == account or "all" in snapshot.create_volume_permission_groups
            or account in snapshot.create_volume_permission_userids)


_copy_image_response = AmisResponse.copy_image


def copy_image_response(self: AmisResponse) -> Any:
    """CopyImage's ``Encrypted``/``KmsKeyId`` (moto ignores both), and the caller's use of the keys."""
    from . import patch_sharing

    encrypted = str(self._get_param("Encrypted", "false")).lower() == "true"
    key_ref = self._get_param("KmsKeyId")
    if key_ref and not encrypted:
        raise InvalidParameterDependency("KmsKeyId", "Encrypted")
    backend = self.ec2_backend
    me, region = backend.account_id, backend.region_name
    source_region = self._get_param("SourceRegion") or region
    try:
        source = patch_sharing.describe_images(ec2_backends[me][source_region],
                                               ami_ids=[self._get_param("SourceImageId")])[0]
    except Exception:
        return _copy_image_response(self)  # moto / patch_sharing give the error
    snapshot = source.ebs_snapshot
    if not _has_storage_access(snapshot, me):
        return _copy_image_response(self)  # patch_sharing: no permission to access the storage
    if snapshot.encrypted and not may_use(resolve_key(snapshot.owner_id, source_region, snapshot.kms_key_id), me):
        raise KeyNotUsable(snapshot.kms_key_id, me, f"that encrypts snapshot {snapshot.id} of {source.id}")
    if key_ref:
        key = resolve_key(me, region, key_ref)
        if not may_use(key, me):
            raise KeyNotUsable(key_ref, me, "named in KmsKeyId")
        target = key.arn
    elif snapshot.encrypted and source.owner_id == me:
        target = snapshot.kms_key_id
    elif snapshot.encrypted or encrypted or backend.ebs_encryption_by_default:
        target = default_key_arn(backend)
    else:
        target = None
    result = _copy_image_response(self)
    _set_encryption(backend.amis[result.result["ImageId"]].ebs_snapshot, target)
    return result


# ---------------------------------------------------------------- RunInstances

def validate_block_device_mapping(device_mapping: dict[str, Any]) -> None:
    """moto's check minus "size or snapshotId", which the backend makes once it knows the AMI's root."""
    from moto.ec2.exceptions import InvalidRequest

    if "NoDevice" in device_mapping:
        if device_mapping["NoDevice"] == "":
            return
        raise InvalidRequest()
    if "Ebs" not in device_mapping:
        raise MissingParameterError("ebs")


def _launch_mappings(backend: Any, ami: Ami, requested: list[dict[str, Any]] | None) -> list[dict[str, Any]]:
    """The volumes to create: the AMI's root (from its snapshot) with the request's overrides, plus
    the request's other devices, each with its effective encryption and key."""
    snapshot = ami.ebs_snapshot
    by_default = bool(getattr(backend, "ebs_encryption_by_default", False))
    root = {"DeviceName": ami.root_device_name, "VirtualName": None, "NoDevice": None,
            "Ebs": {"SnapshotId": None, "VolumeSize": 15, "DeleteOnTermination": True, "VolumeType": None,
                    "Iops": None, "Encrypted": bool(snapshot.encrypted) or by_default,
                    "KmsKeyId": snapshot.kms_key_id}}
    result = [root]
    for mapping in requested or []:
        ebs = mapping.get("Ebs") or {}
        if mapping.get("DeviceName") == ami.root_device_name:
            if mapping.get("NoDevice") == "":
                continue
            for field in ("VolumeSize", "VolumeType", "Iops", "DeleteOnTermination"):
                if ebs.get(field) is not None:
                    root["Ebs"][field] = ebs[field]
            if ebs.get("KmsKeyId"):
                root["Ebs"]["KmsKeyId"] = ebs["KmsKeyId"]
                if not (ebs.get("Encrypted") or snapshot.encrypted):
                    raise InvalidParameterDependency("KmsKeyId", "Encrypted")
            root["Ebs"]["Encrypted"] = bool(snapshot.encrypted or ebs.get("Encrypted") or by_default)
            continue
        if mapping.get("NoDevice") == "":
            result.append(mapping)
            continue
        if not ebs.get("VolumeSize") and not ebs.get("SnapshotId"):
            raise MissingParameterError("size or snapshotId")
        if ebs.get("SnapshotId"):
            own = backend.get_snapshot(ebs["SnapshotId"])
            if own.encrypted:
                ebs["Encrypted"] = True
                ebs["KmsKeyId"] = ebs.get("KmsKeyId") or own.kms_key_id
        if ebs.get("KmsKeyId") and not ebs.get("Encrypted"):
            raise InvalidParameterDependency("KmsKeyId", "Encrypted")
        ebs["Encrypted"] = bool(ebs.get("Encrypted")) or by_default
        result.append(mapping)
    return result


def _wrap_run_instances(inner: Any, raw: Any) -> Any:
    def run_instances(self: Any, image_id: str, count: int, user_data: Any, security_group_names: Any,
                      **kwargs: Any) -> Any:
        if kwargs.get("launch_template") or kwargs.get("launch_config"):
            return inner(self, image_id, count, user_data, security_group_names, **kwargs)
        try:
            ami = self.describe_images(ami_ids=[image_id])[0]
        except Exception:
            return inner(self, image_id, count, user_data, security_group_names, **kwargs)  # its error
        mappings = _launch_mappings(self, ami, kwargs.get("block_device_mappings"))
        usable = True
        for mapping in mappings:
            ebs = mapping.get("Ebs") or {}
            if ebs.get("Encrypted") and ebs.get("KmsKeyId"):
                key = resolve_key(self.account_id, self.region_name, ebs["KmsKeyId"])
                usable = usable and may_use(key, self.account_id)
                if key is not None:
                    ebs["KmsKeyId"] = key.arn
        kwargs["block_device_mappings"] = mappings
        if usable:
            reservation = inner(self, image_id, count, user_data, security_group_names, **kwargs)
        else:
            # The launch is accepted; EC2 then fails it for want of the key: no boot, terminated.
            reservation = raw(self, image_id, count, user_data, security_group_names, **kwargs)
            for instance in reservation.instances:
                instance.terminate()
                instance.state_reason = LAUNCH_ERROR
                instance._reason = LAUNCH_ERROR.message
        for instance in reservation.instances:
            mapping = instance.block_device_mapping.get(ami.root_device_name)
            if mapping is not None:
                try:
                    self.get_volume(mapping.volume_id).snapshot_id = ami.ebs_snapshot.id
                except Exception:
                    pass  # deleted with the failed launch
        return reservation
    return run_instances


def apply() -> None:
    """After patch_sharing and patch_instances (it wraps their methods), before patch_idempotency
    and patch_pending (which wrap these)."""
    from . import patch_instances

    KmsBackend._generate_default_keys = generate_default_keys
    EBSBackend._create_default_encryption_key = create_default_encryption_key
    EBSBackend.add_create_volume_permission = add_create_volume_permission
    EBSBackend.create_snapshot = create_snapshot
    EBSBackend.copy_snapshot = copy_snapshot
    Ami.block_device_mappings = property(block_device_mappings)
    global _create_image, _modify_image_attribute, _copy_image_response
    _create_image = AmiBackend.create_image
    _modify_image_attribute = AmiBackend.modify_image_attribute
    _copy_image_response = AmisResponse.copy_image
    AmiBackend.create_image = create_image
    AmiBackend.modify_image_attribute = modify_image_attribute
    AmisResponse.copy_image = copy_image_response
    InstanceResponse._validate_block_device_mapping = staticmethod(validate_block_device_mapping)
    InstanceBackend.run_instances = _wrap_run_instances(InstanceBackend.run_instances, patch_instances._run)

"""Cross-account AMI sharing.

moto keeps AMIs in per-(account, region) backends and never lets account B see A's AMI, even when A
granted B a launch permission (reference/moto-fidelity.md §2).  AWS behaviour reproduced here:

* DescribeImages returns "public images, private images that you own, and private images owned by other
  AWS accounts for which you have explicit launch permissions"; ``ImageIds`` naming an image you
  cannot access is treated as not existing; ``Owners`` scopes that set by owner; ``ExecutableUsers``
  ``self`` (or your id) gives AMIs shared with your account, ``all`` public ones.
  https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeImages.html
* RunInstances with a shared AMI works in the account it is shared with, and fails with
  ``InvalidAMIID.NotFound`` elsewhere (the lab turns on moto's own AMI and key-pair validation).
  https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/sharingamis-explicit.html
* CopyImage of an AMI shared with you needs read access to its storage: every backing snapshot must
  carry a createVolumePermission for you (or be public), else ``InvalidRequest`` "You do not have
  permission to access the storage of this ami".  The copy is owned by the caller and does not keep
  launch permissions or tags.
  https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/CopyingAMIs.html#copy-ami-across-accounts
* ModifySnapshotAttribute's structured ``CreateVolumePermission`` form works (moto ignores it).
* Only the owner changes an AMI's attributes (ModifyImageAttribute); other accounts that can see a
  shared image may read its description-like attributes with DescribeImageAttribute but not its
  launch permissions (``AuthFailure``; the exact AWS error for that case is unverified).
"""

from __future__ import annotations

from typing import Any

from moto.ec2.exceptions import EC2ClientError, InvalidAMIIdError, MalformedAMIIdError
from moto.ec2.models import ec2_backends
from moto.ec2.models.amis import Ami, AmiBackend
from moto.core.responses import EmptyResult
from moto.ec2.responses.amis import AmisResponse
from moto.ec2.responses.elastic_block_store import ElasticBlockStore
from moto.ec2.utils import generic_filter, random_ami_id


class StorageAccessDenied(EC2ClientError):
    def __init__(self) -> None:
        super().__init__("InvalidRequest", "You do not have permission to access the storage of this ami")


class NotAuthorizedForImage(EC2ClientError):
    def __init__(self, ami_id: str) -> None:
        super().__init__("AuthFailure", f"Not authorized for image:{ami_id}")


def has_launch_permission(ami: Ami, account: str) -> bool:
    """Explicit or public launch permission (the owner's implicit permission is not included)."""
    return ami.is_public or {"UserId": account} in ami.launch_permissions


def can_see(ami: Ami, account: str) -> bool:
    return ami.owner_id == account or has_launch_permission(ami, account)


def images_in_region(region: str) -> list[Ami]:
    """Every AMI any account has in ``region`` (only backends that already exist are walked)."""
    found: list[Ami] = []
    for _account, backend_region, backend in ec2_backends.iter_backends():
        if backend_region == region:
            found.extend(backend.amis.copy().values())
    return found


class _ForeignAmi(Ami):
    """An AMI as another account sees it: same object state, but no tags — "Tags are not shared"
    with other accounts (they are per account;
    https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/sharingamis-explicit.html), so a shared
    image's tags neither show up in B's DescribeImages nor match B's ``tag:`` filters."""

    def get_tags(self) -> list[dict[str, str]]:
        return []


def _as_seen_by(ami: Ami, account: str) -> Ami:
    if ami.owner_id == account:
        return ami
    view = object.__new__(_ForeignAmi)
    view.__dict__ = ami.__dict__  # one state: changes by the owner show through at once
    return view


def describe_images(self: AmiBackend, ami_ids: list[str] | None = None, filters: Any = None,
                    exec_users: list[str] | None = None, owners: list[str] | None = None) -> list[Ami]:
    me = self.account_id  # type: ignore[attr-defined]
    images = [_as_seen_by(ami, me) for ami in images_in_region(self.region_name)  # type: ignore[attr-defined]
              if can_see(ami, me)]
    if ami_ids:
        malformed = [i for i in ami_ids if not i.startswith("ami-")]
        if malformed:
            raise MalformedAMIIdError(malformed)
        images = [ami for ami in images if ami.id in ami_ids]
        deleted = [i for i in ami_ids if i in self.deleted_amis]
        if not images and not deleted:
            raise InvalidAMIIdError(ami_ids)
    # ImageIds, ExecutableUsers, Owners and Filters intersect ("The result set ... is the
    # intersection", as ec2-describe-images documents it).
    if exec_users:
        wanted = {me if u == "self" else u for u in exec_users}
        images = [
            ami for ami in images
            if ("all" in wanted and ami.is_public)
            or any({"UserId": u} in ami.launch_permissions for u in wanted if u != "all")
        ]
    if owners:
        wanted_owners = {me if o == "self" else o for o in owners}
        images = [ami for ami in images
                  if ami.owner_id in wanted_owners or ami.owner_alias in wanted_owners]
    if filters:
        return generic_filter(filters, images)
    return images


def _own_image(self: AmiBackend, ami_id: str) -> Ami:
    """The caller's own image, or the error AWS gives a non-owner (NotFound when it is not visible)."""
    if ami_id in self.amis:
        return self.amis[ami_id]
    visible = describe_images(self, ami_ids=[ami_id])
    if visible:
        raise NotAuthorizedForImage(ami_id)
    raise InvalidAMIIdError(ami_id)


_original_modify = AmiBackend.modify_image_attribute


def modify_image_attribute(self: AmiBackend, ami_id: str, launch_permissions_to_add: Any,
                           launch_permissions_to_remove: Any) -> None:
    _own_image(self, ami_id)
    _original_modify(self, ami_id, launch_permissions_to_add, launch_permissions_to_remove)


def describe_image_attribute(self: AmiBackend, ami_id: str, attribute_name: str) -> Any:
    if ami_id in self.amis:
        return getattr(self.amis[ami_id], attribute_name)
    found = describe_images(self, ami_ids=[ami_id])
    if not found:
        raise InvalidAMIIdError(ami_id)
    if attribute_name == "launch_permissions":
        raise NotAuthorizedForImage(ami_id)
    return getattr(found[0], attribute_name)


def copy_image(self: AmiBackend, source_image_id: str, source_region: str, name: str | None = None,
               description: str | None = None) -> Ami:
    from . import lab as lab_module

    me = self.account_id  # type: ignore[attr-defined]
    source_region = source_region or self.region_name  # type: ignore[attr-defined]
    source_backend = ec2_backends[me][source_region]
    source = describe_images(source_backend, ami_ids=[source_image_id])[0]
    if source.owner_id != me:
        snapshot = source.ebs_snapshot
        if not ("all" in snapshot.create_volume_permission_groups
                or me in snapshot.create_volume_permission_userids):
            raise StorageAccessDenied()
    ami = Ami(self, random_ami_id(), instance=None, source_ami=source, name=name,
              description=description)
    self.amis[ami.id] = ami
    if lab_module.LAB is not None:
        lab_module.LAB.copy_image(source, ami)
    return ami


_original_register_response = AmisResponse.register_image


def register_image_response(self: AmisResponse) -> Any:
    """RegisterImage honours ``TagSpecifications`` (ResourceType image), as AWS does; moto drops them.
    The lab's base images are registered this way with their ``amikey-lab:*`` tags."""
    result = _original_register_response(self)
    tags: dict[str, str] = {}
    for spec in self._get_param("TagSpecifications", []):
        if spec.get("ResourceType") == "image":
            tags.update({t["Key"]: t["Value"] for t in spec.get("Tags", [])})
    if tags:
        image_id = result.result["ImageId"]
        self.ec2_backend.create_tags([image_id], tags)
    return result


_original_modify_snapshot_response = ElasticBlockStore.modify_snapshot_attribute


def modify_snapshot_attribute_response(self: ElasticBlockStore) -> Any:
    """ModifySnapshotAttribute also in its structured form, ``CreateVolumePermission.Add.N.UserId`` /
    ``.Group`` (and ``.Remove``), which AWS accepts and moto 5.2.1 silently ignores: without it a
    snapshot could never be shared the way SDKs usually send it, and CopyImage of a shared AMI
    (which needs that permission) could not succeed.
    https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_ModifySnapshotAttribute.html"""
    structured = self._get_param("CreateVolumePermission", {}) or {}
    if self._get_param("OperationType") or not structured:
        return _original_modify_snapshot_response(self)
    self.error_on_dryrun()
    snapshot_id = self._get_param("SnapshotId")
    for operation, method in (("Add", self.ec2_backend.add_create_volume_permission),
                              ("Remove", self.ec2_backend.remove_create_volume_permission)):
        items = structured.get(operation, []) or []
        user_ids = [i["UserId"] for i in items if "UserId" in i]
        groups = [i["Group"] for i in items if "Group" in i]
        if user_ids or groups:
            method(snapshot_id, user_ids=user_ids, groups=groups)
    return EmptyResult()


def apply() -> None:
    ElasticBlockStore.modify_snapshot_attribute = modify_snapshot_attribute_response
    AmiBackend.describe_images = describe_images
    AmiBackend.modify_image_attribute = modify_image_attribute
    AmiBackend.describe_image_attribute = describe_image_attribute
    AmiBackend.copy_image = copy_image
    AmisResponse.register_image = register_image_response

import AWSCore
import AWSTestSupport
import Foundation
import Synchronization
import Testing

@testable import AWSServices

/// The EC2 operations of a migration, in the order amikey makes them, through `AWSServiceClient` on moto.
///
/// moto makes every transition at once (images `available`, instances `running`/`stopped` on the next
/// Describe), so the waiters succeed on their first poll here; their delays are checked with a fake clock in
/// `EC2WaiterTests`. Each test works in its own Region so counts are not disturbed by parallel tests.
@Suite("EC2 through AWSServiceClient on moto")
struct EC2LifecycleIntegrationTests {
    @Test("launch, image, share, copy, stop/start, user data, console, tags, network, Regions")
    func migrationLifecycle() async throws {
        let moto = try await MotoServer.shared()
        let clock = ManualClock()
        let aws = MotoServiceClients.client(moto, region: "eu-west-3", clock: clock)
        let tag = EC2.Tag(key: "amikey:test", value: MotoServiceClients.name("life"))

        // RunInstances: the ClientToken was made once, when the input was built.
        let run = EC2.RunInstancesInput(
            imageId: "ami-12c6146b", instanceType: "t3.micro", userData: Array("#!/bin/sh\necho one\n".utf8),
            tagSpecifications: [.init(resourceType: "instance", tags: [tag])])
        #expect(UUID(uuidString: run.clientToken) != nil)
        let reservation = try await aws.send(EC2.runInstances(run))
        let instanceId = try #require(reservation.instances.first?.instanceId)
        try await aws.wait(
            EC2.Waiters.instanceRunning, polling: EC2.describeInstances(.init(instanceIds: [instanceId])))
        var listed: [String] = []
        for try await instance in aws.instances(.init(filters: [.init(name: "tag:amikey:test", values: [tag.value])])) {
            listed.append(instance.instanceId)
        }
        #expect(listed == [instanceId])

        // CreateImage, tagged for reconciliation, then found by that tag and by id.
        let create = EC2.CreateImageInput(instanceId: instanceId, name: MotoServiceClients.name("image"))
            .withRequestTag()
        let imageId = try await aws.createImage(create).imageId
        #expect(try await aws.image(taggedWith: #require(create.requestTag))?.imageId == imageId)
        let progress = Mutex<[WaiterProgress]>([])
        let sleepsBefore = clock.sleeps.count
        try await aws.wait(EC2.Waiters.imageAvailable, polling: EC2.describeImages(.init(imageIds: [imageId]))) {
            report in progress.withLock { $0.append(report) }
        }
        // Available at the first poll, so the waiter's 15 s delay was never slept (the clock also takes backoffs).
        #expect(progress.withLock { $0.map(\.waiter) } == ["ImageAvailable"])
        #expect(progress.withLock { $0.map(\.matchedState) } == [.success])
        #expect(!clock.sleeps.dropFirst(sleepsBefore).contains(.seconds(15)))
        let image = try #require(try await aws.send(EC2.describeImages(.init(imageIds: [imageId]))).images.first)
        #expect(image.tags.contains(.init(key: EC2.requestTagKey, value: try #require(create.requestTag))))
        let snapshotId = try #require(image.blockDeviceMappings.compactMap(\.ebs?.snapshotId).first)

        // DescribeSnapshots and the SnapshotCompleted waiter.
        let snapshots = try await aws.send(EC2.describeSnapshots(.init(snapshotIds: [snapshotId])))
        #expect(snapshots.snapshots.map(\.snapshotId) == [snapshotId])
        try await aws.wait(
            EC2.Waiters.snapshotCompleted, polling: EC2.describeSnapshots(.init(snapshotIds: [snapshotId])))

        // Share with account 222222222222: launch permission on the image, create-volume permission on the snapshot.
        // Sent twice to show the repeat (a retry) leaves the same single permission.
        for _ in 0..<2 {
            _ = try await aws.send(
                EC2.modifyImageAttribute(.init(imageId: imageId, add: [.account("222222222222")])))
        }
        let permissions = try await aws.send(EC2.describeImageAttribute(.init(imageId: imageId)))
        #expect(permissions.launchPermissions == [.account("222222222222")])
        _ = try await aws.send(
            EC2.modifySnapshotAttribute(.init(snapshotId: snapshotId, addUserIds: ["222222222222"])))

        // CopyImage within the account, into another Region (called in the destination Region).
        let copier = MotoServiceClients.client(moto, region: "eu-north-1", clock: clock)
        let copyId = try await copier.send(
            EC2.copyImage(.init(sourceImageId: imageId, sourceRegion: "eu-west-3", name: "copy-of-\(imageId)"))
        )
        .imageId
        try await copier.wait(EC2.Waiters.imageAvailable, polling: EC2.describeImages(.init(imageIds: [copyId])))
        let copied = try await copier.send(EC2.describeImages(.init(imageIds: [copyId]))).images
        #expect(copied.map(\.imageId) == [copyId])

        // Stop, replace the user data (Attribute/Value form), read it back, start again.
        let stopped = try await aws.send(EC2.stopInstances(.init(instanceIds: [instanceId])))
        #expect(stopped.instances.map(\.instanceId) == [instanceId])
        try await aws.wait(
            EC2.Waiters.instanceStopped, polling: EC2.describeInstances(.init(instanceIds: [instanceId])))
        let before = try await aws.send(
            EC2.describeInstanceAttribute(.init(instanceId: instanceId, attribute: "userData")))
        #expect(before.userData == Array("#!/bin/sh\necho one\n".utf8))
        let script = Array("#cloud-config\nssh_authorized_keys:\n  - ssh-ed25519 AAAA test\n".utf8)
        _ = try await aws.send(EC2.modifyInstanceAttribute(.init(instanceId: instanceId, userData: script)))
        let after = try await aws.send(
            EC2.describeInstanceAttribute(.init(instanceId: instanceId, attribute: "userData")))
        #expect(after.userData == script)
        _ = try await aws.send(EC2.startInstances(.init(instanceIds: [instanceId])))
        try await aws.wait(
            EC2.Waiters.instanceRunning, polling: EC2.describeInstances(.init(instanceIds: [instanceId])))

        // GetConsoleOutput: moto returns a fixed Xen boot log for every instance (moto-fidelity.md §5).
        let console = try await aws.send(EC2.getConsoleOutput(.init(instanceId: instanceId)))
        #expect(console.instanceId == instanceId)
        #expect(console.text?.contains("Linux version") == true)

        // CreateTags on image and snapshot, seen by DescribeImages.
        let marker = EC2.Tag(key: "amikey:shared-with", value: "222222222222")
        _ = try await aws.send(EC2.createTags(.init(resources: [imageId, snapshotId], tags: [marker])))
        let retagged = try await aws.send(EC2.describeImages(.init(imageIds: [imageId]))).images.first
        #expect(retagged?.tags.contains(marker) == true)
    }

    @Test("DescribeSecurityGroups, DescribeSubnets and DescribeRegions list the default VPC's resources")
    func networkAndRegions() async throws {
        let moto = try await MotoServer.shared()
        let aws = MotoServiceClients.client(moto, region: "ca-central-1")

        var groups: [EC2.SecurityGroup] = []
        for try await group in aws.securityGroups(.init(filters: [.init(name: "group-name", values: ["default"])])) {
            groups.append(group)
        }
        let group = try #require(groups.first)
        #expect(group.groupName == "default")
        #expect(group.groupId.hasPrefix("sg-"))
        let byId = try await aws.send(EC2.describeSecurityGroups(.init(groupIds: [group.groupId])))
        #expect(byId.securityGroups.map(\.groupId) == [group.groupId])

        var subnets: [EC2.Subnet] = []
        for try await subnet in aws.subnets(.init(filters: [.init(name: "default-for-az", values: ["true"])])) {
            subnets.append(subnet)
        }
        #expect(!subnets.isEmpty)
        #expect(
            subnets.allSatisfy { $0.vpcId == group.vpcId && $0.availabilityZone?.hasPrefix("ca-central-1") == true })

        let regions = try await aws.send(EC2.describeRegions(.init(regionNames: ["ca-central-1", "eu-west-3"])))
        #expect(Set(regions.regions.map(\.regionName)) == ["ca-central-1", "eu-west-3"])
    }

    @Test("not found: unknown instance, image and snapshot ids are AWS errors with code and request id")
    func notFound() async throws {
        let moto = try await MotoServer.shared()
        let aws = MotoServiceClients.client(moto, region: "eu-west-3")
        let instance = await #expect(throws: AWSServiceError.self) {
            try await aws.send(EC2.describeInstances(.init(instanceIds: ["i-0123456789abcdef0"])))
        }
        #expect(instance?.code == "InvalidInstanceID.NotFound")
        #expect(instance?.requestID?.isEmpty == false)
        let image = await #expect(throws: AWSServiceError.self) {
            try await aws.send(EC2.describeImages(.init(imageIds: ["ami-0123456789abcdef0"])))
        }
        #expect(image?.code == "InvalidAMIID.NotFound")
        let snapshot = await #expect(throws: AWSServiceError.self) {
            try await aws.send(EC2.describeSnapshots(.init(snapshotIds: ["snap-0123456789abcdef0"])))
        }
        #expect(snapshot?.code == "InvalidSnapshot.NotFound")
    }
}

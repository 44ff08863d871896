import AWSCore
import Foundation
import Synchronization
import Testing

@testable import AWSServices

@Suite struct EC2ImageResponseTests {
    @Test func createAndCopyImageFromMoto() throws {
        let created = try EC2.createImage(.init(instanceId: "i-9bc697e8964e82998", name: "amikey-copy"))
            .decode(motoResponse("ec2.createImage"))
        #expect(created.imageId == "ami-100c9169d83ebf377")
        let copied = try EC2.copyImage(
            .init(sourceImageId: created.imageId, sourceRegion: "us-east-1", name: "copied", clientToken: "c1")
        ).decode(motoResponse("ec2.copyImage"))
        #expect(copied.imageId == "ami-d7c2304d977a6f182")
    }

    @Test func describeImagesFromMoto() throws {
        let output = try EC2.describeImages(.init(imageIds: ["ami-100c9169d83ebf377"]))
            .decode(motoResponse("ec2.describeImages"))
        #expect(output.nextToken == nil)
        let image = try #require(output.images.first)
        #expect(output.images.count == 1)
        #expect(image.imageId == "ami-100c9169d83ebf377")
        #expect(image.state == "available")
        #expect(image.ownerId == "123456789012")
        #expect(image.isPublic == false)
        #expect(image.name == "amikey-copy")
        #expect(image.description == "")
        #expect(image.creationDate == "2026-11-29T17:59:56.000Z")
        #expect(image.rootDeviceName == "/dev/sda1")
        #expect(image.sourceInstanceId == "i-9bc697e8964e82998")
        #expect(image.tags == [EC2.Tag(key: "amikey:run", value: "r1")])
        let mapping = try #require(image.blockDeviceMappings.first)
        #expect(mapping.deviceName == "/dev/sda1")
        #expect(mapping.ebs?.snapshotId == "snap-c02d24af1a437ae6e")
        #expect(mapping.ebs?.volumeSize == 15)
        #expect(mapping.ebs?.deleteOnTermination == false)
        #expect(mapping.ebs?.encrypted == nil)
    }

    /// Where an image came from and how it bills, as the EC2 API reference's `Image` type names them
    /// (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_Image.html): CreateImage images name their source
    /// instance and AMI, CopyImage images only their source AMI, registered images neither.
    @Test(arguments: [
        (
            "<sourceInstanceId>i-0abc</sourceInstanceId><sourceImageId>ami-0base</sourceImageId>"
                + "<sourceImageRegion>eu-west-1</sourceImageRegion>",
            "i-0abc", "ami-0base", "eu-west-1"
        ),
        ("<sourceImageId>ami-0made</sourceImageId><sourceImageRegion>us-east-1</sourceImageRegion>", nil, "ami-0made", "us-east-1"),
        ("", nil, nil, nil),
    ] as [(String, String?, String?, String?)])
    func imageOrigin(_ fields: String, _ instance: String?, _ sourceImage: String?, _ sourceRegion: String?) throws {
        let body = """
            <DescribeImagesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>r</requestId><imagesSet><item>\
            <imageId>ami-1</imageId><imageState>available</imageState><platformDetails>Linux/UNIX</platformDetails>\
            <usageOperation>RunInstances</usageOperation>\(fields)</item></imagesSet></DescribeImagesResponse>
            """
        let image = try #require(try EC2.describeImages(.init()).decode(okResponse(body)).images.first)
        #expect(image.sourceInstanceId == instance)
        #expect(image.sourceImageId == sourceImage)
        #expect(image.sourceImageRegion == sourceRegion)
        #expect(image.platformDetails == "Linux/UNIX")
        #expect(image.usageOperation == "RunInstances")
    }

    @Test func describeImagesPagesStopOnEmptyToken() async throws {
        let first = """
            <DescribeImagesResponse><imagesSet><item><imageId>ami-1</imageId></item></imagesSet>\
            <nextToken>next/1=</nextToken></DescribeImagesResponse>
            """
        let last =
            "<DescribeImagesResponse><imagesSet><item><imageId>ami-2</imageId></item></imagesSet><nextToken/></DescribeImagesResponse>"
        let calls = Mutex(0)
        let pages = EC2.describeImagesPages(.init(owners: ["self"])) { operation in
            let body = String(decoding: operation.request.body, as: UTF8.self)
            calls.withLock { $0 += 1 }
            return try operation.decode(okResponse(body.contains("NextToken=next%2F1%3D") ? last : first))
        }
        var ids: [String] = []
        for try await page in pages { ids += page.images.map(\.imageId) }
        #expect(ids == ["ami-1", "ami-2"])
        #expect(calls.withLock { $0 } == 2)
    }

    @Test func launchPermissionsFromMoto() throws {
        _ = try EC2.modifyImageAttribute(.init(imageId: "ami-100c9169d83ebf377", add: [.account("222222222222")]))
            .decode(motoResponse("ec2.modifyImageAttribute"))
        let output = try EC2.describeImageAttribute(.init(imageId: "ami-100c9169d83ebf377"))
            .decode(motoResponse("ec2.describeImageAttribute"))
        #expect(output.imageId == "ami-100c9169d83ebf377")
        #expect(output.launchPermissions == [.account("222222222222")])
    }

    @Test func launchPermissionKinds() throws {
        let body = """
            <DescribeImageAttributeResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">
              <requestId>r</requestId><imageId>ami-1</imageId>
              <launchPermission>
                <item><group>all</group></item>
                <item><organizationArn>arn:aws:organizations::111111111111:organization/o-abc</organizationArn></item>
                <item><organizationalUnitArn>arn:aws:organizations::111111111111:ou/o-abc/ou-1</organizationalUnitArn></item>
              </launchPermission>
            </DescribeImageAttributeResponse>
            """
        let output = try EC2.describeImageAttribute(.init(imageId: "ami-1")).decode(okResponse(body))
        #expect(
            output.launchPermissions == [
                .init(group: "all"),
                .init(organizationArn: "arn:aws:organizations::111111111111:organization/o-abc"),
                .init(organizationalUnitArn: "arn:aws:organizations::111111111111:ou/o-abc/ou-1"),
            ])
    }

    @Test func describeSnapshotsFromMoto() throws {
        let output = try EC2.describeSnapshots(.init(ownerIds: ["self"])).decode(motoResponse("ec2.describeSnapshots"))
        #expect(
            output.snapshots.map(\.snapshotId) == [
                "snap-0c24fe1843288d0c4", "snap-c02d24af1a437ae6e", "snap-ab476cb2c2c9c70a2",
            ])
        let snapshot = output.snapshots[1]
        #expect(snapshot.state == "completed")
        #expect(snapshot.progress == "100%")
        #expect(snapshot.ownerId == "123456789012")
        #expect(snapshot.volumeSize == 15)
        #expect(snapshot.encrypted == false)
        #expect(snapshot.kmsKeyId == nil)
        #expect(snapshot.description == "Created by CreateImage(i-9bc697e8964e82998) for ami-100c9169d83ebf377")
        #expect(snapshot.startTime == AWSTimestamp.date(fromISO8601: "2026-11-29T17:59:56Z"))
        _ = try EC2.modifySnapshotAttribute(.init(snapshotId: snapshot.snapshotId, addUserIds: ["222222222222"]))
            .decode(motoResponse("ec2.modifySnapshotAttribute"))
    }

    @Test func badVolumeSizeNamesThePath() throws {
        let body = """
            <DescribeImagesResponse><imagesSet><item><imageId>ami-1</imageId><blockDeviceMapping><item>\
            <ebs><volumeSize>big</volumeSize></ebs></item></blockDeviceMapping></item></imagesSet></DescribeImagesResponse>
            """
        let error = try #require(throws: AWSDecodingError.self) {
            try EC2.describeImages(.init()).decode(okResponse(body))
        }
        #expect(error.path == "DescribeImagesResponse.imagesSet.item[0].blockDeviceMapping.item[0].ebs.volumeSize")
    }
}

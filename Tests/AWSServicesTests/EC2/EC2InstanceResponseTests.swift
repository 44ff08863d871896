import AWSCore
import Foundation
import Synchronization
import Testing

@testable import AWSServices

@Suite struct EC2InstanceResponseTests {
    @Test func describeInstancesByIdFromMoto() throws {
        let output = try EC2.describeInstances(.init(instanceIds: ["i-9bc697e8964e82998"]))
            .decode(motoResponse("ec2.describeInstances.ids"))
        #expect(output.nextToken == nil)
        let reservation = try #require(output.reservations.first)
        #expect(reservation.reservationId == "r-9ddffbac00c52b216")
        #expect(reservation.ownerId == "123456789012")
        let instance = try #require(reservation.instances.first)
        #expect(instance.instanceId == "i-9bc697e8964e82998")
        #expect(instance.imageId == "ami-677f6a78fc522aace")
        #expect(instance.state == EC2.InstanceState(code: 16, name: "running"))
        #expect(instance.keyName == "old-key")
        #expect(instance.instanceType == "m1.small")
        #expect(instance.availabilityZone == "us-east-1e")
        #expect(instance.subnetId == "subnet-5f85f4b472fef259c")
        #expect(instance.vpcId == "vpc-79abe8c1c9bd6271b")
        #expect(instance.privateIpAddress == "10.0.1.4")
        #expect(instance.rootDeviceName == "/dev/sda1")
        #expect(instance.stateTransitionReason == "")
        #expect(instance.launchTime == AWSTimestamp.date(fromISO8601: "2026-11-29T17:59:55Z"))
        #expect(instance.tags == [EC2.Tag(key: "Name", value: "web")])
        // moto's defaults are AWS's: IMDSv1 and v2 both answer, one hop, endpoint on, IPv6 endpoint and tags off.
        #expect(
            instance.metadataOptions
                == EC2.InstanceMetadataOptions(
                    state: "applied", httpTokens: "optional", httpPutResponseHopLimit: 1, httpEndpoint: "enabled",
                    httpProtocolIpv6: "disabled", instanceMetadataTags: "disabled"))
        // The instance's own <groupSet/> is empty; the interface's groupSet is not read as the instance's.
        #expect(instance.securityGroups.isEmpty)
    }

    /// `<metadataOptions>` as the EC2 API reference's `InstanceMetadataOptionsResponse` names its fields
    /// (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_InstanceMetadataOptionsResponse.html).
    @Test(arguments: [
        (
            "<metadataOptions><state>pending</state><httpTokens>required</httpTokens><httpPutResponseHopLimit>2</httpPutResponseHopLimit>"
                + "<httpEndpoint>enabled</httpEndpoint><httpProtocolIpv6>enabled</httpProtocolIpv6>"
                + "<instanceMetadataTags>enabled</instanceMetadataTags></metadataOptions>",
            EC2.InstanceMetadataOptions(
                state: "pending", httpTokens: "required", httpPutResponseHopLimit: 2, httpEndpoint: "enabled",
                httpProtocolIpv6: "enabled", instanceMetadataTags: "enabled")
        ),
        (
            "<metadataOptions><state>applied</state><httpEndpoint>disabled</httpEndpoint></metadataOptions>",
            EC2.InstanceMetadataOptions(state: "applied", httpEndpoint: "disabled")
        ),
        ("", nil),
    ] as [(String, EC2.InstanceMetadataOptions?)])
    func metadataOptions(_ element: String, _ expected: EC2.InstanceMetadataOptions?) throws {
        let body = """
            <DescribeInstancesResponse><reservationSet><item><instancesSet><item><instanceId>i-1</instanceId>\
            <instanceState><code>16</code><name>running</name></instanceState><platformDetails>Linux/UNIX</platformDetails>\
            <usageOperation>RunInstances</usageOperation>\(element)</item></instancesSet></item></reservationSet>\
            </DescribeInstancesResponse>
            """
        let instance = try #require(try EC2.describeInstances(.init()).decode(okResponse(body)).instances.first)
        #expect(instance.metadataOptions == expected)
        #expect(instance.platformDetails == "Linux/UNIX")
        #expect(instance.usageOperation == "RunInstances")
    }

    @Test func badHopLimitNamesThePath() throws {
        let body = """
            <DescribeInstancesResponse><reservationSet><item><instancesSet><item><instanceId>i-1</instanceId>\
            <instanceState><code>16</code><name>running</name></instanceState><metadataOptions>\
            <httpPutResponseHopLimit>two</httpPutResponseHopLimit></metadataOptions></item></instancesSet></item>\
            </reservationSet></DescribeInstancesResponse>
            """
        let error = try #require(throws: AWSDecodingError.self) {
            try EC2.describeInstances(.init()).decode(okResponse(body))
        }
        #expect(
            error.path
                == "DescribeInstancesResponse.reservationSet.item[0].instancesSet.item[0].metadataOptions.httpPutResponseHopLimit")
    }

    @Test func describeInstancesPagesFollowNextToken() async throws {
        let page1 = try motoResponse("ec2.describeInstances.page1")
        let page2 = try motoResponse("ec2.describeInstances.page2")
        let sentBodies = Mutex<[String]>([])
        let pages = EC2.describeInstancesPages(.init(maxResults: 5)) { operation in
            let body = String(decoding: operation.request.body, as: UTF8.self)
            sentBodies.withLock { $0.append(body) }
            return try operation.decode(body.contains("NextToken=") ? page2 : page1)
        }
        var instanceIds: [String] = []
        for try await page in pages { instanceIds += page.instances.map(\.instanceId) }
        #expect(instanceIds.count == 6)
        #expect(Set(instanceIds).count == 6)
        #expect(instanceIds.last == "i-8ea3988e5b7d26db8")
        #expect(
            sentBodies.withLock { $0 } == [
                "Action=DescribeInstances&Version=2016-11-15&MaxResults=5",
                "Action=DescribeInstances&Version=2016-11-15&NextToken=r-c09795189e10c2682&MaxResults=5",
            ])
    }

    @Test func firstPageCarriesTheToken() throws {
        let output = try EC2.describeInstances(.init(maxResults: 5)).decode(motoResponse("ec2.describeInstances.page1"))
        #expect(output.nextToken == "r-c09795189e10c2682")
        #expect(output.instances.count == 5)
    }

    @Test func runInstancesFromMoto() throws {
        let reservation = try EC2.runInstances(.init(imageId: "ami-1", clientToken: "tok-1"))
            .decode(motoResponse("ec2.runInstances"))
        #expect(reservation.reservationId == "r-9ddffbac00c52b216")
        #expect(reservation.instances.map(\.instanceId) == ["i-9bc697e8964e82998"])
        #expect(reservation.instances.first?.state == EC2.InstanceState(code: 0, name: "pending"))
    }

    @Test func dryRunSucceededIsAnError() throws {
        let error = try #require(throws: AWSServiceError.self) {
            try EC2.runInstances(.init(imageId: "ami-1", clientToken: "t", dryRun: true))
                .decode(motoResponse("ec2.runInstances.dryRun"))
        }
        #expect(error.statusCode == 412)
        #expect(error.category == .dryRunSucceeded)
    }

    @Test func notFoundFromMoto() throws {
        let error = try #require(throws: AWSServiceError.self) {
            try EC2.describeInstances(.init(instanceIds: ["i-0000000000000000f"]))
                .decode(motoResponse("ec2.describeInstances.notFound"))
        }
        #expect(error.code == "InvalidInstanceID.NotFound")
        #expect(error.requestID == "request-id")
    }

    @Test(arguments: [
        ("ec2.stopInstances", "stopping", 64, "running", 16),
        ("ec2.startInstances", "pending", 0, "stopped", 80),
    ])
    func stateChangesFromMoto(
        _ fixture: String, _ current: String, _ currentCode: Int, _ previous: String, _ previousCode: Int
    )
        throws
    {
        let response = try motoResponse(fixture)
        let output =
            fixture == "ec2.stopInstances"
            ? try EC2.stopInstances(.init(instanceIds: ["i-9bc697e8964e82998"])).decode(response)
            : try EC2.startInstances(.init(instanceIds: ["i-9bc697e8964e82998"])).decode(response)
        #expect(
            output.instances == [
                EC2.InstanceStateChange(
                    instanceId: "i-9bc697e8964e82998", currentState: .init(code: currentCode, name: current),
                    previousState: .init(code: previousCode, name: previous))
            ])
    }

    @Test func consoleOutputIsBase64Decoded() throws {
        let output = try EC2.getConsoleOutput(.init(instanceId: "i-9bc697e8964e82998"))
            .decode(motoResponse("ec2.getConsoleOutput"))
        #expect(output.instanceId == "i-9bc697e8964e82998")
        #expect(output.timestamp == AWSTimestamp.date(fromISO8601: "2026-11-29T17:59:56Z"))
        let text = try #require(output.text)
        #expect(text.hasPrefix("Linux version 2.6.16-xenU"))
        #expect(text.hasSuffix("Enabling fast FPU save and restore... done.\n"))
    }

    @Test func consoleOutputAbsentBeforeTheInstancePostsAny() throws {
        let body =
            "<GetConsoleOutputResponse><requestId>r</requestId><instanceId>i-1</instanceId><output/></GetConsoleOutputResponse>"
        let output = try EC2.getConsoleOutput(.init(instanceId: "i-1")).decode(okResponse(body))
        #expect(output.output == nil)
        #expect(output.text == nil)
    }

    @Test func userDataRoundTripFromMoto() throws {
        _ = try EC2.modifyInstanceAttribute(.init(instanceId: "i-1", userData: Array("#!/bin/sh\necho hi\n".utf8)))
            .decode(motoResponse("ec2.modifyInstanceAttribute"))
        let output = try EC2.describeInstanceAttribute(.init(instanceId: "i-9bc697e8964e82998", attribute: "userData"))
            .decode(motoResponse("ec2.describeInstanceAttribute"))
        #expect(output.instanceId == "i-9bc697e8964e82998")
        #expect(output.userData == Array("#!/bin/sh\necho hi\n".utf8))
        #expect(output.instanceType == nil)
    }

    @Test func wrongDocumentIsRejected() throws {
        let error = try #require(throws: AWSDecodingError.self) {
            try EC2.describeInstances(.init()).decode(motoResponse("ec2.describeKeyPairs"))
        }
        #expect(
            error.reason
                == .unexpectedDocument(expected: "DescribeInstancesResponse", found: "DescribeKeyPairsResponse"))
    }

    @Test func badStateCodeNamesThePath() throws {
        let body = """
            <DescribeInstancesResponse><reservationSet><item><instancesSet><item><instanceId>i-1</instanceId>\
            <instanceState><code>sixteen</code><name>running</name></instanceState></item></instancesSet></item>\
            </reservationSet></DescribeInstancesResponse>
            """
        let error = try #require(throws: AWSDecodingError.self) {
            try EC2.describeInstances(.init()).decode(okResponse(body))
        }
        #expect(
            error.path == "DescribeInstancesResponse.reservationSet.item[0].instancesSet.item[0].instanceState.code")
    }
}

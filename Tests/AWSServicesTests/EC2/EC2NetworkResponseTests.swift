import AWSCore
import Synchronization
import Testing

@testable import AWSServices

@Suite struct EC2NetworkResponseTests {
    @Test func describeSecurityGroupsFromMoto() throws {
        let output = try EC2.describeSecurityGroups(.init(groupIds: ["sg-4b73a47c3d10ec387"]))
            .decode(motoResponse("ec2.describeSecurityGroups"))
        #expect(output.nextToken == nil)
        let group = try #require(output.securityGroups.first)
        #expect(output.securityGroups.count == 1)
        #expect(group.groupId == "sg-4b73a47c3d10ec387")
        #expect(group.groupName == "amikey-ssh")
        #expect(group.description == "ssh in")
        #expect(group.vpcId == "vpc-2e93bbc7a579f5865")
        #expect(group.ownerId == "123456789012")
        #expect(group.tags.isEmpty)
        let ssh = try #require(group.ingress.first)
        #expect(ssh.ipProtocol == "tcp")
        #expect(ssh.fromPort == 22 && ssh.toPort == 22)
        #expect(ssh.ipv4Ranges == ["203.0.113.0/24"])
        #expect(ssh.ipv6Ranges.isEmpty && ssh.groupIds.isEmpty && ssh.prefixListIds.isEmpty)
        let egress = try #require(group.egress.first)
        #expect(egress.ipProtocol == "-1")
        #expect(egress.fromPort == nil)
        #expect(egress.ipv4Ranges == ["0.0.0.0/0"])
    }

    @Test func describeSubnetsFromMoto() throws {
        let output = try EC2.describeSubnets(.init(subnetIds: ["subnet-6e486025a335e4f76"]))
            .decode(motoResponse("ec2.describeSubnets"))
        let subnet = try #require(output.subnets.first)
        #expect(output.subnets.count == 1)
        #expect(output.nextToken == nil)
        #expect(subnet.subnetId == "subnet-6e486025a335e4f76")
        #expect(subnet.vpcId == "vpc-2e93bbc7a579f5865")
        #expect(subnet.state == "available")
        #expect(subnet.cidrBlock == "10.1.1.0/24")
        #expect(subnet.availabilityZone == "us-east-1a")
        #expect(subnet.availabilityZoneId == "use1-az6")
        #expect(subnet.availableIpAddressCount == 251)
        #expect(subnet.defaultForAz == false)
        #expect(subnet.mapPublicIpOnLaunch == false)
    }

    @Test func eachDecoderRejectsTheOthersDocument() throws {
        #expect(throws: AWSDecodingError.self) {
            try EC2.describeSubnets(.init()).decode(motoResponse("ec2.describeSecurityGroups"))
        }
        #expect(throws: AWSDecodingError.self) {
            try EC2.describeSecurityGroups(.init()).decode(motoResponse("ec2.describeSubnets"))
        }
    }

    @Test func subnetPagesFollowNextToken() async throws {
        let sentBodies = Mutex<[String]>([])
        let pages = EC2.describeSubnetsPages(.init(maxResults: 5)) { operation in
            let body = String(decoding: operation.request.body, as: UTF8.self)
            let page = sentBodies.withLock {
                $0.append(body)
                return $0.count
            }
            let next = page == 1 ? "<nextToken>p2</nextToken>" : ""
            return try operation.decode(
                okResponse(
                    "<DescribeSubnetsResponse><subnetSet><item><subnetId>subnet-\(page)</subnetId></item>"
                        + "</subnetSet>\(next)</DescribeSubnetsResponse>"))
        }
        var ids: [String] = []
        for try await subnet in pages.items({ $0.subnets }) { ids.append(subnet.subnetId) }
        #expect(ids == ["subnet-1", "subnet-2"])
        #expect(
            sentBodies.withLock { $0 } == [
                "Action=DescribeSubnets&Version=2016-11-15&MaxResults=5",
                "Action=DescribeSubnets&Version=2016-11-15&NextToken=p2&MaxResults=5",
            ])
    }
}

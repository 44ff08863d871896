import AWSCore
import Testing

@Suite("Partitions (botocore partitions.json, aws.partition)")
struct AWSPartitionTests {
    @Test("Region to partition", arguments: [
        ("us-east-1", "aws"), ("eu-west-3", "aws"), ("il-central-1", "aws"), ("mx-central-1", "aws"), ("aws-global", "aws"),
        ("ap-southeast-9", "aws"), ("cn-north-1", "aws-cn"), ("cn-northwest-1", "aws-cn"), ("aws-cn-global", "aws-cn"),
        ("cn-south-7", "aws-cn"), ("us-gov-west-1", "aws-us-gov"), ("us-gov-east-1", "aws-us-gov"),
        ("us-gov-central-5", "aws-us-gov"), ("us-iso-east-1", "aws-iso"), ("us-isob-east-1", "aws-iso-b"),
        ("eu-isoe-west-1", "aws-iso-e"), ("us-isof-south-1", "aws-iso-f"), ("eusc-de-east-1", "aws-eusc"),
        ("mars-1", "aws"), ("local", "aws"), ("us-east", "aws"), ("cn-1", "aws"), ("xx-east-1", "aws"),
    ])
    func partition(_ region: String, _ id: String) {
        #expect(AWSPartition.containing(region: region).id == id)
    }

    @Test("DNS suffixes")
    func suffixes() {
        let byID = Dictionary(uniqueKeysWithValues: AWSPartition.all.map { ($0.id, $0) })
        #expect(byID["aws"]?.dnsSuffix == "amazonaws.com")
        #expect(byID["aws-cn"]?.dnsSuffix == "amazonaws.com.cn")
        #expect(byID["aws-us-gov"]?.dnsSuffix == "amazonaws.com")
        #expect(byID["aws"]?.dualStackDNSSuffix == "api.aws")
        #expect(byID["aws-cn"]?.implicitGlobalRegion == "cn-northwest-1")
        #expect(AWSPartition.all.count == 8)
    }
}

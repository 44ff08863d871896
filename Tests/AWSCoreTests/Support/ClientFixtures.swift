@testable import AWSCore
import AWSTestSupport
import AWSSigV4
import Foundation
import Synchronization

/// Requests, responses and endpoints for the fake-transport client tests.
enum ClientFixtures {
    static let keys = [
        AWSCredentials(accessKeyID: "AKIDFIRST0000000000A", secretAccessKey: "first/secret+key0000000000000000000000000"),
        AWSCredentials(accessKeyID: "AKIDSECOND000000000B", secretAccessKey: "second/secret+key000000000000000000000000"),
        AWSCredentials(accessKeyID: "AKIDTHIRD0000000000C", secretAccessKey: "third/secret+key00000000000000000000000000"),
    ]

    static let describeKeyPairs = AWSQueryProtocol.ec2.request(action: "DescribeKeyPairs")
    static let describeTraits = OperationRetryTraits(service: "ec2", operation: "DescribeKeyPairs", idempotency: .readOnly)
    static let stopTraits = OperationRetryTraits(service: "ec2", operation: "StopInstances", idempotency: .repeatable)
    static let importTraits = OperationRetryTraits(service: "ec2", operation: "ImportKeyPair", idempotency: .notIdempotent)

    static func endpoint(_ url: String = "https://ec2.us-east-1.amazonaws.com", service: AWSServiceID = .ec2)
        throws -> ResolvedEndpoint
    {
        ResolvedEndpoint(
            service: service, url: try EndpointURL(validating: url), signingRegion: "us-east-1",
            partition: AWSPartition.containing(region: "us-east-1"), origin: .default)
    }

    static let ok = AWSHTTPResponse(
        statusCode: 200,
        text: #"<DescribeKeyPairsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>ok-1</requestId><keySet/></DescribeKeyPairsResponse>"#)

    static func ec2Error(_ status: Int, _ code: String, requestID: String = "req-err") -> AWSHTTPResponse {
        AWSHTTPResponse(
            statusCode: status,
            text: "<Response><Errors><Error><Code>\(code)</Code><Message>\(code) happened.</Message></Error></Errors>"
                + "<RequestID>\(requestID)</RequestID></Response>")
    }

    static func queryError(_ status: Int, _ code: String) -> AWSHTTPResponse {
        AWSHTTPResponse(
            statusCode: status,
            text: "<ErrorResponse><Error><Type>Sender</Type><Code>\(code)</Code><Message>Rate exceeded</Message>"
                + "</Error><RequestId>sts-req</RequestId></ErrorResponse>")
    }

    static func client(_ transport: FakeTransport, clock: ManualClock, provider: (any CredentialProvider)? = nil)
        -> AWSClient
    {
        AWSClient(
            transport: transport, credentialProvider: provider ?? StaticCredentialProvider(keys[0]),
            retryPolicy: .standard(maxAttempts: 3), clock: clock)
    }
}

/// Hands out the next of several credentials on each call, as a provider does across a rotation.
final class RotatingCredentialProvider: CredentialProvider {
    private let remaining: Mutex<[AWSCredentials]>
    init(_ keys: [AWSCredentials]) { remaining = Mutex(keys) }
    func credentials() async throws -> ExpiringCredentials {
        ExpiringCredentials(remaining.withLock { $0.count > 1 ? $0.removeFirst() : $0[0] })
    }
}

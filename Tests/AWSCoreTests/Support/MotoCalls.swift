import AWSTestSupport
import AWSCore
import AWSSigV4
import Foundation

/// The handful of raw EC2/STS calls the client tests make, built with AWSCore's Query protocol directly.
enum MotoCalls {
    static func readOnlySTS(_ operation: String) -> OperationRetryTraits {
        OperationRetryTraits(service: "sts", operation: operation, idempotency: .readOnly)
    }

    /// STS GetCallerIdentity's account.
    static func account(_ client: AWSClient, moto: MotoServer) async throws -> String? {
        let response = try await client.execute(
            AWSQueryProtocol.sts.request(action: "GetCallerIdentity"), endpoint: try moto.endpoint(.sts),
            traits: readOnlySTS("GetCallerIdentity"))
        return try AWSQueryProtocol.sts.response(response, action: "GetCallerIdentity").result["Account"]?.trimmedText
    }

    /// STS AssumeRole's temporary credentials.
    static func assumeRole(_ client: AWSClient, moto: MotoServer, roleARN: String) async throws -> AWSCredentials {
        let request = AWSQueryProtocol.sts.request(action: "AssumeRole") { parameters in
            parameters.add("RoleArn", roleARN)
            parameters.add("RoleSessionName", "amikey-tests")
        }
        // AssumeRole changes nothing on the server; repeating it only mints other credentials.
        let response = try await client.execute(
            request, endpoint: try moto.endpoint(.sts), traits: readOnlySTS("AssumeRole"))
        let credentials = try AWSQueryProtocol.sts.response(response, action: "AssumeRole").result.require("Credentials")
        return AWSCredentials(
            accessKeyID: try credentials.require("AccessKeyId").trimmedText,
            secretAccessKey: try credentials.require("SecretAccessKey").trimmedText,
            sessionToken: try credentials.require("SessionToken").trimmedText)
    }

    /// The names EC2 DescribeKeyPairs lists in `region`.
    static func keyPairNames(_ client: AWSClient, moto: MotoServer, region: String) async throws -> [String] {
        let response = try await client.execute(
            AWSQueryProtocol.ec2.request(action: "DescribeKeyPairs"), endpoint: try moto.endpoint(.ec2, region: region),
            traits: OperationRetryTraits(service: "ec2", operation: "DescribeKeyPairs", idempotency: .readOnly))
        let reply = try AWSQueryProtocol.ec2.response(response, action: "DescribeKeyPairs")
        return reply.result.items("keySet").compactMap { $0["keyName"]?.trimmedText }
    }

    /// EC2 ImportKeyPair; returns the fingerprint EC2 reports.
    static func importKeyPair(
        _ client: AWSClient, moto: MotoServer, region: String, name: String, publicKey: String
    ) async throws -> String? {
        let request = AWSQueryProtocol.ec2.request(action: "ImportKeyPair") { parameters in
            parameters.add("KeyName", name)
            parameters.addBlob("PublicKeyMaterial", Array(publicKey.utf8))
        }
        let response = try await client.execute(
            request, endpoint: try moto.endpoint(.ec2, region: region),
            traits: OperationRetryTraits(service: "ec2", operation: "ImportKeyPair", idempotency: .notIdempotent))
        return try AWSQueryProtocol.ec2.response(response, action: "ImportKeyPair").result["keyFingerprint"]?.trimmedText
    }

    /// EC2 CreateKeyPair; returns the private key AWS generated (the response's `keyMaterial`).
    static func createKeyPair(_ client: AWSClient, moto: MotoServer, region: String, name: String) async throws -> String {
        let request = AWSQueryProtocol.ec2.request(action: "CreateKeyPair") { $0.add("KeyName", name) }
        let response = try await client.execute(
            request, endpoint: try moto.endpoint(.ec2, region: region),
            traits: OperationRetryTraits(service: "ec2", operation: "CreateKeyPair", idempotency: .notIdempotent))
        return try AWSQueryProtocol.ec2.response(response, action: "CreateKeyPair").result.require("keyMaterial").text
    }
}

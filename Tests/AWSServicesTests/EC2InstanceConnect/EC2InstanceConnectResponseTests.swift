import AWSCore
import Testing

@testable import AWSServices

@Suite struct EC2InstanceConnectResponseTests {
    static let input = EC2InstanceConnect.SendSSHPublicKeyInput(
        instanceId: "i-0123456789abcdef0", instanceOSUser: "ec2-user", sshPublicKey: "ssh-ed25519 AAAA c")

    @Test func sendSSHPublicKeyFromMoto() throws {
        let output = try EC2InstanceConnect.sendSSHPublicKey(Self.input)
            .decode(motoResponse("ec2InstanceConnect.sendSSHPublicKey"))
        #expect(output.success)
        #expect(output.requestId == "example-2a47-4c91-9700-e37e85162cb6")
    }

    @Test func serviceErrorCode() throws {
        let response = AWSHTTPResponse(
            statusCode: 400, text: #"{"__type":"EC2InstanceNotFoundException","Message":"Instance not found"}"#)
        let error = try #require(throws: AWSServiceError.self) {
            try EC2InstanceConnect.sendSSHPublicKey(Self.input).decode(response)
        }
        #expect(error.code == "EC2InstanceNotFoundException")
        #expect(error.message == "Instance not found")
    }

    @Test func successIsRequired() throws {
        let error = try #require(throws: AWSDecodingError.self) {
            try EC2InstanceConnect.sendSSHPublicKey(Self.input).decode(okResponse(#"{"RequestId":"r"}"#))
        }
        #expect(error.path.hasSuffix("Success"))
    }
}

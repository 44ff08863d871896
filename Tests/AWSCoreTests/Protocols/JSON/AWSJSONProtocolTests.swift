import Foundation
import Testing

@testable import AWSCore

@Suite("JSON 1.1 protocol: SSM, EC2 Instance Connect, KMS, Organizations")
struct AWSJSONProtocolTests {
    struct SendCommand: AWSJSONInput {
        static let operation = "SendCommand"
        var InstanceIds: [String]
        var DocumentName: String
        var Parameters: [String: [String]]
        var TimeoutSeconds: Int?
        var Comment: String?
    }

    struct SendSSHPublicKey: AWSJSONInput {
        static let operation = "SendSSHPublicKey"
        var InstanceId: String
        var InstanceOSUser: String
        var SSHPublicKey: String
        var AvailabilityZone: String?
    }

    struct DescribeKey: AWSJSONInput {
        static let operation = "DescribeKey"
        var KeyId: String
    }

    struct CreateGrant: AWSJSONInput {
        static let operation = "CreateGrant"
        var KeyId: String
        var GranteePrincipal: String
        var Operations: [String]
    }

    struct DescribeOrganization: AWSJSONInput {
        static let operation = "DescribeOrganization"
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var request: AWSHTTPRequest
        var target: String
        var botocoreBody: String
        var testDescription: String { name }
    }

    static let sshKey = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGNvbnN0YW50LWtleS1mb3ItdGVzdHMtb25seS0wMDAw user@host"

    // Targets and bodies from botocore 1.43.11 (the `body()` helper of BotocoreRequestBodyTests):
    //   body("ssm", "SendCommand", {"InstanceIds": ["i-0123456789abcdef0"], "DocumentName": "AWS-RunShellScript",
    //        "Parameters": {"commands": ["echo hi"]}, "TimeoutSeconds": 60})
    //   body("ec2-instance-connect", "SendSSHPublicKey", {"InstanceId": "i-0123456789abcdef0",
    //        "InstanceOSUser": "ec2-user", "SSHPublicKey": <sshKey>, "AvailabilityZone": "us-east-1a"})
    //   body("kms", "DescribeKey", {"KeyId": "alias/aws/ebs"})
    //   body("kms", "CreateGrant", {"KeyId": "1234abcd", "GranteePrincipal": "arn:aws:iam::222222222222:root",
    //        "Operations": ["Decrypt", "CreateGrant"]})
    //   body("organizations", "DescribeOrganization", {})
    // Each header dictionary was {'X-Amz-Target': <target>, 'Content-Type': 'application/x-amz-json-1.1'}.
    static let cases: [Case] = [
        Case(
            name: "SSM SendCommand",
            request: try! AWSJSONProtocol.ssm.request(
                for: SendCommand(
                    InstanceIds: ["i-0123456789abcdef0"], DocumentName: "AWS-RunShellScript",
                    Parameters: ["commands": ["echo hi"]], TimeoutSeconds: 60)),
            target: "AmazonSSM.SendCommand",
            botocoreBody:
                #"{"InstanceIds": ["i-0123456789abcdef0"], "DocumentName": "AWS-RunShellScript", "Parameters": {"commands": ["echo hi"]}, "TimeoutSeconds": 60}"#
        ),
        Case(
            name: "EC2 Instance Connect SendSSHPublicKey",
            request: try! AWSJSONProtocol.ec2InstanceConnect.request(
                for: SendSSHPublicKey(
                    InstanceId: "i-0123456789abcdef0", InstanceOSUser: "ec2-user", SSHPublicKey: sshKey,
                    AvailabilityZone: "us-east-1a")),
            target: "AWSEC2InstanceConnectService.SendSSHPublicKey",
            botocoreBody:
                #"{"InstanceId": "i-0123456789abcdef0", "InstanceOSUser": "ec2-user", "SSHPublicKey": "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGNvbnN0YW50LWtleS1mb3ItdGVzdHMtb25seS0wMDAw user@host", "AvailabilityZone": "us-east-1a"}"#
        ),
        Case(
            name: "KMS DescribeKey",
            request: try! AWSJSONProtocol.kms.request(for: DescribeKey(KeyId: "alias/aws/ebs")),
            target: "TrentService.DescribeKey",
            botocoreBody: #"{"KeyId": "alias/aws/ebs"}"#
        ),
        Case(
            name: "KMS CreateGrant",
            request: try! AWSJSONProtocol.kms.request(
                for: CreateGrant(
                    KeyId: "1234abcd", GranteePrincipal: "arn:aws:iam::222222222222:root",
                    Operations: ["Decrypt", "CreateGrant"])),
            target: "TrentService.CreateGrant",
            botocoreBody:
                #"{"KeyId": "1234abcd", "GranteePrincipal": "arn:aws:iam::222222222222:root", "Operations": ["Decrypt", "CreateGrant"]}"#
        ),
        Case(
            name: "Organizations DescribeOrganization (no input: {})",
            request: try! AWSJSONProtocol.organizations.request(for: DescribeOrganization()),
            target: "AWSOrganizationsV20161128.DescribeOrganization",
            botocoreBody: "{}"
        ),
    ]

    /// Both bodies re-serialised with sorted keys, so key order and spacing do not matter but every value does.
    static func canonical(_ bytes: some Sequence<UInt8>) throws -> String {
        let object = try JSONSerialization.jsonObject(with: Data(bytes))
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self)
    }

    @Test("Headers: X-Amz-Target <TargetPrefix>.<Operation> and application/x-amz-json-1.1", arguments: cases)
    func headers(_ testCase: Case) {
        #expect(testCase.request.method == "POST")
        #expect(testCase.request.path == "/")
        #expect(
            testCase.request.headers.fields == [
                .init(name: "X-Amz-Target", value: testCase.target),
                .init(name: "Content-Type", value: "application/x-amz-json-1.1"),
            ])
    }

    @Test("Bodies carry the same JSON as botocore's", arguments: cases)
    func body(_ testCase: Case) throws {
        #expect(try Self.canonical(testCase.request.body) == Self.canonical(Array(testCase.botocoreBody.utf8)))
    }

    @Test("Bodies are deterministic: keys sorted, slashes and nils left out")
    func deterministic() throws {
        let request = try AWSJSONProtocol.ssm.request(
            for: SendCommand(InstanceIds: ["i-1"], DocumentName: "AWS-RunShellScript", Parameters: ["commands": ["a/b"]]))
        #expect(
            String(decoding: request.body, as: UTF8.self)
                == #"{"DocumentName":"AWS-RunShellScript","InstanceIds":["i-1"],"Parameters":{"commands":["a/b"]}}"#)
    }

    @Test("Timestamps go out as epoch seconds, integral when whole; blobs as base64")
    func timestampsAndBlobs() throws {
        struct Input: AWSJSONInput {
            static let operation = "X"
            var At: Date
            var Fraction: Date
            var Blob: Data
        }
        let request = try AWSJSONProtocol.kms.request(
            for: Input(
                At: Date(timeIntervalSince1970: 1_700_000_000), Fraction: Date(timeIntervalSince1970: 1.5),
                Blob: Data([0xFB, 0xFF, 0x00])))
        #expect(String(decoding: request.body, as: UTF8.self) == #"{"At":1700000000,"Blob":"+/8A","Fraction":1.5}"#)
    }

    struct Command: Decodable {
        var CommandId: String
        var Status: String
        var RequestedDateTime: Date
        var InstanceIds: [String]
        var Parameters: [String: [String]]
    }
    struct SendCommandOutput: Decodable { var Command: Command }

    @Test("moto's SendCommand: epoch-seconds floats become dates")
    func sendCommandOutput() throws {
        let output = try AWSJSONProtocol.ssm.decode(SendCommandOutput.self, from: MotoWireFixtures.sendCommand)
        #expect(output.Command.Status == "Success")
        #expect(output.Command.Parameters == ["commands": ["cat ~/.ssh/authorized_keys"]])
        #expect(abs(output.Command.RequestedDateTime.timeIntervalSince1970 - 1_795_972_636.103) < 0.000_5)
        #expect(AWSJSONProtocol.ssm.requestID(of: MotoWireFixtures.sendCommand) == "yDTCObKOpC7Wt9Z6r5xN7kua8h8zhsfBLb1aY1KXdKwWIrcOPNSh")
    }

    struct Invocation: Decodable {
        var Status: String
        var ResponseCode: Int
        var StandardOutputContent: String
        var ExecutionStartDateTime: String  // a string in the SSM model; moto leaves out the zone
    }

    @Test("GetCommandInvocation, SendSSHPublicKey (moto's text/html content type), KMS and Organizations outputs")
    func otherOutputs() throws {
        let invocation = try AWSJSONProtocol.ssm.decode(Invocation.self, from: MotoWireFixtures.getCommandInvocation)
        #expect(invocation.Status == "Success")
        #expect(invocation.ResponseCode == 0)
        #expect(AWSTimestamp.date(fromISO8601: invocation.ExecutionStartDateTime) != nil)

        struct SendOutput: Decodable { var RequestId: String; var Success: Bool }
        let sent = try AWSJSONProtocol.ec2InstanceConnect.decode(SendOutput.self, from: MotoWireFixtures.sendSSHPublicKey)
        #expect(sent.Success)

        struct KeyMetadata: Decodable { var KeyId: String; var CreationDate: Date; var KeyUsage: String?; var Enabled: Bool }
        struct DescribeKeyOutput: Decodable { var KeyMetadata: KeyMetadata }
        let key = try AWSJSONProtocol.kms.decode(DescribeKeyOutput.self, from: MotoWireFixtures.describeKey)
        #expect(key.KeyMetadata.KeyId == "bfb0d78e-21b9-4fd1-be73-2515f1e30a46")
        #expect(key.KeyMetadata.KeyUsage == nil)  // JSON null
        #expect(key.KeyMetadata.Enabled)

        struct Organization: Decodable { var Id: String; var MasterAccountId: String }
        struct DescribeOrganizationOutput: Decodable { var Organization: Organization }
        let organization = try AWSJSONProtocol.organizations.decode(
            DescribeOrganizationOutput.self, from: MotoWireFixtures.describeOrganization)
        #expect(organization.Organization.Id == "o-pprvuywoc3")
    }

    @Test("Dates also read from ISO 8601 strings and numeric strings")
    func dateSpellings() throws {
        struct Output: Decodable { var A: Date; var B: Date; var C: Date }
        let response = AWSHTTPResponse(
            statusCode: 200, text: #"{"A": 1700000000, "B": "2023-11-14T22:13:20Z", "C": "1700000000.5"}"#)
        let output = try AWSJSONProtocol.kms.decode(Output.self, from: response)
        #expect(output.A == Date(timeIntervalSince1970: 1_700_000_000))
        #expect(output.B == output.A)
        #expect(output.C.timeIntervalSince1970 == 1_700_000_000.5)
    }

    @Test("An empty 200 body reads as {}")
    func emptyBody() throws {
        struct Nothing: Decodable { var Optional: String? }
        #expect(try AWSJSONProtocol.ssm.decode(Nothing.self, from: AWSHTTPResponse(statusCode: 200)).Optional == nil)
    }

    @Test("A missing required field names its coding path")
    func missingField() {
        #expect(throws: AWSDecodingError(path: "SendCommandOutput.Command.CommandId", reason: .missing)) {
            try AWSJSONProtocol.ssm.decode(
                SendCommandOutput.self,
                from: AWSHTTPResponse(statusCode: 200, text: #"{"Command": {"Status": "Success"}}"#))
        }
        #expect(throws: AWSDecodingError(path: "SendCommandOutput.Command.InstanceIds[1]", reason: .missing)) {
            try AWSJSONProtocol.ssm.decode(
                SendCommandOutput.self,
                from: AWSHTTPResponse(
                    statusCode: 200,
                    text: #"{"Command": {"CommandId": "c", "Status": "s", "RequestedDateTime": 1, "InstanceIds": ["i-1", null], "Parameters": {}}}"#))
        }
    }

    @Test("A wrong type and a non-JSON body are decoding errors")
    func wrongTypes() {
        #expect {
            try AWSJSONProtocol.ssm.decode(Invocation.self, from: AWSHTTPResponse(statusCode: 200, text: #"{"Status": 1}"#))
        } throws: { error in
            guard let error = error as? AWSDecodingError, case .invalidValue = error.reason else { return false }
            return error.path == "Invocation.Status"
        }
        #expect {
            try AWSJSONProtocol.ssm.decode(Invocation.self, from: AWSHTTPResponse(statusCode: 200, text: "<html>"))
        } throws: { error in
            guard let error = error as? AWSDecodingError, case .malformed = error.reason else { return false }
            return true
        }
    }

    @Test(
        "Non-2xx responses throw the service's error",
        arguments: [
            (AWSJSONProtocol.ssm, MotoWireFixtures.getCommandInvocationInvalidCommandId, "SSM", "InvalidCommandId"),
            (AWSJSONProtocol.kms, MotoWireFixtures.describeKeyNotFound, "KMS", "NotFoundException"),
            (AWSJSONProtocol.organizations, MotoWireFixtures.describeOrganizationNotInUse, "Organizations", "AWSOrganizationsNotInUseException"),
            (AWSJSONProtocol.ssm, MotoWireFixtures.ssmXMLError403, "SSM", "InvalidClientTokenId"),
        ])
    func errors(wire: AWSJSONProtocol, response: AWSHTTPResponse, service: String, code: String) {
        struct Anything: Decodable {}
        let error = #expect(throws: AWSServiceError.self) { try wire.decode(Anything.self, from: response) }
        #expect(error?.service == service)
        #expect(error?.code == code)
        #expect(wire.error(from: response).code == code)
    }
}

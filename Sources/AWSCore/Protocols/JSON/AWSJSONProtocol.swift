import Foundation

/// The AWS JSON 1.1 protocol (SSM, EC2 Instance Connect, KMS, Organizations): JSON in, JSON out.
///
/// Requests are `POST /` with `X-Amz-Target: <targetPrefix>.<Operation>`,
/// `Content-Type: application/x-amz-json-1.1` and a JSON object body, `{}` when there is no input
/// (botocore `JSONSerializer.serialize_to_request`; aws-wire.md §4.3–4.4). Timestamps are epoch
/// seconds and blobs base64 both ways. Keys are written sorted so the same input always signs the same.
/// The request id of a response is in the `x-amzn-RequestId` header (`BaseJSONParser`).
///
/// ## Usage
/// ```swift
/// struct DescribeKeyInput: AWSJSONInput {
///     static let operation = "DescribeKey"
///     var keyID: String
///     enum CodingKeys: String, CodingKey { case keyID = "KeyId" }
/// }
/// struct DescribeKeyOutput: Decodable {
///     var keyMetadata: KeyMetadata
///     enum CodingKeys: String, CodingKey { case keyMetadata = "KeyMetadata" }
/// }
///
/// let request = try AWSJSONProtocol.kms.request(for: DescribeKeyInput(keyID: "alias/aws/ebs"))
/// // … sign and send, then:
/// let output = try AWSJSONProtocol.kms.decode(DescribeKeyOutput.self, from: response)
/// ```
public struct AWSJSONProtocol: Sendable, Hashable {
    /// The service's name in messages (`SSM`).
    public var serviceName: String
    /// The model's `targetPrefix` (`AmazonSSM`).
    public var targetPrefix: String
    /// The model's `jsonVersion`, `1.1` for every service amikey calls.
    public var jsonVersion: String

    /// Creates a protocol description.
    public init(serviceName: String, targetPrefix: String, jsonVersion: String = "1.1") {
        self.serviceName = serviceName
        self.targetPrefix = targetPrefix
        self.jsonVersion = jsonVersion
    }

    /// AWS Systems Manager (`ssm/2014-11-06`).
    public static let ssm = AWSJSONProtocol(serviceName: "SSM", targetPrefix: "AmazonSSM")
    /// EC2 Instance Connect (`ec2-instance-connect/2018-04-02`): JSON 1.1, not REST-JSON (aws-wire.md §7).
    public static let ec2InstanceConnect = AWSJSONProtocol(
        serviceName: "EC2 Instance Connect", targetPrefix: "AWSEC2InstanceConnectService")
    /// AWS KMS (`kms/2014-11-01`).
    public static let kms = AWSJSONProtocol(serviceName: "KMS", targetPrefix: "TrentService")
    /// AWS Organizations (`organizations/2016-11-28`).
    public static let organizations = AWSJSONProtocol(
        serviceName: "Organizations", targetPrefix: "AWSOrganizationsV20161128")

    /// `application/x-amz-json-1.1`.
    public var contentType: String { "application/x-amz-json-\(jsonVersion)" }

    /// `<targetPrefix>.<operation>`, the `X-Amz-Target` value.
    public func target(_ operation: String) -> String { targetPrefix + "." + operation }

    /// The HTTP request for `operation` with an already-encoded JSON body.
    public func request(operation: String, body: [UInt8]) -> AWSHTTPRequest {
        AWSHTTPRequest(
            method: "POST", path: "/",
            headers: ["X-Amz-Target": target(operation), "Content-Type": contentType],
            body: body)
    }

    /// The HTTP request for a typed input.
    ///
    /// - Throws: `EncodingError` if the input cannot be encoded (a non-finite `Double`).
    public func request<Input: AWSJSONInput>(for input: Input) throws -> AWSHTTPRequest {
        request(operation: Input.operation, body: Array(try Self.makeEncoder().encode(input)))
    }

    /// Decodes the body of a successful response as `Output`; an empty body reads as `{}`.
    ///
    /// - Throws: `AWSServiceError` for a non-2xx status; `AWSDecodingError` naming the coding path
    ///   (`GetCommandInvocationOutput.Status`) when the body is not JSON or lacks a required field.
    public func decode<Output: Decodable>(_ type: Output.Type, from response: AWSHTTPResponse) throws -> Output {
        guard response.isSuccess else { throw AWSServiceError(response: response, service: serviceName) }
        let body = response.body.allSatisfy { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }
            ? Array("{}".utf8) : response.body
        do {
            return try Self.makeDecoder().decode(Output.self, from: Data(body))
        } catch let error as DecodingError {
            throw AWSDecodingError(decodingError: error, root: String(describing: Output.self))
        }
    }

    /// The request id of a response (header `x-amzn-RequestId`).
    public func requestID(of response: AWSHTTPResponse) -> String? {
        response.headerRequestID
    }

    /// The error in a non-2xx response, labelled with this service's name.
    public func error(from response: AWSHTTPResponse) -> AWSServiceError {
        AWSServiceError(response: response, service: serviceName)
    }

    /// Sorted keys, unescaped slashes, dates as epoch seconds (integral when whole, like botocore's
    /// `_timestamp_unixtimestamp`), `Data` as base64.
    static func makeEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dataEncodingStrategy = .base64
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            let seconds = date.timeIntervalSince1970
            if seconds.rounded() == seconds, abs(seconds) < 1e15 {
                try container.encode(Int64(seconds))
            } else {
                try container.encode(seconds)
            }
        }
        return encoder
    }

    /// Dates from epoch seconds (numbers) or ISO 8601 (strings, which some moto handlers send).
    static func makeDecoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dataDecodingStrategy = .base64
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            if let seconds = try? container.decode(Double.self) {
                return AWSTimestamp.date(fromEpochSeconds: seconds)
            }
            let text = try container.decode(String.self)
            if let date = AWSTimestamp.date(fromISO8601: text) { return date }
            if let seconds = Double(text) { return AWSTimestamp.date(fromEpochSeconds: seconds) }
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "\"\(text)\" is neither epoch seconds nor ISO 8601")
        }
        return decoder
    }
}

extension AWSDecodingError {
    /// Translates Foundation's `DecodingError`, writing its coding path after `root` (`Output.Command.CommandId`).
    init(decodingError: DecodingError, root: String) {
        func path(_ codingPath: [any CodingKey]) -> String {
            codingPath.reduce(root) { partial, key in
                if let index = key.intValue { return partial + "[\(index)]" }
                return partial + "." + key.stringValue
            }
        }
        switch decodingError {
        case .keyNotFound(let key, let context):
            self.init(path: path(context.codingPath + [key]), reason: .missing)
        case .valueNotFound(_, let context):
            self.init(path: path(context.codingPath), reason: .missing)
        case .typeMismatch(let type, let context):
            self.init(
                path: path(context.codingPath),
                reason: .invalidValue(found: context.debugDescription, expected: "a \(type)"))
        case .dataCorrupted(let context):
            if context.codingPath.isEmpty {
                let detail = context.underlyingError.map { "\($0)" } ?? context.debugDescription
                self.init(path: "", reason: .malformed(detail))
            } else {
                self.init(
                    path: path(context.codingPath),
                    reason: .invalidValue(found: context.debugDescription, expected: "a valid value"))
            }
        @unknown default:
            self.init(path: root, reason: .malformed("\(decodingError)"))
        }
    }
}

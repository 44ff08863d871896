import AWSCore
import Foundation

/// AWS Systems Manager (`ssm/2014-11-06`, JSON 1.1): Run Command.
public enum SSM {
    /// The service identity every SSM operation is addressed to.
    public static let service = AWSServiceID.ssm

    /// SendCommand input.
    public struct SendCommandInput: AWSJSONInput, Hashable {
        /// `SendCommand`.
        public static let operation = "SendCommand"
        /// `InstanceIds` (up to 50).
        public var instanceIds: [String]
        /// `DocumentName` (`AWS-RunShellScript`).
        public var documentName: String
        /// `TimeoutSeconds`: how long to wait for delivery (30–2592000).
        public var timeoutSeconds: Int?
        /// `Comment`.
        public var comment: String?
        /// `Parameters` (`["commands": ["…"]]`).
        public var parameters: [String: [String]]?

        /// Creates the input.
        public init(
            instanceIds: [String], documentName: String, parameters: [String: [String]]? = nil,
            comment: String? = nil, timeoutSeconds: Int? = nil
        ) {
            self.instanceIds = instanceIds
            self.documentName = documentName
            self.timeoutSeconds = timeoutSeconds
            self.comment = comment
            self.parameters = parameters
        }

        /// The wire names.
        enum CodingKeys: String, CodingKey {
            case instanceIds = "InstanceIds", documentName = "DocumentName", timeoutSeconds = "TimeoutSeconds"
            case comment = "Comment", parameters = "Parameters"
        }
    }

    /// The command SendCommand started (`Command`), the fields amikey reads.
    public struct Command: Sendable, Hashable, Decodable {
        /// `CommandId`.
        public var commandId: String
        /// `DocumentName`.
        public var documentName: String?
        /// `InstanceIds`.
        public var instanceIds: [String]?
        /// `Status` (`Pending`, `InProgress`, `Success`, …).
        public var status: String?
        /// `RequestedDateTime`.
        public var requestedDateTime: Date?

        /// The wire names.
        enum CodingKeys: String, CodingKey {
            case commandId = "CommandId", documentName = "DocumentName", instanceIds = "InstanceIds"
            case status = "Status", requestedDateTime = "RequestedDateTime"
        }
    }

    /// SendCommand output.
    public struct SendCommandOutput: Sendable, Hashable, Decodable {
        /// `Command`.
        public var command: Command

        /// The wire names.
        enum CodingKeys: String, CodingKey { case command = "Command" }
    }

    /// SendCommand: mutating, no idempotency token (check GetCommandInvocation before repeating).
    public static func sendCommand(_ input: SendCommandInput) throws -> AWSOperation<SendCommandOutput> {
        try .json(.ssm, service: service, input, idempotency: .notIdempotent)
    }

    /// GetCommandInvocation input.
    public struct GetCommandInvocationInput: AWSJSONInput, Hashable {
        /// `GetCommandInvocation`.
        public static let operation = "GetCommandInvocation"
        /// `CommandId`.
        public var commandId: String
        /// `InstanceId`.
        public var instanceId: String
        /// `PluginName`.
        public var pluginName: String?

        /// Creates the input.
        public init(commandId: String, instanceId: String, pluginName: String? = nil) {
            self.commandId = commandId
            self.instanceId = instanceId
            self.pluginName = pluginName
        }

        /// The wire names.
        enum CodingKeys: String, CodingKey {
            case commandId = "CommandId", instanceId = "InstanceId", pluginName = "PluginName"
        }
    }

    /// GetCommandInvocation output.
    public struct GetCommandInvocationOutput: Sendable, Hashable, Decodable {
        /// `CommandId`.
        public var commandId: String?
        /// `InstanceId`.
        public var instanceId: String?
        /// `Status` (`Pending`, `InProgress`, `Delayed`, `Success`, `Cancelled`, `TimedOut`, `Failed`, `Cancelling`).
        public var status: String
        /// `StatusDetails`.
        public var statusDetails: String?
        /// `ResponseCode`: the script's exit status, -1 while running.
        public var responseCode: Int?
        /// `StandardOutputContent` (first 24 000 characters).
        public var standardOutputContent: String?
        /// `StandardErrorContent` (first 8 000 characters).
        public var standardErrorContent: String?

        /// The wire names.
        enum CodingKeys: String, CodingKey {
            case commandId = "CommandId", instanceId = "InstanceId", status = "Status"
            case statusDetails = "StatusDetails", responseCode = "ResponseCode"
            case standardOutputContent = "StandardOutputContent", standardErrorContent = "StandardErrorContent"
        }
    }

    /// GetCommandInvocation: read-only.
    public static func getCommandInvocation(
        _ input: GetCommandInvocationInput
    ) throws -> AWSOperation<GetCommandInvocationOutput> {
        try .json(.ssm, service: service, input, idempotency: .readOnly)
    }
}

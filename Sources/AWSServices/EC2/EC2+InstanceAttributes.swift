import AWSCore
import Foundation

extension EC2 {
    /// GetConsoleOutput input.
    public struct GetConsoleOutputInput: AWSQueryInput, Hashable {
        /// `GetConsoleOutput`.
        public static let action = "GetConsoleOutput"
        /// `InstanceId`.
        public var instanceId: String
        /// `Latest`: the most recent output (Nitro instances only).
        public var latest: Bool?
        /// `DryRun`.
        public var dryRun: Bool?

        /// Creates the input.
        public init(instanceId: String, latest: Bool? = nil, dryRun: Bool? = nil) {
            self.instanceId = instanceId
            self.latest = latest
            self.dryRun = dryRun
        }

        /// Writes the parameters in the model's member order.
        public func encode(to parameters: inout QueryParameters) {
            parameters.add("InstanceId", instanceId)
            parameters.add("Latest", latest)
            parameters.add("DryRun", dryRun)
        }
    }

    /// GetConsoleOutput output.
    public struct GetConsoleOutputOutput: Sendable, Hashable, XMLDecodable {
        /// `instanceId`.
        public var instanceId: String?
        /// `timestamp`: when the output was last updated.
        public var timestamp: Date?
        /// `output`, base64-decoded; nil when the instance has posted none yet.
        public var output: [UInt8]?

        /// The console log as text (invalid UTF-8 repaired), nil when there is none.
        public var text: String? { output.map { String(decoding: $0, as: UTF8.self) } }

        /// Reads the fields; `output` must be base64.
        public init(xml node: XMLNode) throws {
            instanceId = try node.decodeIfPresent("instanceId")
            timestamp = try node.decodeIfPresent("timestamp")
            output = try node.decodeBase64IfPresent("output")
        }
    }

    /// GetConsoleOutput: read-only.
    public static func getConsoleOutput(_ input: GetConsoleOutputInput) -> AWSOperation<GetConsoleOutputOutput> {
        operation(input, idempotency: .readOnly)
    }

    /// ModifyInstanceAttribute input in the `Attribute`/`Value` form, the one both AWS and moto accept for user data.
    public struct ModifyInstanceAttributeInput: AWSQueryInput, Hashable {
        /// `ModifyInstanceAttribute`.
        public static let action = "ModifyInstanceAttribute"
        /// `DryRun`.
        public var dryRun: Bool?
        /// `InstanceId`.
        public var instanceId: String
        /// `Attribute` (`userData`, `instanceType`, …).
        public var attribute: String
        /// `Value`, the attribute's new value as sent (base64 for `userData`).
        public var value: String

        /// Sets a string attribute: `Attribute=<name>&Value=<value>`.
        public init(instanceId: String, attribute: String, value: String, dryRun: Bool? = nil) {
            self.dryRun = dryRun
            self.instanceId = instanceId
            self.attribute = attribute
            self.value = value
        }

        /// Replaces the user data (the instance must be stopped): `Attribute=userData&Value=<base64 of the bytes>`.
        ///
        /// The `UserData.Value` blob form is not used: moto 5.2.1 rejects it with `InvalidUserData.Malformed`
        /// (moto-fidelity.md §7), and AWS documents both.
        public init(instanceId: String, userData: [UInt8], dryRun: Bool? = nil) {
            self.init(
                instanceId: instanceId, attribute: "userData", value: Data(userData).base64EncodedString(),
                dryRun: dryRun)
        }

        /// Writes the parameters in the model's member order.
        public func encode(to parameters: inout QueryParameters) {
            parameters.add("DryRun", dryRun)
            parameters.add("InstanceId", instanceId)
            parameters.add("Attribute", attribute)
            parameters.add("Value", value)
        }
    }

    /// ModifyInstanceAttribute: no token, but the `Attribute`/`Value` form replaces one attribute's value
    /// ("Modifies the specified attribute of the specified instance. You can specify only one attribute at a time",
    /// API_ModifyInstanceAttribute.html), so a repeat writes the same value again; hence `repeatable`.
    public static func modifyInstanceAttribute(_ input: ModifyInstanceAttributeInput) -> AWSOperation<AWSEmptyOutput> {
        operation(input, idempotency: .repeatable)
    }

    /// DescribeInstanceAttribute input.
    public struct DescribeInstanceAttributeInput: AWSQueryInput, Hashable {
        /// `DescribeInstanceAttribute`.
        public static let action = "DescribeInstanceAttribute"
        /// `DryRun`.
        public var dryRun: Bool?
        /// `InstanceId`.
        public var instanceId: String
        /// `Attribute` (`userData`, `instanceType`, `disableApiTermination`, …).
        public var attribute: String

        /// Creates the input.
        public init(instanceId: String, attribute: String, dryRun: Bool? = nil) {
            self.dryRun = dryRun
            self.instanceId = instanceId
            self.attribute = attribute
        }

        /// Writes the parameters in the model's member order.
        public func encode(to parameters: inout QueryParameters) {
            parameters.add("DryRun", dryRun)
            parameters.add("InstanceId", instanceId)
            parameters.add("Attribute", attribute)
        }
    }

    /// DescribeInstanceAttribute output: the one attribute asked for is set.
    public struct DescribeInstanceAttributeOutput: Sendable, Hashable, XMLDecodable {
        /// `instanceId`.
        public var instanceId: String?
        /// `userData/value`, base64-decoded; nil when the instance has none.
        public var userData: [UInt8]?
        /// `instanceType/value`.
        public var instanceType: String?
        /// `disableApiTermination/value`.
        public var disableApiTermination: Bool?
        /// `instanceInitiatedShutdownBehavior/value`.
        public var instanceInitiatedShutdownBehavior: String?
        /// `rootDeviceName/value`.
        public var rootDeviceName: String?

        /// Reads each `<attribute><value/></attribute>` present.
        public init(xml node: XMLNode) throws {
            instanceId = try node.decodeIfPresent("instanceId")
            userData = try node["userData"]?.decodeBase64IfPresent("value")
            instanceType = try node["instanceType"]?.decodeIfPresent("value")
            disableApiTermination = try node["disableApiTermination"]?.decodeIfPresent("value")
            instanceInitiatedShutdownBehavior = try node["instanceInitiatedShutdownBehavior"]?.decodeIfPresent("value")
            rootDeviceName = try node["rootDeviceName"]?.decodeIfPresent("value")
        }
    }

    /// DescribeInstanceAttribute: read-only.
    public static func describeInstanceAttribute(
        _ input: DescribeInstanceAttributeInput
    ) -> AWSOperation<DescribeInstanceAttributeOutput> {
        operation(input, idempotency: .readOnly)
    }
}

/// A typed request of a JSON 1.1 operation: its name and its body as an `Encodable` value.
///
/// Coding keys are the wire names (`InstanceId`, `InstanceOSUser`). Use `Data` for blobs (sent as
/// base64) and `Date` for timestamps (sent as epoch seconds), as botocore's `JSONSerializer` does;
/// leave optionals nil to omit them.
///
/// ## Usage
/// ```swift
/// struct SendSSHPublicKeyInput: AWSJSONInput {
///     static let operation = "SendSSHPublicKey"
///     var instanceID: String
///     var osUser: String
///     var publicKey: String            // public material only, never a private key
///     var availabilityZone: String?
///     enum CodingKeys: String, CodingKey {
///         case instanceID = "InstanceId", osUser = "InstanceOSUser", publicKey = "SSHPublicKey"
///         case availabilityZone = "AvailabilityZone"
///     }
/// }
/// let request = try AWSJSONProtocol.ec2InstanceConnect.request(for: input)
/// ```
public protocol AWSJSONInput: Encodable, Sendable {
    /// The operation name, the part of `X-Amz-Target` after the dot (`SendSSHPublicKey`).
    static var operation: String { get }
}

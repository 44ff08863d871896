import AWSCore
import Foundation

extension STS {
    /// A session tag (`Tags.member.N.Key/Value`).
    public struct Tag: Sendable, Hashable {
        /// `Key`.
        public var key: String
        /// `Value`.
        public var value: String

        /// Creates a tag.
        public init(key: String, value: String) {
            self.key = key
            self.value = value
        }
    }

    /// AssumeRole input.
    public struct AssumeRoleInput: AWSQueryInput, Hashable {
        /// `AssumeRole`.
        public static let action = "AssumeRole"
        /// `RoleArn`.
        public var roleArn: String
        /// `RoleSessionName` (2–64 characters).
        public var roleSessionName: String
        /// `Policy`: an inline session policy (JSON).
        public var policy: String?
        /// `DurationSeconds` (900–43200).
        public var durationSeconds: Int?
        /// `Tags.member.N`.
        public var tags: [Tag]
        /// `ExternalId`.
        public var externalId: String?
        /// `SerialNumber`: the MFA device.
        public var serialNumber: String?
        /// `TokenCode`: the MFA code.
        public var tokenCode: String?
        /// `SourceIdentity`.
        public var sourceIdentity: String?

        /// Creates the input; an empty `tags` list is left off the wire.
        public init(
            roleArn: String, roleSessionName: String, policy: String? = nil, durationSeconds: Int? = nil,
            tags: [Tag] = [], externalId: String? = nil, serialNumber: String? = nil, tokenCode: String? = nil,
            sourceIdentity: String? = nil
        ) {
            self.roleArn = roleArn
            self.roleSessionName = roleSessionName
            self.policy = policy
            self.durationSeconds = durationSeconds
            self.tags = tags
            self.externalId = externalId
            self.serialNumber = serialNumber
            self.tokenCode = tokenCode
            self.sourceIdentity = sourceIdentity
        }

        /// Writes the parameters in the model's member order.
        public func encode(to parameters: inout QueryParameters) {
            parameters.add("RoleArn", roleArn)
            parameters.add("RoleSessionName", roleSessionName)
            parameters.add("Policy", policy)
            parameters.add("DurationSeconds", durationSeconds)
            if !tags.isEmpty {
                parameters.addStructureList("Tags", tags) { tag, fields in
                    fields.add("Key", tag.key)
                    fields.add("Value", tag.value)
                }
            }
            parameters.add("ExternalId", externalId)
            parameters.add("SerialNumber", serialNumber)
            parameters.add("TokenCode", tokenCode)
            parameters.add("SourceIdentity", sourceIdentity)
        }
    }

    /// Temporary credentials; `description` never shows the secret or the session token.
    public struct Credentials: Sendable, Hashable, XMLDecodable, CustomStringConvertible {
        /// `AccessKeyId`.
        public var accessKeyId: String
        /// `SecretAccessKey`.
        public var secretAccessKey: String
        /// `SessionToken`.
        public var sessionToken: String
        /// `Expiration`.
        public var expiration: Date

        /// Reads `<Credentials>`.
        public init(xml node: XMLNode) throws {
            accessKeyId = try node.decode("AccessKeyId")
            secretAccessKey = try node.decode("SecretAccessKey")
            sessionToken = try node.decode("SessionToken")
            expiration = try node.decode("Expiration")
        }

        /// The access key id and expiry only.
        public var description: String {
            "Credentials(accessKeyId: \(accessKeyId), secretAccessKey: <redacted>, sessionToken: <redacted>, "
                + "expiration: \(AWSTimestamp.iso8601String(from: expiration)))"
        }
    }

    /// The assumed role session (`<AssumedRoleUser>`).
    public struct AssumedRoleUser: Sendable, Hashable, XMLDecodable {
        /// `AssumedRoleId` (`AROA…:session`).
        public var assumedRoleId: String
        /// `Arn` (`arn:aws:sts::222222222222:assumed-role/any/session`).
        public var arn: String

        /// Reads `<AssumedRoleUser>`.
        public init(xml node: XMLNode) throws {
            assumedRoleId = try node.decode("AssumedRoleId")
            arn = try node.decode("Arn")
        }
    }

    /// AssumeRole output.
    public struct AssumeRoleOutput: Sendable, Hashable, XMLDecodable {
        /// `Credentials`.
        public var credentials: Credentials
        /// `AssumedRoleUser`.
        public var assumedRoleUser: AssumedRoleUser
        /// `PackedPolicySize`.
        public var packedPolicySize: Int?
        /// `SourceIdentity`.
        public var sourceIdentity: String?

        /// Reads `<AssumeRoleResult>`.
        public init(xml node: XMLNode) throws {
            credentials = try node.decode("Credentials")
            assumedRoleUser = try node.decode("AssumedRoleUser")
            packedPolicySize = try node.decodeIfPresent("PackedPolicySize")
            sourceIdentity = try node.decodeIfPresent("SourceIdentity")
        }
    }

    /// AssumeRole: changes nothing but issues another set of temporary credentials, so a repeat is harmless:
    /// `repeatable`.
    public static func assumeRole(_ input: AssumeRoleInput) -> AWSOperation<AssumeRoleOutput> {
        .query(.sts, service: service, input, idempotency: .repeatable)
    }
}

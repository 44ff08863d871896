import AWSCore
import Foundation

/// AWS STS (`sts/2011-06-15`, Query protocol): caller identity and role assumption.
public enum STS {
    /// The service identity every STS operation is addressed to.
    public static let service = AWSServiceID.sts

    /// GetCallerIdentity input: no parameters.
    public struct GetCallerIdentityInput: AWSQueryInput, Hashable {
        /// `GetCallerIdentity`.
        public static let action = "GetCallerIdentity"

        /// Creates the input.
        public init() {}

        /// Adds nothing: the action has no parameters.
        public func encode(to parameters: inout QueryParameters) {}
    }

    /// GetCallerIdentity output.
    public struct GetCallerIdentityOutput: Sendable, Hashable, XMLDecodable {
        /// `UserId`.
        public var userId: String
        /// `Account`.
        public var account: String
        /// `Arn`.
        public var arn: String

        /// Reads `<GetCallerIdentityResult>`.
        public init(xml node: XMLNode) throws {
            userId = try node.decode("UserId")
            account = try node.decode("Account")
            arn = try node.decode("Arn")
        }
    }

    /// GetCallerIdentity: read-only.
    public static func getCallerIdentity(
        _ input: GetCallerIdentityInput = GetCallerIdentityInput()
    ) -> AWSOperation<GetCallerIdentityOutput> {
        .query(.sts, service: service, input, idempotency: .readOnly)
    }
}

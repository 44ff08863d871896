import AWSCore
import Foundation

extension Organizations {
    /// ListAccounts input (paginated by `NextToken`; management account or delegated administrator only).
    public struct ListAccountsInput: AWSJSONInput, Hashable {
        /// `ListAccounts`.
        public static let operation = "ListAccounts"
        /// `NextToken`.
        public var nextToken: String?
        /// `MaxResults` (1–20).
        public var maxResults: Int?

        /// Creates the input.
        public init(nextToken: String? = nil, maxResults: Int? = nil) {
            self.nextToken = nextToken
            self.maxResults = maxResults
        }

        /// The wire names.
        enum CodingKeys: String, CodingKey {
            case nextToken = "NextToken"
            case maxResults = "MaxResults"
        }
    }

    /// A member account (`Account`).
    public struct Account: Sendable, Hashable, Decodable {
        /// `Id`.
        public var id: String
        /// `Arn`.
        public var arn: String?
        /// `Email`.
        public var email: String?
        /// `Name`.
        public var name: String?
        /// `Status` (`ACTIVE`, `SUSPENDED`, `PENDING_CLOSURE`).
        public var status: String?
        /// `JoinedMethod` (`INVITED`, `CREATED`).
        public var joinedMethod: String?
        /// `JoinedTimestamp`.
        public var joinedTimestamp: Date?

        /// The wire names.
        enum CodingKeys: String, CodingKey {
            case id = "Id"
            case arn = "Arn"
            case email = "Email"
            case name = "Name"
            case status = "Status"
            case joinedMethod = "JoinedMethod"
            case joinedTimestamp = "JoinedTimestamp"
        }
    }

    /// ListAccounts output: one page.
    public struct ListAccountsOutput: Sendable, Hashable, Decodable {
        /// `Accounts`.
        public var accounts: [Account]
        /// `NextToken`; nil on the last page.
        public var nextToken: String?

        /// The wire names.
        enum CodingKeys: String, CodingKey {
            case accounts = "Accounts"
            case nextToken = "NextToken"
        }
    }

    /// ListAccounts: read-only, one page.
    public static func listAccounts(_ input: ListAccountsInput = ListAccountsInput()) throws -> AWSOperation<
        ListAccountsOutput
    > {
        try .json(.organizations, service: service, input, idempotency: .readOnly)
    }

    /// Every page of ListAccounts, each request sent by `send` with the previous page's `NextToken`.
    public static func listAccountsPages(
        _ input: ListAccountsInput = ListAccountsInput(),
        send: @escaping @Sendable (AWSOperation<ListAccountsOutput>) async throws -> ListAccountsOutput
    ) -> Paginator<ListAccountsOutput> {
        Paginator(startingToken: input.nextToken) { token in
            var page = input
            page.nextToken = token
            let output = try await send(try listAccounts(page))
            return (output, output.nextToken)
        }
    }
}

import AWSCore
import Foundation

extension EC2 {
    /// DescribeInstances input (paginated by `NextToken`).
    public struct DescribeInstancesInput: AWSQueryInput, Hashable {
        /// `DescribeInstances`.
        public static let action = "DescribeInstances"
        /// `InstanceId.N`.
        public var instanceIds: [String]
        /// `DryRun`.
        public var dryRun: Bool?
        /// `Filter.N` (`instance-state-name`, `key-name`, `tag:<key>`, …).
        public var filters: [Filter]
        /// `NextToken`: the page to fetch, nil for the first.
        public var nextToken: String?
        /// `MaxResults` (5–1000; not allowed together with instance IDs).
        public var maxResults: Int?

        /// Creates the input.
        public init(
            instanceIds: [String] = [], filters: [Filter] = [], nextToken: String? = nil, maxResults: Int? = nil,
            dryRun: Bool? = nil
        ) {
            self.instanceIds = instanceIds
            self.dryRun = dryRun
            self.filters = filters
            self.nextToken = nextToken
            self.maxResults = maxResults
        }

        /// Writes the parameters in the model's member order.
        public func encode(to parameters: inout QueryParameters) {
            parameters.addList("InstanceId", instanceIds)
            parameters.add("DryRun", dryRun)
            parameters.addFilters(filters)
            parameters.add("NextToken", nextToken)
            parameters.add("MaxResults", maxResults)
        }
    }

    /// DescribeInstances output: one page.
    public struct DescribeInstancesOutput: Sendable, Hashable, XMLDecodable {
        /// `reservationSet`.
        public var reservations: [Reservation]
        /// `nextToken`; nil or empty on the last page.
        public var nextToken: String?

        /// Every instance of every reservation on this page.
        public var instances: [Instance] { reservations.flatMap(\.instances) }

        /// Reads `<reservationSet>` and `<nextToken>`.
        public init(xml node: XMLNode) throws {
            reservations = try node.decodeItems("reservationSet")
            nextToken = try node.decodeIfPresent("nextToken")
        }
    }

    /// DescribeInstances: read-only, one page.
    public static func describeInstances(_ input: DescribeInstancesInput) -> AWSOperation<DescribeInstancesOutput> {
        operation(input, idempotency: .readOnly)
    }

    /// Every page of DescribeInstances, each request sent by `send` with the previous page's `nextToken`.
    public static func describeInstancesPages(
        _ input: DescribeInstancesInput,
        send: @escaping @Sendable (AWSOperation<DescribeInstancesOutput>) async throws -> DescribeInstancesOutput
    ) -> Paginator<DescribeInstancesOutput> {
        Paginator(startingToken: input.nextToken) { token in
            var page = input
            page.nextToken = token
            let output = try await send(describeInstances(page))
            return (output, output.nextToken)
        }
    }

    /// StopInstances input.
    public struct StopInstancesInput: AWSQueryInput, Hashable {
        /// `StopInstances`.
        public static let action = "StopInstances"
        /// `InstanceId.N`.
        public var instanceIds: [String]
        /// `Hibernate`.
        public var hibernate: Bool?
        /// `DryRun`.
        public var dryRun: Bool?
        /// `Force`: skip the OS's orderly shutdown.
        public var force: Bool?

        /// Creates the input.
        public init(instanceIds: [String], hibernate: Bool? = nil, force: Bool? = nil, dryRun: Bool? = nil) {
            self.instanceIds = instanceIds
            self.hibernate = hibernate
            self.dryRun = dryRun
            self.force = force
        }

        /// Writes the parameters in the model's member order.
        public func encode(to parameters: inout QueryParameters) {
            parameters.addList("InstanceId", instanceIds)
            parameters.add("Hibernate", hibernate)
            parameters.add("DryRun", dryRun)
            parameters.add("Force", force)
        }
    }

    /// StartInstances input.
    public struct StartInstancesInput: AWSQueryInput, Hashable {
        /// `StartInstances`.
        public static let action = "StartInstances"
        /// `InstanceId.N`.
        public var instanceIds: [String]
        /// `DryRun`.
        public var dryRun: Bool?

        /// Creates the input.
        public init(instanceIds: [String], dryRun: Bool? = nil) {
            self.instanceIds = instanceIds
            self.dryRun = dryRun
        }

        /// Writes the parameters in the model's member order.
        public func encode(to parameters: inout QueryParameters) {
            parameters.addList("InstanceId", instanceIds)
            parameters.add("DryRun", dryRun)
        }
    }

    /// StopInstances / StartInstances output.
    public struct InstanceStateChangesOutput: Sendable, Hashable, XMLDecodable {
        /// `instancesSet`.
        public var instances: [InstanceStateChange]

        /// Reads `<instancesSet>`.
        public init(xml node: XMLNode) throws {
            instances = try node.decodeItems("instancesSet")
        }
    }

    /// StopInstances: asks for a target state; a repeat finds the instance stopping or stopped and changes nothing
    /// (the reply's `previousState`/`currentState` say so), hence `repeatable`.
    public static func stopInstances(_ input: StopInstancesInput) -> AWSOperation<InstanceStateChangesOutput> {
        operation(input, idempotency: .repeatable)
    }

    /// StartInstances: asks for a target state; a repeat finds the instance pending or running, hence `repeatable`.
    public static func startInstances(_ input: StartInstancesInput) -> AWSOperation<InstanceStateChangesOutput> {
        operation(input, idempotency: .repeatable)
    }
}

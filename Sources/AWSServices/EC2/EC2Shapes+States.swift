import AWSCore

extension EC2 {
    /// An instance state (`<instanceState><code/><name/></instanceState>`).
    public struct InstanceState: Sendable, Hashable, XMLDecodable {
        /// The low byte of the state code (0 pending, 16 running, 32 shutting-down, 48 terminated, 64 stopping, 80 stopped).
        public var code: Int
        /// The state name (`pending`, `running`, `shutting-down`, `terminated`, `stopping`, `stopped`).
        public var name: String

        /// Creates a state.
        public init(code: Int, name: String) {
            self.code = code
            self.name = name
        }

        /// Reads `<code>` and `<name>`.
        public init(xml node: XMLNode) throws {
            code = try node.decode("code")
            name = try node.decode("name")
        }
    }

    /// Why a resource is in its state (`<stateReason><code/><message/></stateReason>`).
    public struct StateReason: Sendable, Hashable, XMLDecodable {
        /// The reason code (`Client.UserInitiatedShutdown`).
        public var code: String?
        /// The human-readable message.
        public var message: String?

        /// Creates a state reason.
        public init(code: String?, message: String?) {
            self.code = code
            self.message = message
        }

        /// Reads `<code>` and `<message>`, both optional.
        public init(xml node: XMLNode) throws {
            code = try node.decodeIfPresent("code")
            message = try node.decodeIfPresent("message")
        }
    }

    /// A state change reported by StartInstances / StopInstances.
    public struct InstanceStateChange: Sendable, Hashable, XMLDecodable {
        /// The instance.
        public var instanceId: String
        /// The state after the call.
        public var currentState: InstanceState
        /// The state before the call.
        public var previousState: InstanceState

        /// Creates a state change.
        public init(instanceId: String, currentState: InstanceState, previousState: InstanceState) {
            self.instanceId = instanceId
            self.currentState = currentState
            self.previousState = previousState
        }

        /// Reads `<instanceId>`, `<currentState>`, `<previousState>`.
        public init(xml node: XMLNode) throws {
            instanceId = try node.decode("instanceId")
            currentState = try node.decode("currentState")
            previousState = try node.decode("previousState")
        }
    }
}

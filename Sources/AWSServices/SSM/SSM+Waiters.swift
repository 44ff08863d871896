import AWSCore

extension SSM {
    /// SSM's waiters, as botocore's `ssm/2014-11-06/waiters-2.json` defines them.
    public enum Waiters {
        /// `CommandExecuted`: GetCommandInvocation every 5 s, 20 attempts; success on `Success`; failure on
        /// `Cancelled`, `TimedOut`, `Failed`, `Cancelling`; keeps polling on `Pending`, `InProgress`, `Delayed` and
        /// on `InvocationDoesNotExist` (the invocation is not visible for a moment after SendCommand).
        public static let commandExecuted: Waiter<GetCommandInvocationOutput> = {
            let path = "Status"
            let status: @Sendable (GetCommandInvocationOutput) -> WaiterValue? = { .string($0.status) }
            return Waiter(
                name: "CommandExecuted", operation: "GetCommandInvocation", delay: .seconds(5), maxAttempts: 20,
                acceptors: [
                    WaiterAcceptor(.retry, .path(path, expected: .string("Pending"), status)),
                    WaiterAcceptor(.retry, .path(path, expected: .string("InProgress"), status)),
                    WaiterAcceptor(.retry, .path(path, expected: .string("Delayed"), status)),
                    WaiterAcceptor(.success, .path(path, expected: .string("Success"), status)),
                    WaiterAcceptor(.failure, .path(path, expected: .string("Cancelled"), status)),
                    WaiterAcceptor(.failure, .path(path, expected: .string("TimedOut"), status)),
                    WaiterAcceptor(.failure, .path(path, expected: .string("Failed"), status)),
                    WaiterAcceptor(.failure, .path(path, expected: .string("Cancelling"), status)),
                    WaiterAcceptor(.retry, .error("InvocationDoesNotExist")),
                ],
                detail: { $0.statusDetails })
        }()
    }
}

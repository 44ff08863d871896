import AWSCore

/// Amazon EC2 (`ec2/2016-11-15`, EC2 query protocol): shapes and operations, one `AWSOperation` per action.
public enum EC2 {
    /// The service identity every EC2 operation is addressed to.
    public static let service = AWSServiceID.ec2

    /// An EC2 operation from a typed input.
    static func operation<Input: AWSQueryInput, Output: XMLDecodable & Sendable>(
        _ input: Input, idempotency: OperationRetryTraits.Idempotency, output: Output.Type = Output.self
    ) -> AWSOperation<Output> {
        .query(.ec2, service: service, input, idempotency: idempotency)
    }
}

/// Which AWS error codes and HTTP statuses mean "slow down" or "try again", per botocore's
/// standard retry mode (`botocore/retries/standard.py`, `ThrottledRetryableChecker` and
/// `TransientRetryableChecker`), plus the server-fault codes the EC2 and STS docs list as retryable.
///
/// The retry layer and `AWSServiceError.category` both read these sets, so there is one list.
public enum AWSErrorClassification {
    /// `_THROTTLED_ERROR_CODES`: the service asks the caller to slow down.
    public static let throttlingCodes: Set<String> = [
        "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException",
        "TooManyRequestsException", "ProvisionedThroughputExceededException", "TransactionInProgressException",
        "RequestLimitExceeded", "BandwidthLimitExceeded", "LimitExceededException", "RequestThrottled",
        "SlowDown", "PriorRequestNotComplete", "EC2ThrottledException",
    ]

    /// `_TRANSIENT_ERROR_CODES` plus the 5xx-style codes EC2 (`InternalError`, `ServiceUnavailable`,
    /// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/errors-overview.html) and the Query/JSON
    /// services (`InternalFailure`, `ServiceUnavailable`) send for their own faults.
    public static let transientCodes: Set<String> = [
        "RequestTimeout", "RequestTimeoutException", "PriorRequestNotComplete",
        "InternalError", "InternalFailure", "ServiceUnavailable",
    ]

    /// `_TRANSIENT_STATUS_CODES`: any response with these statuses is worth another attempt.
    public static let transientStatusCodes: Set<Int> = [500, 502, 503, 504]

    /// EC2's answer to a permitted `DryRun=true` request (HTTP 412), which is a success in disguise.
    public static let dryRunSucceededCode = "DryRunOperation"
}

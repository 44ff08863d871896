import AWSCore

/// What an EC2 `DryRun=true` call says about the caller's permissions.
///
/// EC2 answers a permitted dry run with the error `DryRunOperation` (HTTP 412) and a refused one with
/// `UnauthorizedOperation` (HTTP 403) (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/errors-overview.html).
public enum DryRunOutcome: Sendable, Hashable {
    /// `DryRunOperation`: the request would have succeeded.
    case permitted
    /// `UnauthorizedOperation`: the caller lacks the permission; the error keeps code, message (AWS's encoded
    /// authorization message) and request id.
    case denied(AWSServiceError)
}

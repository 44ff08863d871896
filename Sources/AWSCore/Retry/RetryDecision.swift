/// What to do after a failed attempt: the pure output of ``RetryPolicy/decision(after:attempt:operation:)``.
///
/// The retry quota is not consulted here; ``RetryExecutor`` applies it to a `.retry` or a
/// `.reconcileFirst(thenRetry: true)` before anything is sent again.
public enum RetryDecision: Sendable, Hashable {
    /// Send the request again (re-signed, same `ClientToken` if it has one) after the backoff delay.
    case retry(RetryClassification)
    /// The call has no idempotency token and may already have taken effect: ask the caller's reconcile step
    /// whether it did. If it did not, send again only when `thenRetry` (attempts remain); otherwise stop.
    case reconcileFirst(RetryClassification, thenRetry: Bool)
    /// Give up and report the failure.
    case stop(RetryStoppedError.Reason)
}

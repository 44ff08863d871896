import AWSCore

extension AWSServiceClient {
    /// Sends `operation`, which must have been built with `dryRun: true`, and reports whether the caller may make
    /// the call for real.
    ///
    /// ```swift
    /// switch try await aws.dryRun(EC2.createImage(.init(instanceId: id, name: "copy", dryRun: true))) {
    /// case .permitted: break
    /// case .denied(let error): print("not allowed: \(error)")
    /// }
    /// ```
    /// - Throws: ``DryRunError`` when the request lacks `DryRun=true` (nothing is sent) or the service performed
    ///   it; any other error of ``send(_:isolation:)`` as is.
    public func dryRun<Output>(
        _ operation: AWSOperation<Output>, isolation: isolated (any Actor)? = #isolation
    ) async throws -> DryRunOutcome {
        let body = String(decoding: operation.request.body, as: UTF8.self)
        guard body.split(separator: "&").contains("DryRun=true") else {
            throw DryRunError(action: operation.action, reason: .flagNotSet)
        }
        do {
            _ = try await send(operation)
        } catch let error as AWSServiceError where error.code == AWSErrorClassification.dryRunSucceededCode {
            return .permitted
        } catch let error as AWSServiceError where error.code == "UnauthorizedOperation" {
            return .denied(error)
        }
        throw DryRunError(action: operation.action, reason: .performed)
    }
}

import EC2Evidence

/// `amikey doctor`: finds out from outside the instance why a key is refused, which keys the instance accepts and whose
/// they are, and what to do.
///
/// Online it asks AWS everything it needs at once — caller identity, the instance, all key pairs with their public
/// keys (both accounts with `--source-profile`), the console output — and the image as soon as the instance names it,
/// so the critical path is two round trips after credentials. Offline (`--console-output`, key files, `--error`) it
/// does all it can without AWS. With `--probe` it then asks the real sshd, through the OpenSSH client and with public
/// keys only, which keys it accepts. The evidence goes to ``DoctorRules``.
///
/// ```swift
/// let request = DoctorRequest(instanceId: "i-0abc", keyPaths: ["~/Downloads/old-key.pem"], sourceProfile: "account-a")
/// let diagnosis = try await DoctorWorkflow().run(request, context: context)
/// print(diagnosis.verdict.rawValue)       // launch-key-not-installed
/// ```
public struct DoctorWorkflow: Sendable {
    /// A doctor.
    public init() {}

    /// Gathers the evidence and diagnoses it.
    ///
    /// - Throws: ``DoctorFailure`` when nothing could be done: AWS could not be reached or does not know the instance,
    ///   or the console output file cannot be read.
    public func run(_ request: DoctorRequest, context: WorkflowContext) async throws(DoctorFailure) -> Diagnosis {
        var evidence = DoctorEvidence(
            instanceId: request.instanceId, keysWereGiven: !request.keyPaths.isEmpty, requestedUser: request.user,
            amikeyOptions: request.amikeyOptions, sourceProfile: request.sourceProfile)
        evidence.gatheredAt = context.clock?.currentDate
        if let text = request.errorText { evidence.clientError = SSHClientErrorText(text) }
        if let path = request.consoleOutputPath {
            evidence.console = ConsoleLog.parse(try readInput(path, context: context))
            evidence.consoleSource = path == "-" ? "standard input" : path
        }
        async let localKeys = KeyInventory.read(request.keyPaths, context: context)
        if let instanceId = request.instanceId {
            try await DoctorAWSEvidence(request: request, instanceId: instanceId, context: context).gather(into: &evidence)
        }
        evidence.localKeys = await localKeys
        if request.probe {
            await DoctorProbe(request: request, context: context).run(into: &evidence)
        }
        return DoctorRules.diagnose(evidence)
    }

    private func readInput(_ path: String, context: WorkflowContext) throws(DoctorFailure) -> [UInt8] {
        do {
            return try context.readInput(path)
        } catch {
            throw .unreadableInput(code: error.code, message: "cannot read the console output \(path): \(error.reason(for: context.resolve(path)))")
        }
    }
}

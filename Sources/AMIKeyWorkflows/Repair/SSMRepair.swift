import AWSCore
import AWSServices
import Foundation

/// The ssm method: one SSM Run Command (`AWS-RunShellScript`, run as root by the SSM agent) that appends the key only
/// if absent; the instance keeps running. SendCommand has no idempotency token, but the script is idempotent, so a
/// repeated command (or a re-run of amikey) changes nothing the second time.
struct SSMRepair {
    let request: RepairRequest
    let context: WorkflowContext
    let progress: @Sendable (RepairProgress) -> Void

    func run(_ target: RepairTarget) async throws -> RepairReport {
        let id = target.instance.instanceId
        var steps: [WorkflowStep] = []
        func step(_ id: String, _ summary: String) {
            let step = WorkflowStep(id: id, summary: summary, state: .done)
            steps.append(step)
            progress(.step(step))
        }
        let input = SSM.SendCommandInput(
            instanceIds: [id], documentName: "AWS-RunShellScript",
            parameters: ["commands": AuthorizedKeysAppendScript.lines(user: target.user, key: target.key)],
            comment: "amikey repair: add a public key for \(target.user)", timeoutSeconds: 60)
        let command: SSM.Command
        do {
            command = try await target.aws.send(SSM.sendCommand(input)).command
        } catch {
            let failure = AWSFailure(error)
            guard failure.code == "InvalidInstanceId" else { throw failure }
            throw AWSFailure(
                code: "ssm-not-managed",
                message: "Systems Manager cannot run commands on \(id) (\(failure.message)): the SSM agent must be running "
                    + "on it, it must reach the SSM endpoints, and its instance profile must allow Systems Manager "
                    + "(AmazonSSMManagedInstanceCore). Without that, use --method user-data",
                requestID: failure.requestID)
        }
        step("send-command", "SSM command \(command.commandId) sent to \(id) (AWS-RunShellScript, as root)")
        let get = try SSM.getCommandInvocation(.init(commandId: command.commandId, instanceId: id))
        let invocation: SSM.GetCommandInvocationOutput
        do {
            let observed = try await target.aws.wait(SSM.Waiters.commandExecuted, polling: get) { progress(.waiting($0)) }
            if let response = observed.response { invocation = response } else { invocation = try await target.aws.send(get) }
        } catch let error as WaiterError {
            let last = try? await target.aws.send(get)
            throw AWSFailure(
                code: "ssm-command-failed",
                message: "the SSM command \(command.commandId) on \(id) did not succeed (\(last?.status ?? error.description))"
                    + (last?.standardErrorContent.map { $0.isEmpty ? "" : ": \($0.trimmingCharacters(in: .whitespacesAndNewlines))" } ?? "")
                    + "; nothing was removed from authorized_keys. See it with: aws ssm get-command-invocation --command-id "
                    + "\(command.commandId) --instance-id \(id)")
        }
        guard let outcome = AuthorizedKeysAppendScript.outcome(invocation.standardOutputContent ?? "") else {
            throw AWSFailure(code: "ssm-no-answer", message: "the SSM command \(command.commandId) succeeded but did not report what it did; check \(target.user)'s authorized_keys on \(id)")
        }
        step("append", outcome.added
             ? "added the key to \(target.user)'s authorized_keys (\(outcome.keys.map { "\($0) keys now" } ?? "kept every other key"))"
             : "the key was already in \(target.user)'s authorized_keys; nothing changed")
        let confirmation = await RepairCheck(target: target, request: request, context: context).probe()
        return target.report(
            .ssm, outcome.added ? .installed : .alreadyPresent,
            confirmation: confirmation ?? "the SSM command reported the key in authorized_keys", steps: steps)
    }
}

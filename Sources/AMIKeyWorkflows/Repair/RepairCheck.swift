import AWSCore
import AWSServices
import EC2Evidence
import Foundation
import SSHKeys
import SSHSession

/// Confirms from outside the instance that the key is installed: sshd itself (an SSH probe with the public key only,
/// host key pinned from the console) where it can be reached, else cloud-init's table in the console output.
struct RepairCheck {
    let target: RepairTarget
    let request: RepairRequest
    let context: WorkflowContext

    /// The instance's current address and console evidence (both may change with a stop and start).
    func refreshed() async throws -> RepairTarget {
        let (aws, id) = (target.aws, target.instance.instanceId)
        async let described = aws.send(EC2.describeInstances(.init(instanceIds: [id])))
        async let output = aws.send(EC2.getConsoleOutput(.init(instanceId: id)))
        var target = target
        if let instance = try await described.instances.first { target.instance = instance }
        if let text = try? await output.text { target.console = ConsoleLog.parse(text) }
        return target
    }

    /// "sshd at ADDRESS accepts the key for USER", when an SSH probe says so; nil when it cannot tell.
    func probe() async -> String? {
        guard let host = target.address else { return nil }
        return await SSHKeyCheck(context: context, sshConfig: request.sshConfig)
            .accepts(target.key, user: target.user, host: host, hostKeys: target.console?.hostPublicKeys ?? [])
    }

    /// Waits until the console table for the user lists the key, reporting every poll; nil when it never did.
    func consoleTable(progress: @escaping @Sendable (RepairProgress) -> Void) async throws -> String? {
        let (user, key) = (target.user, target.key)
        let listed: @Sendable (EC2.GetConsoleOutputOutput) -> WaiterValue? = { output in
            let console = ConsoleLog.parse(output.text ?? "")
            guard let table = console.authorizedKeys.last(where: { $0.user == user }) else { return .bool(false) }
            return .bool(table.lists(key))
        }
        // EC2 posts console output after state transitions, usually within minutes of a boot (instance-console.md).
        let waiter = Waiter<EC2.GetConsoleOutputOutput>(
            name: "ConsoleListsKey", operation: "GetConsoleOutput", delay: .seconds(15), maxAttempts: 40,
            acceptors: [WaiterAcceptor(.success, .path("cloud-init table for \(user) lists the key", expected: .bool(true), listed))],
            detail: { listed($0) == .bool(true) ? "the table lists the key" : "no table listing the key yet" })
        do {
            try await target.aws.wait(waiter, polling: EC2.getConsoleOutput(.init(instanceId: target.instance.instanceId))) {
                progress(.waiting($0))
            }
            return "the console's cloud-init table for \(user) lists the key (\(key.sha256Fingerprint))"
        } catch is WaiterError {
            return nil
        }
    }
}

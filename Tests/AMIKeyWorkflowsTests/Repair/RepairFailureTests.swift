import AMIKeyTestSupport
import Foundation
import SSHKeys
import Testing

@testable import AMIKeyWorkflows

/// The repair refusals that need no AWS: what ssh said after Instance Connect's push, and a journal that cannot be
/// read — each with the message the user sees.
@Suite("repair: refusals and their messages")
struct RepairFailureTests {
    @Test("ssh's answer after the push, as the user reads it", arguments: [
        ("ec2-user@54.1.2.3: Permission denied (publickey).\r\n", 255, "instance-connect-refused",
         "refused the key EC2 Instance Connect pushed: the image needs the ec2-instance-connect package"),
        ("@@@@@@@@\nWARNING: REMOTE HOST IDENTIFICATION HAS CHANGED!\nHost key verification failed.\n", 255, "host-key-unverified",
         "54.1.2.3's host key is not the one in i-0abc's console output: not logging in"),
        ("ssh: connect to host 54.1.2.3 port 22: Connection timed out\n", 255, "instance-connect-failed",
         "logging in to 54.1.2.3 with the one-time key failed (ssh: connect to host 54.1.2.3 port 22: Connection timed out); nothing was changed on i-0abc"),
    ] as [(String, Int32, String, String)])
    func instanceConnect(_ stderr: String, _ status: Int32, _ code: String, _ message: String) {
        let failure = InstanceConnectRepair.loginFailure(
            ProcessResult(status: status, stdout: [], stderr: Array(stderr.utf8)), id: "i-0abc", host: "54.1.2.3", pinned: true)
        #expect(failure.code == code)
        #expect(failure.message.contains(message), "\(failure.message)")
    }

    @Test("an unknown host key without a console pin says how to check it")
    func unpinned() {
        let failure = InstanceConnectRepair.loginFailure(
            ProcessResult(status: 255, stdout: [], stderr: Array("Host key verification failed.\n".utf8)),
            id: "i-0abc", host: "54.1.2.3", pinned: false)
        #expect(failure.message.contains("connect once with ssh yourself and check the fingerprint, or use --method ssm or user-data"))
    }

    @Test("a damaged journal is an error that says it holds the original user data and must be kept")
    func damagedJournal() throws {
        let files = InMemoryFileSystem()
        let path = "/home/me/.amikey/repair/repair-eu-west-1-i-0abc.json"
        files.add(path, "{\"version\": 1, \"instanceId\": ")
        let context = WorkflowContext(fileSystem: files, environment: [:], homeDirectory: "/home/me", currentDirectory: "/")
        #expect {
            _ = try RepairJournal.read(JournalFile(path: path, purpose: "the repair journal"), context: context)
        } throws: { error in
            let failure = try #require(error as? AWSFailure)
            return failure.code == "journal-unreadable"
                && failure.message.contains("it holds the instance's original user data: keep the file")
        }
    }

    @Test("the journal round-trips, keeps bytes that are not UTF-8, and orders its phases as the steps run")
    func journal() throws {
        let files = InMemoryFileSystem()
        let context = WorkflowContext(fileSystem: files, environment: [:], homeDirectory: "/home/me", currentDirectory: "/")
        let original: [UInt8] = [0x23, 0x21, 0xFF, 0x00, 0x0A]
        let journal = RepairJournal(
            instanceId: "i-0abc", region: "eu-west-1", user: "ec2-user", publicKey: "ssh-ed25519 AAAA",
            originalUserData: Data(original).base64EncodedString(), wasRunning: true, phase: .userDataSet)
        let file = RepairJournal.file(directory: "/home/me/.amikey/repair", instanceId: "i-0abc", region: "eu-west-1", context: context)
        try file.write(journal, context: context)
        let read = try #require(try RepairJournal.read(file, context: context))
        #expect(read == journal)
        #expect(read.originalBytes == original)
        #expect(files.allFiles == [file.path], "the temporary file is renamed over the journal")
        #expect(RepairJournal.Phase.allCases.map(\.rawValue)
                == ["saved", "stopped", "user-data-set", "started", "confirmed", "stopped-again", "restored"])
        #expect(RepairJournal.Phase.saved < .restored)
    }

    @Test("amikey's repair user data is recognised, an instance's own is not", arguments: [
        ("#cloud-config\nusers: [default]\n", false), ("#!/bin/bash\necho hi\n", false),
        (String(decoding: RepairUserData.bytes(user: "ec2-user", key: SSHPrivateKey.generateEd25519(comment: "k").publicKey), as: UTF8.self), true),
    ])
    func repairUserData(_ text: String, _ isRepair: Bool) {
        #expect(RepairUserData.isRepairUserData(Array(text.utf8)) == isRepair)
    }
}

import AMIKeyWorkflows
import EC2Evidence
import Testing

/// A console whose latest boot never reached sshd (ssh-on-ec2.md §6 #6): the doctor says so before any key question.
@Suite struct DoctorBootFailureTests {
    /// The healthy instance (the launch key is installed), its latest boot showing `failures`.
    static func healthy(_ failures: [(BootFailure.Kind, String?, String)]) -> DoctorEvidence {
        var evidence = DoctorFixtures.healthy()
        evidence.console?.bootFailures = failures.enumerated().map { index, failure in
            BootFailure(kind: failure.0, subject: failure.1, text: failure.2, line: 200 + index, boot: 1)
        }
        return evidence
    }

    @Test func emergencyModeIsNotReachable() throws {
        let diagnosis = DoctorRules.diagnose(Self.healthy([
            (.deviceTimedOut, "/dev/xvdf", "[ TIME ] Timed out waiting for device /dev/xvdf."),
            (.emergencyMode, nil, "You are in emergency mode. After logging in, type \"journalctl -xb\" to view"),
        ]))
        #expect(diagnosis.verdict == .notReachable)
        let finding = try #require(diagnosis.findings.first)
        #expect(finding.summary.en == "The instance's latest boot stopped in emergency mode: sshd is not running, whatever the key")
        let evidence = finding.evidence.map(\.en)
        #expect(evidence.first == "GetConsoleOutput, line 200 (boot 1 of 1): [ TIME ] Timed out waiting for device /dev/xvdf.")
        #expect(evidence.contains { $0.hasPrefix("Nitro instance types name EBS volumes /dev/nvme1n1") && $0.contains("naming /dev/xvdf") })
        let commands = finding.remedies.flatMap(\.commands)
        #expect(commands.first == "aws ec2 stop-instances --instance-ids i-0b")
        #expect(commands.contains("aws ec2 attach-volume --volume-id ROOT_VOLUME_ID --instance-id i-0b --device ROOT_DEVICE_NAME"))
        #expect(commands.contains("aws ec2 enable-serial-console-access"))
    }

    /// sulogin cannot open the emergency shell without a root password, so the serial console is not offered.
    @Test func rootLockedLeavesOnlyTheVolumeSwap() throws {
        let diagnosis = DoctorRules.diagnose(Self.healthy([
            (.mountFailed, "/mnt/efs", "[FAILED] Failed to mount mnt-efs.mount - /mnt/efs."),
            (.emergencyMode, nil, "You are in emergency mode."),
            (.rootLocked, nil, "Cannot open access to console, the root account is locked."),
        ]))
        let finding = try #require(diagnosis.findings.first)
        #expect(finding.code == .notReachable)
        #expect(finding.remedies.count == 1)
        #expect(finding.evidence.count == 3)
    }

    @Test func kernelPanic() {
        let diagnosis = DoctorRules.diagnose(Self.healthy([(.kernelPanic, "VFS: Unable to mount root fs", "Kernel panic - not syncing: VFS: Unable to mount root fs")]))
        #expect(diagnosis.verdict == .notReachable)
        #expect(diagnosis.findings.first?.summary.en.contains("kernel panic") == true)
    }

    /// /home failed but the boot went on (nofail): sshd runs, the user's authorized_keys is not there.
    @Test func homeNotMounted() {
        let diagnosis = DoctorRules.diagnose(Self.healthy([(.mountFailed, "/home", "[FAILED] Failed to mount /home.")]))
        #expect(diagnosis.verdict == .keyInstalledButRefused)
        #expect(diagnosis.findings.first?.summary.en == "/home did not mount at the latest boot: the login user's home, with its authorized_keys, is not there")
    }

    /// A data volume that failed with nofail stops nothing SSH needs.
    @Test func otherMountsDoNotMatter() {
        #expect(DoctorRules.diagnose(Self.healthy([(.mountFailed, "/data", "[FAILED] Failed to mount /data.")])).verdict == .ok)
    }

    @Test func japanese() {
        let diagnosis = DoctorRules.diagnose(Self.healthy([
            (.deviceTimedOut, "/dev/sdf", "[ TIME ] Timed out waiting for device /dev/sdf."), (.emergencyMode, nil, "Welcome to emergency mode!"),
        ]))
        for text in diagnosis.findings.flatMap({ [$0.summary] + $0.evidence + $0.remedies.map(\.title) }) {
            #expect(!text.ja.isEmpty, "\(text.en)")
        }
        #expect(diagnosis.findings.first?.summary.ja.contains("緊急モード") == true)
    }
}

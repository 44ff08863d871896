import Testing

@testable import EC2Evidence

/// systemd's and the kernel's console lines for a boot that never reached sshd, as EC2 returns them: coloured with
/// ANSI escapes, behind kernel timestamps. Spellings from systemd (mount units; emergency.service and sulogin),
/// before and after systemd 253 named the unit in front of the mount point.
@Suite struct BootFailureTests {
    static let red = "\u{1B}[0;1;31m", bold = "\u{1B}[0;1;39m", reset = "\u{1B}[0m"

    static let lines: [(String, BootFailure.Kind?, String?)] = [
        ("[\(red)FAILED\(reset)] Failed to mount /data.", .mountFailed, "/data"),
        ("[\(red)FAILED\(reset)] Failed to mount \(bold)mnt-efs.mount\(reset) - /mnt/efs.", .mountFailed, "/mnt/efs"),
        ("[  OK  ] Mounted /home.", nil, nil),
        ("[\(red) TIME \(reset)] Timed out waiting for device /dev/xvdf.", .deviceTimedOut, "/dev/xvdf"),
        ("[ TIME ] Timed out waiting for device \(bold)dev-sdf.device\(reset) - /dev/sdf.", .deviceTimedOut, "/dev/sdf"),
        (#"You are in emergency mode. After logging in, type "journalctl -xb" to view"#, .emergencyMode, nil),
        ("Welcome to emergency mode! After logging in, type \"journalctl -xb\" to view system logs,", .emergencyMode, nil),
        ("Give root password for maintenance", .emergencyMode, nil),
        ("Cannot open access to console, the root account is locked.", .rootLocked, nil),
        ("[    2.345678] Kernel panic - not syncing: VFS: Unable to mount root fs on unknown-block(0,0)", .kernelPanic,
         "VFS: Unable to mount root fs on unknown-block(0,0)"),
        ("[DEPEND] Dependency failed for Local File Systems.", nil, nil),
        ("ci-info: no authorized SSH keys fingerprints found for user ec2-user.", nil, nil),
    ]

    @Test(arguments: lines)
    func line(_ text: String, _ kind: BootFailure.Kind?, _ subject: String?) {
        let failure = BootFailure.reading(Substring(text), line: 7, boot: 1)
        #expect(failure?.kind == kind)
        #expect(failure?.subject == subject)
        #expect(failure.map { !$0.text.contains("\u{1B}") } ?? true)
    }

    /// The AL2023 case users report after making an AMI of an instance with an EFS line in /etc/fstab.
    static let emergency = """
        [    0.000000] Linux version 6.1.61-85.141.amzn2023.x86_64 (mockbuild@ip-10-0-45-165) (gcc (GCC) 11.4.1) #1 SMP
        [\(red)FAILED\(reset)] Failed to mount \(bold)mnt-efs.mount\(reset) - /mnt/efs.
        [\(red)DEPEND\(reset)] Dependency failed for \(bold)local-fs.target\(reset) - Local File Systems.
        You are in emergency mode. After logging in, type "journalctl -xb" to view
        system logs, "systemctl reboot" to reboot, "systemctl default" or "exit"
        to boot into default mode.

        Cannot open access to console, the root account is locked.
        See sulogin(8) man page for more details.

        Press Enter to continue.
        """

    @Test func emergencyAtTheLatestBoot() {
        let evidence = ConsoleLog.parse(Self.emergency)
        #expect(evidence.latestBootFailures.map(\.kind) == [.mountFailed, .emergencyMode, .rootLocked])
        #expect(evidence.latestBootFailures.map(\.line) == [2, 4, 8])
        #expect(evidence.latestBootFailures.first?.text == "[FAILED] Failed to mount mnt-efs.mount - /mnt/efs.")
    }

    /// A reboot after the fix: the old failures stay in the log but are not the instance's state.
    @Test func aLaterGoodBootClearsThem() {
        let evidence = ConsoleLog.parse(Self.emergency + "\n[    0.000000] Linux version 6.1.61-85.141.amzn2023.x86_64\n[  OK  ] Reached target multi-user.target.\n")
        #expect(evidence.boots == 2)
        #expect(evidence.bootFailures.count == 3)
        #expect(evidence.latestBootFailures.isEmpty)
    }
}

import EC2Evidence

/// The console shows the latest boot never reached a working system (ssh-on-ec2.md §6 #6; the "Server refused our
/// key" article's `/etc/fstab` mount): in emergency mode or after a kernel panic sshd is not running at all
/// (`not-reachable`, whatever the key); a `/home` that failed to mount leaves the user without `authorized_keys`
/// (`key-installed-but-refused`). Images moved to another account or instance type meet this often: an `/etc/fstab`
/// line for a volume the new instance does not have, or a `/dev/xvdf` name that Nitro instances call `/dev/nvme1n1`.
enum BootFailureRule: DoctorRule {
    static func findings(_ facts: DoctorFacts) -> [Finding] {
        guard let console = facts.evidence.console else { return [] }
        let failures = console.latestBootFailures
        guard !failures.isEmpty else { return [] }
        let source = facts.evidence.consoleSource ?? "console"
        var evidence = failures.filter { $0.kind != .rootLocked || failures.contains { $0.kind == .emergencyMode } }.map { failure in
            DoctorText(en: "\(source), line \(failure.line) (boot \(failure.boot) of \(console.boots)): \(failure.text)",
                       ja: "\(source) の \(failure.line) 行目（\(console.boots) 回中 \(failure.boot) 回目の起動）: \(failure.text)")
        }
        let renamedDevices = failures.compactMap { $0.kind == .deviceTimedOut ? $0.subject : nil }
            .filter { $0.hasPrefix("/dev/xvd") || $0.hasPrefix("/dev/sd") }
        if let device = renamedDevices.first {
            evidence.append(DoctorText(
                en: "Nitro instance types name EBS volumes /dev/nvme1n1, /dev/nvme2n1, …: an /etc/fstab line naming \(device) waits for a device that never appears; mount by UUID= (sudo blkid) instead",
                ja: "Nitro 系のインスタンスタイプでは EBS ボリュームは /dev/nvme1n1、/dev/nvme2n1… という名前です。\(device) を指す /etc/fstab の行は現れないデバイスを待ち続けます。UUID=（sudo blkid で確認）で指定してください"))
        }
        let stopped = failures.contains { $0.kind == .emergencyMode || $0.kind == .kernelPanic }
        if stopped {
            let panic = failures.contains { $0.kind == .kernelPanic }
            return [Finding(
                code: .notReachable, severity: .problem,
                summary: panic
                    ? DoctorText(en: "The instance's latest boot ended in a kernel panic: sshd is not running, whatever the key",
                                 ja: "インスタンスの最新の起動はカーネルパニックで止まっています。鍵に関係なく sshd は動いていません")
                    : DoctorText(en: "The instance's latest boot stopped in emergency mode: sshd is not running, whatever the key",
                                 ja: "インスタンスの最新の起動は緊急モード（emergency mode）で止まっています。鍵に関係なく sshd は動いていません"),
                evidence: evidence, remedies: remedies(facts, failures: failures))]
        }
        let home = "/home/\(facts.loginUser?.name ?? "")"
        guard let homeFailure = failures.first(where: { failure in
            guard let subject = failure.subject else { return false }
            return subject == "/home" || subject == home
        }) else { return [] }
        return [Finding(
            code: .keyInstalledButRefused, severity: .problem,
            summary: DoctorText(en: "\(homeFailure.subject ?? "/home") did not mount at the latest boot: the login user's home, with its authorized_keys, is not there",
                                ja: "最新の起動で \(homeFailure.subject ?? "/home") がマウントされていません。ログインユーザーのホーム（authorized_keys を含む）がありません"),
            evidence: evidence, remedies: remedies(facts, failures: failures))]
    }

    /// The EC2 guide's volume swap (§4b), with the fstab edit in place of the key copy; the serial console when root
    /// can log in there.
    private static func remedies(_ facts: DoctorFacts, failures: [BootFailure]) -> [Remedy] {
        let instance = SuggestedCommands(facts: facts).instanceId
        var remedies = [Remedy(
            title: DoctorText(
                en: "Fix /etc/fstab from a helper instance in the same Availability Zone: add nofail to the failing line (or comment it out), then put the volume back",
                ja: "同じアベイラビリティーゾーンの作業用インスタンスから /etc/fstab を直してください。失敗している行に nofail を付けるか、その行をコメントアウトしてから、ボリュームを元に戻します"),
            commands: [
                "aws ec2 stop-instances --instance-ids \(instance)",
                "aws ec2 describe-instances --instance-ids \(instance) --query 'Reservations[].Instances[].[Placement.AvailabilityZone,RootDeviceName,BlockDeviceMappings[].[DeviceName,Ebs.VolumeId]]'",
                "aws ec2 detach-volume --volume-id ROOT_VOLUME_ID",
                "aws ec2 attach-volume --volume-id ROOT_VOLUME_ID --instance-id HELPER_INSTANCE_ID --device /dev/sdf",
                "sudo mount -o nouuid /dev/nvme1n1p1 /mnt && sudoedit /mnt/etc/fstab && sudo umount /mnt   # on the helper; ext4 roots: without -o nouuid",
                "aws ec2 detach-volume --volume-id ROOT_VOLUME_ID",
                "aws ec2 attach-volume --volume-id ROOT_VOLUME_ID --instance-id \(instance) --device ROOT_DEVICE_NAME",
                "aws ec2 start-instances --instance-ids \(instance)",
            ])]
        if !failures.contains(where: { $0.kind == .rootLocked }) {
            remedies.append(Remedy(
                title: DoctorText(en: "Or use the EC2 serial console (Nitro instance types), if root has a password there",
                                  ja: "または、root にパスワードがあれば EC2 シリアルコンソール（Nitro 系インスタンスタイプ）を使ってください"),
                commands: [
                    "aws ec2 enable-serial-console-access",
                    "aws ec2-instance-connect send-serial-console-ssh-public-key --instance-id \(instance) --serial-port 0 --ssh-public-key file://KEY_FILE.pub",
                    "ssh -i KEY_FILE \(instance).port0@serial-console.ec2-instance-connect.REGION.aws",
                ]))
        }
        return remedies
    }
}

/// One instance of a lab as `DIR/state.json` lists it: the emulated EC2 instance and the sshd behind it.
public struct LabInstance: Sendable, Hashable, Codable {
    /// `i-…`.
    public var instanceId: String
    /// The owning account.
    public var account: String
    /// The AMI it was launched from.
    public var imageId: String
    /// The key pair given at launch.
    public var keyName: String?
    /// `running`, `stopped`, `terminated`, …
    public var state: String
    /// The public IP `ssh -F DIR/ssh_config` resolves.
    public var publicIp: String?
    /// Its sshd's loopback port.
    public var port: Int
    /// Its sshd's pid, while running.
    public var sshdPid: Int32?
    /// cloud-init's default user on its image.
    public var loginUser: String
}

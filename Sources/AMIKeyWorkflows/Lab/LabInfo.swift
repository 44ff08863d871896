/// `DIR/lab.json`: what a running lab publishes once its server answers (Lab/README.md, "Files in DIR").
///
/// ```swift
/// let info = try LabDirectory(path: dir).info(context.fileSystem)
/// print(info.endpoint, info.accounts.b.roleArn ?? "")
/// ```
public struct LabInfo: Sendable, Hashable, Codable {
    /// The serving process; `lab down` sends it SIGTERM.
    public var pid: Int32
    /// The loopback port.
    public var port: Int
    /// `http://127.0.0.1:PORT`.
    public var endpoint: String
    /// The region the lab's accounts use (`us-east-1`).
    public var region: String
    /// The lab directory, resolved.
    public var dir: String
    /// `DIR/ssh_config`: one `Host` block per running instance.
    public var sshConfig: String
    /// The two accounts of the seed's story.
    public var accounts: Accounts
    /// The image tags that set an image's properties, with their defaults and meaning.
    public var imageTags: [String: ImageTag]
    /// `DIR/aws/config`, with profiles for both accounts (labs from before the profiles existed have none).
    public var awsConfigFile: String?
    /// `DIR/aws/credentials`.
    public var awsCredentialsFile: String?
    /// `DIR/env`: the export lines for those files.
    public var envFile: String?
    /// The profile names: `A` (`lab-a`), `B` (`lab-b`), `BRole` (`lab-b-role`).
    public var profiles: [String: String]?
    /// The Debian cloud-init version whose code prints the console tables.
    public var cloudInitVersion: String
    /// How many Describe calls a new instance or image stays pending for.
    public var pendingPolls: Int

    /// Account A (owner of the original instance) and account B (where the shared AMI is launched).
    public struct Accounts: Sendable, Hashable, Codable {
        /// The default account: any credentials the emulator does not know act here.
        public var a: Account
        /// The second account, reached through `sts:AssumeRole` into ``Account/roleArn``.
        public var b: Account

        enum CodingKeys: String, CodingKey {
            case a = "A", b = "B"
        }
    }

    /// One account of the lab.
    public struct Account: Sendable, Hashable, Codable {
        /// The 12-digit id.
        public var accountId: String
        /// The role to assume to act in this account, if one is needed.
        public var roleArn: String?

        /// An account from its parts (tests reach fresh accounts this way).
        public init(accountId: String, roleArn: String? = nil) {
            self.accountId = accountId
            self.roleArn = roleArn
        }
    }

    /// One lab image tag.
    public struct ImageTag: Sendable, Hashable, Codable {
        /// Its default (`true`, `sha256`, `ec2-user`).
        public var defaultValue: String
        /// What it controls.
        public var meaning: String

        enum CodingKeys: String, CodingKey {
            case defaultValue = "default", meaning
        }

        /// Reads the default whether the lab wrote it as a string or a JSON boolean.
        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            meaning = try container.decode(String.self, forKey: .meaning)
            if let flag = try? container.decode(Bool.self, forKey: .defaultValue) {
                defaultValue = flag ? "true" : "false"
            } else {
                defaultValue = try container.decode(String.self, forKey: .defaultValue)
            }
        }

        /// Writes the default as a string.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(defaultValue, forKey: .defaultValue)
            try container.encode(meaning, forKey: .meaning)
        }
    }
}

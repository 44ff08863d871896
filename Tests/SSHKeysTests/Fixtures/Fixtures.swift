/// Test inputs that cannot be made at test time, each with the exact recipe that made it.
///
/// They are Swift strings, not files: SwiftPM warns about any non-Swift file in a test target
/// ("found 1 file(s) which are unhandled; explicitly declare them as resources or exclude from the target").
enum Fixtures {
    /// Two security-key (`sk-`) public lines. ssh-keygen only makes these with a FIDO authenticator, which no
    /// build machine has, so they were built from fresh plain keys following PROTOCOL.u2f (the plain key's
    /// fields, then `string application`, here "ssh:").
    ///
    /// Made on 2026-11-29 on Debian 12 (OpenSSH_9.2p1, coreutils, xxd) with this script, run as `sh mksk.sh`:
    /// ```sh
    /// set -eu
    /// d=$(mktemp -d)
    /// ssh-keygen -q -t ed25519 -N '' -C '' -f "$d/ed"
    /// ssh-keygen -q -t ecdsa -b 256 -N '' -C '' -f "$d/ec"
    /// str() { printf '%08x' "$(printf '%s' "$1" | wc -c)" | xxd -r -p; printf '%s' "$1"; }   # SSH string
    /// tail_of() { cut -d' ' -f2 "$1" | base64 -d | tail -c +$((4 + $2 + 1)); }   # blob minus its type string
    /// { str sk-ssh-ed25519@openssh.com; tail_of "$d/ed.pub" 11; str ssh:; } | base64 -w0 \
    ///     | sed 's/^/sk-ssh-ed25519@openssh.com /; s/$/ fixture-sk-ed25519\n/'
    /// { str sk-ecdsa-sha2-nistp256@openssh.com; tail_of "$d/ec.pub" 19; str ssh:; } | base64 -w0 \
    ///     | sed 's/^/sk-ecdsa-sha2-nistp256@openssh.com /; s/$/ fixture-sk-ecdsa\n/'
    /// rm -r "$d"
    /// ```
    /// `ssh-keygen -l -f` on the result printed `securityKeyFingerprints`.
    static let securityKeys = """
        # sk- public keys built per PROTOCOL.u2f from fresh ssh-keygen keys; see Fixtures.securityKeys for the script
        sk-ssh-ed25519@openssh.com AAAAGnNrLXNzaC1lZDI1NTE5QG9wZW5zc2guY29tAAAAIBBMTDjZgFqG0DJX/xg7le8NOZRxIVYmr5MJ6owou86cAAAABHNzaDo= fixture-sk-ed25519
        sk-ecdsa-sha2-nistp256@openssh.com AAAAInNrLWVjZHNhLXNoYTItbmlzdHAyNTZAb3BlbnNzaC5jb20AAAAIbmlzdHAyNTYAAABBBCzaQlOovK72frVqHXGXM+kC3HtB4sRLXKb2COFS+ZYAE8vYizD5VkpM4auw4P2DuD+Otr2gROLMd36S8hz/nbAAAAAEc3NoOg== fixture-sk-ecdsa

        """

    /// What `ssh-keygen -l -f` printed for `securityKeys` when it was made.
    static let securityKeyFingerprints = [
        "256 SHA256:RvlnFqOsE1R/5kWJ95joKF6lDvbBSxn1+l4nP2TOErk fixture-sk-ed25519 (ED25519-SK)",
        "256 SHA256:bczEmlzPJ81779g+mPyxiDMaMYZKujHE9/OsJEwRbBs fixture-sk-ecdsa (ECDSA-SK)",
    ]
}

import ArgumentParser

/// `amikey lab`: the local AWS emulator whose instances are real sshd processes.
struct LabCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lab",
        abstract: "Run a local AWS emulator whose EC2 instances are real sshd processes, and replay the seed's story on it.",
        discussion: HelpText.reflow("""
            The lab is the stock moto server with the AWS behaviours the story needs added (cross-account AMI
            sharing, AWS's key pair fingerprints, per-instance console output) and one real OpenSSH sshd per
            instance on 127.0.0.1. Account A is the default account; account B (222222222222) is reached with
            sts:AssumeRole. It needs root (it creates login users and mount namespaces); see Lab/README.md.

            Examples:
              eval "$(amikey lab up)"          # start it and point the AWS CLI at it
              amikey lab demo                  # the seed's story, each fix a real ssh login
              amikey lab status
              amikey lab down                  # stops exactly the processes the lab started
            """),
        subcommands: [LabUpCommand.self, LabStatusCommand.self, LabDemoCommand.self, LabDownCommand.self])
}

// EC2 waiters, transcribed from botocore `botocore/data/ec2/2016-11-15/waiters-2.json` (botocore 1.43.11):
// names, operations, delays, attempt budgets and acceptors in the model's order. The JMESPath arguments are kept
// verbatim; the closures select the same values from whatever typed response AWSServices decodes (in EC2's XML
// the paths read `imagesSet/item/imageState`, `reservationSet/item/instancesSet/item/instanceState/name`,
// `snapshotSet/item/status`). Like a JMESPath projection, a selector leaves out resources lacking the field.

extension Waiter {
    /// EC2 `ImageAvailable`: DescribeImages every 15 s, 40 attempts; success when every `Images[].State` is
    /// `available`, failure when any is `failed`.
    public static func imageAvailable(imageStates: @escaping @Sendable (Response) -> [String]) -> Waiter {
        let path = "Images[].State"
        return Waiter(
            name: "ImageAvailable", operation: "DescribeImages", delay: .seconds(15), maxAttempts: 40,
            acceptors: [
                WaiterAcceptor(.success, .pathAll(path, expected: "available", imageStates)),
                WaiterAcceptor(.failure, .pathAny(path, expected: "failed", imageStates)),
            ])
    }

    /// EC2 `ImageExists`: DescribeImages every 15 s, 40 attempts; success once `Images[]` is non-empty, retry
    /// on `InvalidAMIID.NotFound` (EC2 is eventually consistent after CreateImage/CopyImage).
    public static func imageExists(imageCount: @escaping @Sendable (Response) -> Int) -> Waiter {
        Waiter(
            name: "ImageExists", operation: "DescribeImages", delay: .seconds(15), maxAttempts: 40,
            acceptors: [
                WaiterAcceptor(.success, .path("length(Images[]) > `0`", expected: true) { .bool(imageCount($0) > 0) }),
                WaiterAcceptor(.retry, .error("InvalidAMIID.NotFound")),
            ])
    }

    /// EC2 `InstanceRunning`: DescribeInstances every 15 s, 40 attempts; success when every instance is
    /// `running`, failure when any is `shutting-down`, `terminated` or `stopping`, retry on
    /// `InvalidInstanceID.NotFound`.
    public static func instanceRunning(instanceStates: @escaping @Sendable (Response) -> [String]) -> Waiter {
        let path = "Reservations[].Instances[].State.Name"
        return Waiter(
            name: "InstanceRunning", operation: "DescribeInstances", delay: .seconds(15), maxAttempts: 40,
            acceptors: [
                WaiterAcceptor(.success, .pathAll(path, expected: "running", instanceStates)),
                WaiterAcceptor(.failure, .pathAny(path, expected: "shutting-down", instanceStates)),
                WaiterAcceptor(.failure, .pathAny(path, expected: "terminated", instanceStates)),
                WaiterAcceptor(.failure, .pathAny(path, expected: "stopping", instanceStates)),
                WaiterAcceptor(.retry, .error("InvalidInstanceID.NotFound")),
            ])
    }

    /// EC2 `InstanceStopped`: DescribeInstances every 15 s, 40 attempts; success when every instance is
    /// `stopped`, failure when any is `pending` or `terminated`. (The model has no NotFound retry here.)
    public static func instanceStopped(instanceStates: @escaping @Sendable (Response) -> [String]) -> Waiter {
        let path = "Reservations[].Instances[].State.Name"
        return Waiter(
            name: "InstanceStopped", operation: "DescribeInstances", delay: .seconds(15), maxAttempts: 40,
            acceptors: [
                WaiterAcceptor(.success, .pathAll(path, expected: "stopped", instanceStates)),
                WaiterAcceptor(.failure, .pathAny(path, expected: "pending", instanceStates)),
                WaiterAcceptor(.failure, .pathAny(path, expected: "terminated", instanceStates)),
            ])
    }

    /// EC2 `InstanceExists`: DescribeInstances every 5 s, 40 attempts; success once `Reservations[]` is
    /// non-empty, retry on `InvalidInstanceID.NotFound`.
    public static func instanceExists(reservationCount: @escaping @Sendable (Response) -> Int) -> Waiter {
        Waiter(
            name: "InstanceExists", operation: "DescribeInstances", delay: .seconds(5), maxAttempts: 40,
            acceptors: [
                WaiterAcceptor(
                    .success,
                    .path("length(Reservations[]) > `0`", expected: true) { .bool(reservationCount($0) > 0) }),
                WaiterAcceptor(.retry, .error("InvalidInstanceID.NotFound")),
            ])
    }

    /// EC2 `SnapshotCompleted`: DescribeSnapshots every 15 s, 40 attempts; success when every
    /// `Snapshots[].State` is `completed`, failure when any is `error`. `progress` (the `Progress` field,
    /// e.g. `42%`) is shown in progress reports and timeout messages.
    public static func snapshotCompleted(
        snapshotStates: @escaping @Sendable (Response) -> [String],
        progress: (@Sendable (Response) -> [String])? = nil
    ) -> Waiter {
        let path = "Snapshots[].State"
        var detail: (@Sendable (Response) -> String?)?
        if let progress {
            detail = { response in
                let values = progress(response)
                return values.isEmpty ? nil : "progress " + values.joined(separator: ", ")
            }
        }
        return Waiter(
            name: "SnapshotCompleted", operation: "DescribeSnapshots", delay: .seconds(15), maxAttempts: 40,
            acceptors: [
                WaiterAcceptor(.success, .pathAll(path, expected: "completed", snapshotStates)),
                WaiterAcceptor(.failure, .pathAny(path, expected: "error", snapshotStates)),
            ],
            detail: detail)
    }

    /// EC2 `KeyPairExists`: DescribeKeyPairs every 5 s, 6 attempts; success once `KeyPairs[].KeyName` is
    /// non-empty, retry on `InvalidKeyPair.NotFound`.
    public static func keyPairExists(keyNameCount: @escaping @Sendable (Response) -> Int) -> Waiter {
        Waiter(
            name: "KeyPairExists", operation: "DescribeKeyPairs", delay: .seconds(5), maxAttempts: 6,
            acceptors: [
                WaiterAcceptor(
                    .success,
                    .path("length(KeyPairs[].KeyName) > `0`", expected: true) { .bool(keyNameCount($0) > 0) }),
                WaiterAcceptor(.retry, .error("InvalidKeyPair.NotFound")),
            ])
    }
}

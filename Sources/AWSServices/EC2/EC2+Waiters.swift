import AWSCore

extension EC2 {
    /// AWSCore's EC2 waiters (botocore `waiters-2.json`) bound to the typed outputs here.
    ///
    /// ## Usage
    /// ```swift
    /// let operation = EC2.describeImages(.init(imageIds: [imageId]))
    /// try await EC2.Waiters.imageAvailable.wait(clock: ContinuousClock()) { _ in
    ///     try await .capturing { try operation.decode(await transport.send(operation.request)) }
    /// }
    /// ```
    public enum Waiters {
        /// `ImageAvailable`: every image's `imageState` is `available`; fails on `failed`.
        public static let imageAvailable = Waiter<DescribeImagesOutput>.imageAvailable { $0.images.compactMap(\.state) }

        /// `ImageExists`: DescribeImages returns at least one image; retries on `InvalidAMIID.NotFound`.
        public static let imageExists = Waiter<DescribeImagesOutput>.imageExists { $0.images.count }

        /// `InstanceRunning`: every instance is `running`; fails on `shutting-down`, `terminated`, `stopping`.
        public static let instanceRunning = Waiter<DescribeInstancesOutput>.instanceRunning {
            $0.instances.map(\.state.name)
        }

        /// `InstanceStopped`: every instance is `stopped`; fails on `pending`, `terminated`.
        public static let instanceStopped = Waiter<DescribeInstancesOutput>.instanceStopped {
            $0.instances.map(\.state.name)
        }

        /// `InstanceExists`: at least one reservation; retries on `InvalidInstanceID.NotFound`.
        public static let instanceExists = Waiter<DescribeInstancesOutput>.instanceExists { $0.reservations.count }

        /// `SnapshotCompleted`: every snapshot's `status` is `completed`; fails on `error`; reports `progress`.
        public static let snapshotCompleted = Waiter<DescribeSnapshotsOutput>.snapshotCompleted(
            snapshotStates: { $0.snapshots.compactMap(\.state) }, progress: { $0.snapshots.compactMap(\.progress) })

        /// `KeyPairExists`: DescribeKeyPairs names at least one key; retries on `InvalidKeyPair.NotFound`.
        public static let keyPairExists = Waiter<DescribeKeyPairsOutput>.keyPairExists { $0.keyPairs.count }
    }
}

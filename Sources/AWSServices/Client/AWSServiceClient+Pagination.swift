import AWSCore

extension AWSServiceClient {
    /// The pages of a paginated operation as an `AsyncSequence`, each page sent through this client (with its
    /// retries) as it is consumed; `.items { … }` flattens them.
    ///
    /// `paginate` is one of the services' `…Pages` functions, handed this client's sender:
    /// ```swift
    /// let images = aws.pages { EC2.describeImagesPages(.init(owners: ["self"]), send: $0) }
    /// for try await image in images.items({ $0.images }) { print(image.imageId) }
    /// ```
    public func pages<Page>(
        _ paginate: (_ send: @escaping @Sendable (AWSOperation<Page>) async throws -> Page) -> Paginator<Page>
    ) -> Paginator<Page> {
        paginate { [self] operation in try await send(operation) }
    }

    /// Every instance DescribeInstances lists for `input`, page after page.
    ///
    /// ```swift
    /// for try await instance in aws.instances(.init(filters: [.init(name: "key-name", values: ["old-key"])])) { … }
    /// ```
    public func instances(_ input: EC2.DescribeInstancesInput) -> Paginator<EC2.DescribeInstancesOutput>.Items<EC2.Instance> {
        pages { EC2.describeInstancesPages(input, send: $0) }.items { $0.instances }
    }

    /// Every image DescribeImages lists for `input`, page after page.
    public func images(_ input: EC2.DescribeImagesInput) -> Paginator<EC2.DescribeImagesOutput>.Items<EC2.Image> {
        pages { EC2.describeImagesPages(input, send: $0) }.items { $0.images }
    }

    /// Every snapshot DescribeSnapshots lists for `input`, page after page.
    public func snapshots(_ input: EC2.DescribeSnapshotsInput) -> Paginator<EC2.DescribeSnapshotsOutput>.Items<EC2.Snapshot> {
        pages { EC2.describeSnapshotsPages(input, send: $0) }.items { $0.snapshots }
    }

    /// Every security group DescribeSecurityGroups lists for `input`, page after page.
    public func securityGroups(
        _ input: EC2.DescribeSecurityGroupsInput
    ) -> Paginator<EC2.DescribeSecurityGroupsOutput>.Items<EC2.SecurityGroup> {
        pages { EC2.describeSecurityGroupsPages(input, send: $0) }.items { $0.securityGroups }
    }

    /// Every subnet DescribeSubnets lists for `input`, page after page.
    public func subnets(_ input: EC2.DescribeSubnetsInput) -> Paginator<EC2.DescribeSubnetsOutput>.Items<EC2.Subnet> {
        pages { EC2.describeSubnetsPages(input, send: $0) }.items { $0.subnets }
    }
}

extension AWSServiceClient {
    /// Every account of the organization, page after page (Organizations ListAccounts).
    public func accounts(
        _ input: Organizations.ListAccountsInput = .init()
    ) -> Paginator<Organizations.ListAccountsOutput>.Items<Organizations.Account> {
        pages { Organizations.listAccountsPages(input, send: $0) }.items { $0.accounts }
    }
}

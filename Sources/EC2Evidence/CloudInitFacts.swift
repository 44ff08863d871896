/// What the console says about cloud-init itself.
public struct CloudInitFacts: Sendable, Hashable {
    /// The version, as in `Cloud-init v. 22.2.2 …`.
    public var version: String
    /// The datasource the final banner names (`DataSourceEc2Local`; `DataSourceNone` means IMDS was not used);
    /// nil when only a `running '…'` line was seen, not the final banner.
    public var datasource: String?
    /// 1-based boot the facts come from.
    public var boot: Int
    /// 1-based line they were read from.
    public var line: Int

    /// Creates the facts.
    public init(version: String, datasource: String?, boot: Int, line: Int) {
        self.version = version
        self.datasource = datasource
        self.boot = boot
        self.line = line
    }
}

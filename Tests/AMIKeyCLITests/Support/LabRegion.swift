/// The region each lab suite builds its scenario in. The suites share one lab and run in parallel, and key pair names
/// (`old-key`, `new-key`) are per region, so two suites in one region would collide: every region is named here once
/// and the table test below checks no two are the same. The demo uses the lab's default region (us-east-1).
enum LabRegion {
    static let doctor = "eu-west-1"
    static let relaunch = "eu-central-1"
    static let importFromHost = "ap-northeast-1"
    static let repairUserData = "ap-northeast-2"
    static let repairSSM = "ap-northeast-3"
    static let repairInstanceConnect = "ap-southeast-1"
    static let repairPlan = "ap-south-1"
    static let repairJournal = "ap-southeast-2"
    static let repairJournalMissing = "sa-east-1"
    static let migrate = "ca-central-1"
    static let migrateResume = "us-west-2"
    static let migrateCopySource = "eu-west-2"
    static let migrateCopyTarget = "eu-west-3"
    static let migrateDryRun = "us-west-1"
    static let migrateFleet = "eu-north-1"
    static let migrateEncrypted = "ap-east-1"
    static let migrateEncryptedDefault = "me-south-1"

    /// Every region above, the demo's included.
    static let all = [
        "us-east-1", doctor, relaunch, importFromHost, repairUserData, repairSSM, repairInstanceConnect, repairPlan,
        repairJournal, repairJournalMissing, migrate, migrateResume, migrateCopySource, migrateCopyTarget,
        migrateDryRun, migrateFleet, migrateEncrypted,
        migrateEncryptedDefault,
    ]
}

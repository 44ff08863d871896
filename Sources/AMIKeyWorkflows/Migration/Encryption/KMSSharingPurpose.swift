/// What account B will do with the shared image: the KMS actions are the same, the advice differs.
enum KMSSharingPurpose: String, Sendable, Hashable, CaseIterable {
    /// B launches instances straight from A's shared image; their volumes stay encrypted under A's key.
    case launch
    /// B copies the image first (CopyImage in B, re-encrypted with B's key), then launches from its copy.
    case copy
}

import Testing

/// The lab suites' regions are distinct (see ``LabRegion``).
@Suite("lab suites each have a region of their own")
struct LabRegionTests {
    @Test("no region is used by two suites")
    func distinct() {
        #expect(Set(LabRegion.all).count == LabRegion.all.count, "\(LabRegion.all)")
    }
}

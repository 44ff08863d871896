extension Paginator {
    /// The items of every page, in order, optionally stopping after `maxItems` (botocore `MaxItems`: the last
    /// page is cut short and no further page is requested).
    ///
    /// ```swift
    /// for try await keyPair in pages.items(maxItems: 10, { $0.keyPairs }) { … }
    /// ```
    public func items<Item>(maxItems: Int? = nil, _ extract: @escaping @Sendable (Page) -> [Item]) -> Items<Item> {
        Items(pages: self, maxItems: maxItems.map { Swift.max(0, $0) }, extract: extract)
    }

    /// The items of a ``Paginator``'s pages as one `AsyncSequence`.
    public struct Items<Item>: AsyncSequence, Sendable {
        /// Each element is one item of a page.
        public typealias Element = Item

        let pages: Paginator
        let maxItems: Int?
        let extract: @Sendable (Page) -> [Item]

        /// Starts the listing; nothing is fetched until the first `next()`.
        public func makeAsyncIterator() -> AsyncIterator {
            AsyncIterator(pages: pages.makeAsyncIterator(), remaining: maxItems, extract: extract)
        }

        /// Yields the items of the current page, fetching the next page when it runs out.
        public struct AsyncIterator: AsyncIteratorProtocol {
            var pages: Paginator.AsyncIterator
            var remaining: Int?
            let extract: @Sendable (Page) -> [Item]
            var buffer: [Item] = []
            var index = 0

            init(pages: Paginator.AsyncIterator, remaining: Int?, extract: @escaping @Sendable (Page) -> [Item]) {
                self.pages = pages
                self.remaining = remaining
                self.extract = extract
            }

            /// The next item, or `nil` once the listing or the `maxItems` budget is exhausted.
            public mutating func next() async throws -> Item? {
                if remaining == 0 { return nil }
                while index == buffer.count {
                    guard let page = try await pages.next() else { return nil }
                    buffer = extract(page)
                    index = 0
                }
                defer { index += 1 }
                remaining? -= 1
                return buffer[index]
            }
        }
    }
}

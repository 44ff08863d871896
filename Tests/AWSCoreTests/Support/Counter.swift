import Synchronization

/// A thread-safe count that closures can capture (a `Mutex` itself cannot be captured by escaping closures).
final class Counter: Sendable {
    private let value = Mutex(0)
    var count: Int { value.withLock { $0 } }
    func increment() { value.withLock { $0 += 1 } }
}

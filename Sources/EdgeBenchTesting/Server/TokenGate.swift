/// Holds a test server's token writes until the test lets them go: token `i` of a stream (0-based, content
/// tokens only) is written only after `open(through:)` reached `i`.
///
/// A test that opens token i+1 only once the adapter has handed it token i gets a bound no load can break:
/// the adapter's stamp of token i lies between the server's write of token i and its write of token i+1.
/// That catches a stamp taken too late (after the stream, or after the next chunk) deterministically,
/// where a millisecond tolerance could only catch it on an idle machine.
public actor TokenGate {
    private var openedThrough: Int
    private var waiting: [(index: Int, continuation: CheckedContinuation<Void, Never>)] = []

    /// `openedThrough: 0` lets the first token go at once.
    public init(openedThrough: Int = -1) { self.openedThrough = openedThrough }

    /// Lets every token up to and including `index` be written.
    public func open(through index: Int) {
        openedThrough = max(openedThrough, index)
        let due = waiting.filter { $0.index <= openedThrough }
        waiting.removeAll { $0.index <= openedThrough }
        for entry in due { entry.continuation.resume() }
    }

    /// Lets everything go, for good (call it when a test ends early, so no stream is left waiting).
    public func openAll() { open(through: Int.max) }

    /// Returns once token `index` may be written.
    public func wait(for index: Int) async {
        guard index > openedThrough else { return }
        await withCheckedContinuation { waiting.append((index, $0)) }
    }
}

import Dispatch
import Foundation

/// Ctrl-C (SIGINT), SIGTERM (`kill`, systemd, a CI runner's cancel) and SIGHUP (the terminal or SSH
/// session closed) all stop a run the same way: the first stores what finished, marks the configuration
/// interrupted, stops the engine and writes the bundle; a second of any of them leaves at once. Either way
/// the exit code is 128 + the first signal's number (130, 143, 129), as a shell reports a signalled program.
final class InterruptHandler: @unchecked Sendable {
    static let signals: [Int32] = [SIGINT, SIGTERM, SIGHUP]

    private let sources: [DispatchSourceSignal]
    private let lock = NSLock()
    private var first: Int32?

    init(onInterrupt: @escaping @Sendable () -> Void) {
        var sources: [DispatchSourceSignal] = []
        for number in Self.signals {
            signal(number, SIG_IGN)
            sources.append(DispatchSource.makeSignalSource(signal: number, queue: .global()))
        }
        self.sources = sources
        for (source, number) in zip(sources, Self.signals) {
            source.setEventHandler { [unowned self] in
                let earlier = lock.withLock {
                    defer { first = first ?? number }
                    return first
                }
                if let earlier { exit(128 + earlier) }
                Stderr.print("\ninterrupting on \(Self.name(number)): storing what finished (\(Self.name(number)) again to quit at once)")
                onInterrupt()
            }
            source.resume()
        }
    }

    /// The signal that interrupted the run, if one did.
    var signalReceived: Int32? { lock.withLock { first } }

    /// The exit code for an interrupted run: 128 + the signal, 130 (Ctrl-C) when the runner stopped on its own.
    var exitCode: Int32 { 128 + (signalReceived ?? SIGINT) }

    func restore() {
        for (source, number) in zip(sources, Self.signals) {
            source.cancel()
            signal(number, SIG_DFL)
        }
    }

    static func name(_ number: Int32) -> String {
        switch number {
        case SIGINT: "Ctrl-C"
        case SIGTERM: "SIGTERM"
        case SIGHUP: "SIGHUP"
        default: "signal \(number)"
        }
    }
}

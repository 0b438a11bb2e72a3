import Dispatch
import Foundation

/// First Ctrl-C: stop cleanly (finish writing, mark the configuration interrupted).
/// Second Ctrl-C: leave at once.
final class InterruptHandler: @unchecked Sendable {
    private let source: DispatchSourceSignal
    private var count = 0

    init(onInterrupt: @escaping @Sendable () -> Void) {
        signal(SIGINT, SIG_IGN)
        source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        source.setEventHandler { [unowned self] in
            count += 1
            if count == 1 {
                Stderr.print("\ninterrupting: storing what finished (Ctrl-C again to quit at once)")
                onInterrupt()
            } else {
                exit(130)
            }
        }
        source.resume()
    }

    func restore() {
        source.cancel()
        signal(SIGINT, SIG_DFL)
    }
}

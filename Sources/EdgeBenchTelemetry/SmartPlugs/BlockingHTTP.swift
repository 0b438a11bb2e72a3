import Dispatch
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// One GET that blocks its caller: the sampler calls `read()` from its own thread, and a plug answers a
/// few hundred bytes, so waiting on a semaphore is simpler than bridging to async and needs no package.
enum BlockingHTTP {
    static func get(_ url: URL, session: URLSession, timeout: TimeInterval) throws(SmartPlugError) -> String {
        var request = URLRequest(url: url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: timeout)
        request.httpMethod = "GET"
        let outcome = Outcome()
        let done = DispatchSemaphore(value: 0)
        let task = session.dataTask(with: request) { data, response, error in
            outcome.set(data: data, status: (response as? HTTPURLResponse)?.statusCode, error: error)
            done.signal()
        }
        task.resume()
        // URLSession's own timeout covers a silent peer; this one covers a session that never calls back.
        if done.wait(timeout: .now() + timeout + 1) == .timedOut {
            task.cancel()
            throw .unreachable(url: url.absoluteString, reason: "no answer within \(timeout) s")
        }
        let (data, status, error) = outcome.get()
        if let error {
            throw .unreachable(url: url.absoluteString, reason: error.localizedDescription)
        }
        guard let status, (200..<300).contains(status) else {
            throw .httpStatus(url: url.absoluteString, status: status ?? 0)
        }
        return String(decoding: data ?? Data(), as: UTF8.self)
    }

    /// The completion handler runs on URLSession's queue; the lock hands its result to the waiting thread.
    private final class Outcome: @unchecked Sendable {
        private let lock = NSLock()
        private var data: Data?
        private var status: Int?
        private var error: (any Error)?

        func set(data: Data?, status: Int?, error: (any Error)?) {
            lock.lock()
            defer { lock.unlock() }
            self.data = data
            self.status = status
            self.error = error
        }

        func get() -> (Data?, Int?, (any Error)?) {
            lock.lock()
            defer { lock.unlock() }
            return (data, status, error)
        }
    }
}

import AsyncHTTPClient
import NIOCore

/// The two timers of an `HTTPExchange`: the deadline of the whole request, and the read timeout.
///
/// The read timeout does not restart on every byte (a timer cancelled and scheduled again per streamed
/// token is what this replaces): it looks at the exchange's arrival count `looksPerTimeout` times per
/// timeout, and fails the request once that many looks in a row saw nothing new. The server has then
/// been silent for at least the timeout and less than 1 + 1/`looksPerTimeout` of it. While the
/// consumer holds reads back (a full queue), the silence is the consumer's, not the server's, and
/// does not count.
enum HTTPExchangeWatchdog {
    static let looksPerTimeout = 4

    /// Kept in the exchange's locked state.
    struct State {
        var deadline: Scheduled<Void>?
        var readTimer: RepeatedTask?
        /// The exchange's arrival count at the last look, and how many looks in a row it stayed there.
        var seen = 0
        var quietLooks = 0

        /// One look: true once `looksPerTimeout` looks in a row saw the same `arrivals` with no read held back.
        mutating func look(arrivals: Int, readsHeld: Bool) -> Bool {
            if arrivals != seen || readsHeld {
                seen = arrivals
                quietLooks = 0
                return false
            }
            quietLooks += 1
            return quietLooks >= looksPerTimeout
        }

        mutating func takeAll() -> Timers {
            defer {
                deadline = nil
                readTimer = nil
            }
            return Timers(deadline: deadline, readTimer: readTimer)
        }
    }

    struct Timers {
        var deadline: Scheduled<Void>?
        var readTimer: RepeatedTask?

        func cancel() {
            deadline?.cancel()
            readTimer?.cancel()
        }
    }

    /// Fails `task` with `HTTPClientError.deadlineExceeded` unless the response ended by `deadline`. One
    /// timer per request, not per token: the streamed body costs it nothing.
    static func armDeadline(_ deadline: NIODeadline, for exchange: HTTPExchange, task: HTTPClient.Task<Void>) {
        let scheduled = task.eventLoop.scheduleTask(deadline: deadline) {
            task.fail(reason: HTTPClientError.deadlineExceeded)
        }
        let kept = exchange.state.withLockedValue { state in
            guard state.end == nil else { return false }
            state.watchdog.deadline = scheduled
            return true
        }
        if !kept { scheduled.cancel() }
    }

    /// Starts the read timeout once the request is sent (as AsyncHTTPClient's own idle-read timer does).
    static func armReadTimeout(for exchange: HTTPExchange, task: HTTPClient.Task<Void>) {
        guard let timeout = exchange.readTimeout else { return }
        let interval = TimeAmount.nanoseconds(max(1, timeout.nanoseconds / Int64(looksPerTimeout)))
        let timer = task.eventLoop.scheduleRepeatedTask(initialDelay: interval, delay: interval) { timer in
            let silent = exchange.state.withLockedValue { state -> Bool in
                guard state.end == nil else { return false }
                return state.watchdog.look(arrivals: state.arrivals, readsHeld: state.heldRead != nil)
            }
            if silent {
                timer.cancel()
                task.fail(reason: HTTPClientError.readTimeout)
            }
        }
        let replaced = exchange.state.withLockedValue { state -> (kept: Bool, previous: RepeatedTask?) in
            guard state.end == nil else { return (false, nil) }
            defer { state.watchdog.readTimer = timer }
            state.watchdog.seen = state.arrivals
            state.watchdog.quietLooks = 0
            return (true, state.watchdog.readTimer)
        }
        // A redirect sends a new request through the same exchange: one timer, the newest.
        replaced.previous?.cancel()
        if !replaced.kept { timer.cancel() }
    }
}

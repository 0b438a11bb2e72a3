import AsyncHTTPClient
import EdgeBenchCore
import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1

/// One HTTP request whose response body is read as it arrives: AsyncHTTPClient's delegate API on the
/// event loop, body parts handed to one consumer task through a locked queue.
///
/// Why not `HTTPClientResponse.body` (the async API): its only timeout between bytes is the client's
/// idle-read timer, which AsyncHTTPClient cancels and schedules again on every body part, that is on
/// every streamed token (about a tenth of the harness's CPU per token), and it offers no way to end a
/// read from outside the reading task. Here the read timeout is `HTTPExchangeWatchdog`'s, which looks
/// once per quarter timeout, and a body part that is already queued is taken without suspending.
///
/// Instants are taken here, on the event loop, as AsyncHTTPClient reports each event: the request head
/// written (`requestSent`) and each body part read from the socket (`Part.arrived`). The consumer may run
/// later (another job on the loop, or a busy thread); its delay is the harness's, not the server's, and
/// must not enter TTFT or ITL.
///
/// The response head is awaited by `start`; `next()` is for one consumer at a time.
final class HTTPExchange: HTTPClientResponseDelegate, Sendable {
    typealias Response = Void

    /// A body part and the instant it was read from the socket.
    struct Part {
        var bytes: ByteBuffer
        var arrived: Instant
    }

    /// Body parts queued beyond this make the delegate hold back AsyncHTTPClient's next read.
    static let queueLimit = 64

    struct State {
        enum Waiter {
            case none
            case head(UnsafeContinuation<Void, any Error>)
            case body(UnsafeContinuation<Part?, any Error>)
        }
        enum End {
            case finished
            case failed(any Error)
        }

        var status: Int?
        /// The response's Content-Type header, as the server sent it.
        var contentType: String?
        /// When AsyncHTTPClient wrote the request head to the connection (after connecting: a new
        /// connection's setup is not the server's time).
        var requestSent: Instant?
        var parts = CircularBuffer<Part>(initialCapacity: 16)
        var end: End?
        var waiter = Waiter.none
        /// The delegate's answer to a body part while the queue is full: completed once the consumer drained it.
        var heldRead: EventLoopPromise<Void>?
        /// Parts and heads received, for the watchdog: it only compares successive values.
        var arrivals = 0
        var watchdog = HTTPExchangeWatchdog.State()
    }

    let state = NIOLockedValueBox(State())
    let url: String
    let readTimeout: TimeAmount?
    private let task = NIOLockedValueBox<HTTPClient.Task<Void>?>(nil)

    private init(url: String, readTimeout: TimeAmount?) {
        self.url = url
        self.readTimeout = readTimeout
    }

    /// Sends `request` and returns once the response head arrived (any status).
    ///
    /// - Parameters:
    ///   - readTimeout: the longest silence from the server, from the request's last byte sent to the
    ///     response's end, before the request fails with `HTTPClientError.readTimeout`; nil: none.
    ///   - deadline: the request fails with `HTTPClientError.deadlineExceeded` unless the whole response,
    ///     body included, arrived by then: a server that trickles a byte now and then never trips the read
    ///     timeout, and only this ends it.
    static func start(
        _ request: HTTPClient.Request, on client: HTTPClient, readTimeout: TimeAmount?, deadline: NIODeadline
    ) async throws -> HTTPExchange {
        let exchange = HTTPExchange(url: request.url.absoluteString, readTimeout: readTimeout)
        let task = client.execute(request: request, delegate: exchange, eventLoop: .indifferent)
        exchange.task.withLockedValue { $0 = task }
        // A request the client refuses at once (shut down) fails its task without telling the delegate.
        task.futureResult.whenFailure { exchange.end(.failed($0)) }
        HTTPExchangeWatchdog.armDeadline(deadline, for: exchange, task: task)
        do {
            try await exchange.waitForHead()
        } catch let error as HTTPClientError where error == .cancelled && Task.isCancelled {
            throw CancellationError()
        }
        return exchange
    }

    private func waitForHead() async throws {
        try await withTaskCancellationHandler {
            try await withUnsafeThrowingContinuation { (continuation: UnsafeContinuation<Void, any Error>) in
                let ready: Result<Void, any Error>? = state.withLockedValue { state in
                    if state.status != nil { return .success(()) }
                    if case .failed(let error) = state.end { return .failure(error) }
                    state.waiter = .head(continuation)
                    return nil
                }
                if let ready { continuation.resume(with: ready) }
            }
        } onCancel: {
            cancel()
        }
    }

    /// The response's status code (set before `start` returns).
    var status: Int { state.withLockedValue { $0.status ?? 0 } }

    /// The response's Content-Type (set before `start` returns); nil when the server sent none.
    var contentType: String? { state.withLockedValue { $0.contentType } }

    /// Just after the request head was written (set before `start` returns: a head cannot arrive before it).
    /// AsyncHTTPClient reports no earlier point once connected; the write itself is one syscall.
    var requestSent: Instant? { state.withLockedValue { $0.requestSent } }

    /// The next body part; nil at the end of the body. A part already queued is returned without suspending.
    func next() async throws -> Part? {
        if Task.isCancelled {
            cancel()
            throw CancellationError()
        }
        switch take() {
        case .part(let part): return part
        case .end: return nil
        case .failed(let error): throw error
        case .pending: break
        }
        do {
            return try await waitForPart()
        } catch let error as HTTPClientError where error == .cancelled && Task.isCancelled {
            throw CancellationError()
        }
    }

    private func waitForPart() async throws -> Part? {
        try await withTaskCancellationHandler {
            try await withUnsafeThrowingContinuation { (continuation: UnsafeContinuation<Part?, any Error>) in
                let ready: Result<Part?, any Error>? = state.withLockedValue { state in
                    switch Self.take(&state) {
                    case .part(let part): return .success(part)
                    case .end: return .success(nil)
                    case .failed(let error): return .failure(error)
                    case .pending:
                        state.waiter = .body(continuation)
                        return nil
                    }
                }
                if let ready { continuation.resume(with: ready) }
            }
        } onCancel: {
            cancel()
        }
    }

    /// The whole remaining body, failing with `NIOTooManyBytesError` past `limit` bytes.
    func collect(upTo limit: Int) async throws -> ByteBuffer {
        var body = ByteBuffer()
        while var part = try await next()?.bytes {
            guard body.readableBytes + part.readableBytes <= limit else {
                cancel()
                throw NIOTooManyBytesError(maxBytes: limit)
            }
            body.writeBuffer(&part)
        }
        return body
    }

    /// Ends the request (closing its connection) unless it already ended; whoever waits gets
    /// `HTTPClientError.cancelled`.
    func cancel() {
        fail(HTTPClientError.cancelled)
    }

    func fail(_ error: any Error) {
        task.withLockedValue { $0 }?.fail(reason: error)
    }

    private enum Take {
        case part(Part)
        case end
        case failed(any Error)
        case pending
    }

    private func take() -> Take {
        let (taken, release) = state.withLockedValue { state -> (Take, EventLoopPromise<Void>?) in
            let taken = Self.take(&state)
            return (taken, Self.releaseHeldRead(&state))
        }
        release?.succeed()
        return taken
    }

    private static func take(_ state: inout State) -> Take {
        if let part = state.parts.popFirst() { return .part(part) }
        switch state.end {
        case .finished: return .end
        case .failed(let error): return .failed(error)
        case nil: return .pending
        }
    }

    /// The held-back read, once the queue has drained to half its limit.
    private static func releaseHeldRead(_ state: inout State) -> EventLoopPromise<Void>? {
        guard state.heldRead != nil, state.parts.count <= queueLimit / 2 else { return nil }
        defer { state.heldRead = nil }
        return state.heldRead
    }

    // MARK: AsyncHTTPClient's callbacks, on the request's event loop.

    func didSendRequestHead(task: HTTPClient.Task<Void>, _ head: HTTPRequestHead) {
        let now = Instant.now()
        // A redirect sends again through this delegate: the first send is when the user's request began.
        state.withLockedValue { state in
            if state.requestSent == nil { state.requestSent = now }
        }
    }

    func didSendRequest(task: HTTPClient.Task<Void>) {
        HTTPExchangeWatchdog.armReadTimeout(for: self, task: task)
    }

    func didReceiveHead(task: HTTPClient.Task<Void>, _ head: HTTPResponseHead) -> EventLoopFuture<Void> {
        let waiter = state.withLockedValue { state -> State.Waiter in
            state.status = Int(head.status.code)
            state.contentType = head.headers.first(name: "Content-Type")
            state.arrivals &+= 1
            defer { state.waiter = .none }
            return state.waiter
        }
        if case .head(let continuation) = waiter { continuation.resume() }
        return task.eventLoop.makeSucceededVoidFuture()
    }

    func didReceiveBodyPart(task: HTTPClient.Task<Void>, _ buffer: ByteBuffer) -> EventLoopFuture<Void> {
        let part = Part(bytes: buffer, arrived: Instant.now())
        let (waiter, held) = state.withLockedValue { state -> (UnsafeContinuation<Part?, any Error>?, EventLoopPromise<Void>?) in
            state.arrivals &+= 1
            if case .body(let continuation) = state.waiter {
                state.waiter = .none
                return (continuation, nil)
            }
            state.parts.append(part)
            guard state.parts.count >= Self.queueLimit else { return (nil, nil) }
            let promise = task.eventLoop.makePromise(of: Void.self)
            state.heldRead = promise
            return (nil, promise)
        }
        if let waiter {
            waiter.resume(returning: part)
            return task.eventLoop.makeSucceededVoidFuture()
        }
        return held?.futureResult ?? task.eventLoop.makeSucceededVoidFuture()
    }

    func didReceiveError(task: HTTPClient.Task<Void>, _ error: any Error) {
        end(.failed(error))
    }

    func didFinishRequest(task: HTTPClient.Task<Void>) throws {
        end(.finished)
    }

    /// Records the end once (the first reported wins) and wakes whoever waits.
    private func end(_ end: State.End) {
        let (waiter, timers, held) = state.withLockedValue { state in
            if state.end == nil { state.end = end }
            defer {
                state.waiter = .none
                state.heldRead = nil
            }
            return (state.waiter, state.watchdog.takeAll(), state.heldRead)
        }
        timers.cancel()
        held?.succeed()
        switch (waiter, end) {
        case (.none, _): break
        case (.head(let continuation), .failed(let error)): continuation.resume(throwing: error)
        case (.head(let continuation), .finished):
            // AsyncHTTPClient reports a head before the end; a response without one is a broken stream.
            continuation.resume(throwing: HTTPClientError.remoteConnectionClosed)
        case (.body(let continuation), .finished): continuation.resume(returning: nil)
        case (.body(let continuation), .failed(let error)): continuation.resume(throwing: error)
        }
    }
}

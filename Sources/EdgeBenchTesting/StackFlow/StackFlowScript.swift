/// What `StackFlowTestServer` streams for every completed inference prompt, and the faults it injects.
public struct StackFlowScript: Sendable, Equatable {
    public enum Failure: Sendable, Equatable {
        case none
        /// Reset the TCP connection (RST, SO_LINGER 0) after this many deltas.
        case resetAfter(Int)
        /// Send `line` (not JSON) after this many deltas, then carry on with the stream.
        case nonJSONAfter(Int, line: String)
        /// After this many deltas, an error reply instead of the next delta, as the llm unit sends it
        /// (work_id "llm", the request_id of the last control request the unit saw), and nothing more.
        case errorAfter(Int, code: Int, message: String)
        /// Stop sending after this many deltas, keeping the connection open (a hung device).
        case silentAfter(Int)
        /// After this many deltas, one space every `every`, `bytes` times, then silence: never quiet for an
        /// idle timeout, so only a whole-request deadline ends the inference.
        case trickleAfter(Int, every: Duration, bytes: Int)
        /// After this many deltas, `bytes` bytes with no newline (in 64 KiB writes), then silence.
        case endlessLineAfter(Int, bytes: Int)
    }

    /// One reply per entry, in order.
    public var deltas: [String]
    /// Sleep before each delta (index i before delta i; the first is the prefill); missing entries reuse
    /// the last, empty means none. The final `finish: true` reply follows the last delta at once.
    public var delays: [Duration]
    public var failure: Failure
    /// The reply of this delta is written in two parts, 5 ms apart, cut in the middle of its bytes.
    public var splitReply: Int?
    /// The reply of this delta is written together with the next reply (or the final one) in one write.
    public var coalescedReply: Int?
    /// Before the first delta, replies that belong to someone else: another session's delta, and a
    /// delta on this session with a request_id nobody sent on this connection.
    public var strayReplies: Bool
    /// Text of the `finish: true` reply; the firmware always sends "".
    public var finalDelta: String

    public init(
        deltas: [String], delays: [Duration] = [], failure: Failure = .none, splitReply: Int? = nil,
        coalescedReply: Int? = nil, strayReplies: Bool = false, finalDelta: String = ""
    ) {
        self.deltas = deltas
        self.delays = delays
        self.failure = failure
        self.splitReply = splitReply
        self.coalescedReply = coalescedReply
        self.strayReplies = strayReplies
        self.finalDelta = finalDelta
    }

    func delay(before index: Int) -> Duration? {
        guard !delays.isEmpty else { return nil }
        let delay = delays[min(index, delays.count - 1)]
        return delay > .zero ? delay : nil
    }
}

/// The device the server pretends to be.
public struct StackFlowTestDevice: Sendable, Equatable {
    /// Models whose setup succeeds; any other name fails with -5 ("Model loading failed.").
    public var models: [String]
    /// How many LLM sessions may be open at once before setup fails with -21 "task full"; the firmware's
    /// llm unit allows 2 (`MAX_TASK_NUM`). nil: no limit.
    public var sessionLimit: Int?
    /// How long setup takes (the model load) before its reply.
    public var loadDelay: Duration
    /// `sys version` reply.
    public var version: String
    /// `sys version2` reply (installed unit binaries); nil answers -3 "action match false" like older firmware.
    public var packages: [String]?
    /// The first session's number ("llm.1000"); each setup takes the next.
    public var firstWorkID: Int
    /// Per model, where one device plays several at their own pace: the delays before each delta
    /// (replacing the script's). A model not here uses the script's.
    public var delaysByModel: [String: [Duration]]

    public init(
        models: [String] = StackFlowTestDevice.knownModels, sessionLimit: Int? = 2, loadDelay: Duration = .zero,
        version: String = "v1.6", packages: [String]? = ["llm_llm-1.8", "llm_sys-1.6"], firstWorkID: Int = 1000,
        delaysByModel: [String: [Duration]] = [:]
    ) {
        self.delaysByModel = delaysByModel
        self.models = models
        self.sessionLimit = sessionLimit
        self.loadDelay = loadDelay
        self.version = version
        self.packages = packages
        self.firstWorkID = firstWorkID
    }

    /// The models PROTOCOLS.md lists for the AX630C.
    public static let knownModels = [
        "qwen2.5-0.5B-prefill-20e", "qwen2.5-1.5B-ax630c", "llama3.2-1B-prefill-ax630c",
        "openbuddy-llama3.2-1B-ax630c", "deepseek-r1-1.5B-ax630c",
    ]
}

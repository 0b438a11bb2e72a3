/// A configuration's power over time, thinned for drawing (bundle `configurations[].power.timeline`).
///
/// It is the one channel its `PowerProvenance` names (same source, channel and boundary), so a timeline
/// never mixes boundaries and needs no provenance of its own. Times are seconds on the configuration's
/// monotonic clock relative to `origin`; power is in W (a cumulative counter is differenced between
/// samples). It is for looking at: every exact figure stays in the requests and the summary.
public struct PowerTimeline: Sendable, Equatable, Codable {
    /// Bounds that keep a bundle small whatever the run's length.
    public static let maxPoints = 2_000
    public static let maxRequests = 1_000

    /// What t = 0 is.
    public enum Origin: String, Sendable, Codable {
        /// the start of the idle baseline (engine loaded, no requests)
        case idleStart = "idle_start"
        /// the first measured request's submission (no idle baseline was taken)
        case firstRequest = "first_request"
    }

    /// One plotted point: `[t, W]` in JSON.
    public struct Point: Sendable, Equatable, Codable {
        public var time: Double
        public var watts: Double

        public init(time: Double, watts: Double) {
            self.time = time
            self.watts = watts
        }

        public init(from decoder: any Decoder) throws {
            var c = try decoder.unkeyedContainer()
            time = try c.decode(Double.self)
            watts = try c.decode(Double.self)
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.unkeyedContainer()
            try c.encode(time)
            try c.encode(watts)
        }
    }

    /// A time interval in s from `origin`.
    public struct Interval: Sendable, Equatable, Codable {
        public var start: Double
        public var end: Double

        public init(start: Double, end: Double) {
            self.start = start
            self.end = end
        }
    }

    /// One measured request: prefill is `start` → `firstToken`, decode `firstToken` → `end`.
    public struct RequestSpan: Sendable, Equatable, Codable {
        public var start: Double
        /// nil when no token arrived (then the whole request is prefill)
        public var firstToken: Double?
        public var end: Double

        public init(start: Double, firstToken: Double?, end: Double) {
            self.start = start
            self.firstToken = firstToken
            self.end = end
        }

        enum CodingKeys: String, CodingKey {
            case start
            case firstToken = "first_token"
            case end
        }
    }

    public var origin: Origin
    /// at most `maxPoints`, in time order, min/max-thinned so peaks survive; may start slightly before 0
    /// and end after the last request (the samples bracketing the window, which its energy interpolates from)
    public var points: [Point]
    /// power readings the points were thinned from
    public var samples: Int
    /// the idle baseline window, nil when none was taken
    public var idle: Interval?
    /// the first `maxRequests` measured requests of this session, in order
    public var requests: [RequestSpan]
    /// all measured requests of this session (more than `requests.count` when the list was cut)
    public var requestsTotal: Int

    public init(
        origin: Origin, points: [Point], samples: Int, idle: Interval?, requests: [RequestSpan], requestsTotal: Int
    ) {
        self.origin = origin
        self.points = points
        self.samples = samples
        self.idle = idle
        self.requests = requests
        self.requestsTotal = requestsTotal
    }

    enum CodingKeys: String, CodingKey {
        case origin, points, samples, idle, requests
        case requestsTotal = "requests_total"
    }

    /// The same timeline without a non-finite number (they are not JSON): such points and spans are dropped.
    public func finiteOnly() -> PowerTimeline {
        var copy = self
        copy.points = points.filter { $0.time.isFinite && $0.watts.isFinite }
        copy.requests = requests.filter { $0.start.isFinite && $0.end.isFinite && ($0.firstToken?.isFinite ?? true) }
        if let idle, !(idle.start.isFinite && idle.end.isFinite) { copy.idle = nil }
        return copy
    }
}

extension ConfigurationResult {
    /// The power timeline of the channel `power` describes; nil when no power was read or none was kept.
    public var powerTimeline: PowerTimeline? { power?.timeline }
}

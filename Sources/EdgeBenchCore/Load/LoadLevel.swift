/// One load setting of a configuration (METRICS.md "Load profiles"): how requests are sent while it is
/// measured. A plan's `load:` names one or several; each becomes its own configuration, so the store,
/// `compare` and `analyze` treat the level as part of what was measured.
public enum LoadLevel: Sendable, Hashable, Codable, CustomStringConvertible {
    /// one request at a time, the next sent when the last is done (the default, and every run before
    /// load profiles)
    case synchronous
    /// N streams, each sending its next request as soon as its last is done
    case concurrent(Int)
    /// requests sent at R per second on a schedule, whether or not earlier ones are done
    case rate(Double, Arrivals)
    /// a sweep's rate k of K, evenly spaced strictly between the synchronous request throughput and the
    /// saturated one (`concurrent: saturation`) of the same sweep: resolved when the level starts, from
    /// those two levels' results, as GuideLLM's sweep does
    case sweepRate(index: Int, of: Int, saturation: Int, Arrivals)

    public enum Arrivals: String, Sendable, Hashable, Codable {
        /// one request every 1/R s
        case constant
        /// exponential inter-arrival times of mean 1/R s, from a seeded generator (the workload's seed)
        case poisson
    }

    /// The part of a configuration id that names the level: `sync`, `c4`, `r2.5`, `p2.5` (Poisson),
    /// `sweep2of3` (`p` appended for a Poisson sweep).
    public var idSuffix: String {
        switch self {
        case .synchronous: "sync"
        case .concurrent(let n): "c\(n)"
        case .rate(let r, let arrivals): (arrivals == .poisson ? "p" : "r") + Self.number(r)
        case .sweepRate(let k, let of, _, let arrivals): "sweep\(k)of\(of)" + (arrivals == .poisson ? "p" : "")
        }
    }

    /// How the level reads in output: "synchronous", "concurrent 4", "rate 2.5 req/s (Poisson)".
    public var description: String {
        switch self {
        case .synchronous: "synchronous"
        case .concurrent(let n): "concurrent \(n)"
        case .rate(let r, let arrivals): "rate \(Self.number(r)) req/s" + (arrivals == .poisson ? " (Poisson)" : "")
        case .sweepRate(let k, let of, _, let arrivals):
            "sweep rate \(k) of \(of)" + (arrivals == .poisson ? " (Poisson)" : "")
        }
    }

    /// Streams always in flight, for the levels that have a fixed number; nil for scheduled rates.
    public var streams: Int? {
        switch self {
        case .synchronous: 1
        case .concurrent(let n): n
        case .rate, .sweepRate: nil
        }
    }

    /// More than one request can be in flight: a request's own energy window overlaps others', so energy is
    /// measured over the level instead (METRICS.md "energy_per_token at a level").
    public var overlaps: Bool { streams != 1 }

    static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }

    // Stored as a small object: {"kind": "concurrent", "streams": 4} — readable in a bundle and open to
    // new kinds without breaking older readers' decoding of the ones they know.
    enum CodingKeys: String, CodingKey { case kind, streams, rate, arrivals, index, of, saturation }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let kind = try c.decode(String.self, forKey: .kind)
        switch kind {
        case "synchronous": self = .synchronous
        case "concurrent": self = .concurrent(try c.decode(Int.self, forKey: .streams))
        case "rate":
            self = .rate(try c.decode(Double.self, forKey: .rate), try c.decode(Arrivals.self, forKey: .arrivals))
        case "sweep_rate":
            self = .sweepRate(
                index: try c.decode(Int.self, forKey: .index), of: try c.decode(Int.self, forKey: .of),
                saturation: try c.decode(Int.self, forKey: .saturation), try c.decode(Arrivals.self, forKey: .arrivals))
        default:
            throw DecodingError.dataCorruptedError(
                forKey: .kind, in: c,
                debugDescription: "unknown load level kind '\(kind)' (synchronous, concurrent, rate, sweep_rate)")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .synchronous: try c.encode("synchronous", forKey: .kind)
        case .concurrent(let n):
            try c.encode("concurrent", forKey: .kind)
            try c.encode(n, forKey: .streams)
        case .rate(let r, let arrivals):
            try c.encode("rate", forKey: .kind)
            try c.encode(r, forKey: .rate)
            try c.encode(arrivals, forKey: .arrivals)
        case .sweepRate(let k, let of, let saturation, let arrivals):
            try c.encode("sweep_rate", forKey: .kind)
            try c.encode(k, forKey: .index)
            try c.encode(of, forKey: .of)
            try c.encode(saturation, forKey: .saturation)
            try c.encode(arrivals, forKey: .arrivals)
        }
    }
}

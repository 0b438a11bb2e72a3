extension Configuration {
    /// The id without its load level (`engine/model/workload`): what a level's siblings share.
    public var baseID: String {
        guard let load else { return id }
        let suffix = "@" + load.idSuffix
        return id.hasSuffix(suffix) ? String(id.dropLast(suffix.count)) : id
    }

    /// The configuration once per load level, `@level` on its id (METRICS.md "Load profiles"). No levels,
    /// or only `synchronous`, keeps the configuration (and its id) as every run before load profiles had it.
    public func atLevels(_ levels: [LoadLevel]) -> [Configuration] {
        guard !levels.allSatisfy({ $0 == .synchronous }) else { return [self] }
        return levels.map { level in
            var configuration = self
            configuration.id = "\(id)@\(level.idSuffix)"
            configuration.load = level
            return configuration
        }
    }
}

import Foundation

extension LoadLevel {
    /// The levels one `--load` value names: `synchronous`, `concurrent:N`, `rate:R`, `poisson:R`, or
    /// `sweep:K` (synchronous, 8 streams, then K rates between them). nil for anything else.
    public static func levels(argument text: String) -> [LoadLevel]? {
        let parts = text.split(separator: ":", maxSplits: 1).map { String($0).trimmingCharacters(in: .whitespaces) }
        let value = parts.count == 2 ? Double(parts[1]) : nil
        switch (parts.first?.lowercased(), value) {
        case ("synchronous", nil) where parts.count == 1: return [.synchronous]
        case ("concurrent", let n?) where n >= 1 && n == n.rounded() && n <= 100_000: return [.concurrent(Int(n))]
        case ("rate", let r?) where r > 0 && r.isFinite: return [.rate(r, .constant)]
        case ("poisson", let r?) where r > 0 && r.isFinite: return [.rate(r, .poisson)]
        case ("sweep", let k?) where k >= 1 && k == k.rounded() && k <= 1000:
            return sweep(rates: Int(k), streams: defaultSweepStreams, arrivals: .constant)
        default: return nil
        }
    }

    /// A sweep's levels in the order they run: synchronous, `streams` streams to saturation, then rates 1…K
    /// (placed between the two when they start).
    public static func sweep(rates: Int, streams: Int, arrivals: Arrivals) -> [LoadLevel] {
        [.synchronous, .concurrent(streams)]
            + (1...max(1, rates)).map { .sweepRate(index: $0, of: rates, saturation: streams, arrivals) }
    }

    /// Streams of a sweep's saturated level when nothing says otherwise: enough to fill the slots of a
    /// small server (llama-server `parallel: 4`, Ollama's default of 4) twice over.
    public static let defaultSweepStreams = 8
}

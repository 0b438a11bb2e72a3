import EdgeBenchCore
import Foundation

/// Wall power of a smart plug, polled over its local HTTP API. Each read returns the plug's power (W) and,
/// where it keeps one, its own energy counter (J) under the same channel: the counter is preferred for
/// energy because it integrates at the plug's internal rate rather than at our polling rate, the power for
/// the curve and for plugs without a counter (a Shelly 1 without `total`).
public final class SmartPlugSource: TelemetrySource {
    /// The protocols, listed once in Core for plans, flags and run.json.
    public typealias Kind = SmartPlugKind

    public let kind: Kind
    public let statusURL: URL
    public let timeout: TimeInterval
    public let description: SourceDescription

    /// - Parameters:
    ///   - baseURL: the plug's address, e.g. `http://192.168.1.50`
    ///   - timeout: a plug on Wi-Fi answers in tens of ms; a longer wait would stall the sampler's round
    public init(kind: Kind, baseURL: String, timeout: TimeInterval = 2, id: String? = nil) throws(SmartPlugError) {
        let url: URL
        do {
            url = try kind.statusURL(baseURL: baseURL)
        } catch {
            throw .badURL(baseURL)
        }
        self.kind = kind
        statusURL = url
        self.timeout = timeout
        let counter = kind == .tasmota ? "its Total counter (1 Wh resolution)" : "its energy counter"
        description = SourceDescription(
            id: id ?? "plug:\(url.host ?? baseURL)", kind: kind.rawValue, boundary: .wallAC,
            detail: "\(kind.rawValue) smart plug at \(url.absoluteString): wall AC power including the PSU; energy from \(counter) where it has one")
    }

    /// Blocks for up to `timeout`. Call it from a thread of its own, as the `Sampler` does, never from an
    /// event loop or the Swift concurrency pool.
    public func read() throws -> [Reading] {
        let body = try PlugHTTP.get(statusURL, timeout: timeout)
        let log: TelemetryLog
        do {
            log = kind == .tasmota ? try TasmotaLog.parse(body) : try ShellyLog.parse(body)
        } catch {
            throw SmartPlugError.unexpectedBody(url: statusURL.absoluteString, reason: String(describing: error))
        }
        return Self.readings(log)
    }

    /// Power and consumption counters only: voltage and current have no `Quantity`, and an EM's returned
    /// (fed-in) energy is not what the benchmarked board used.
    static func readings(_ log: TelemetryLog) -> [Reading] {
        log.readings.compactMap { reading in
            switch reading.quantity {
            case .power: Reading(channel: reading.name, quantity: .power, value: reading.value)
            case .energy where !reading.name.hasSuffix(" returned"):
                Reading(channel: reading.name, quantity: .energyCounter, value: reading.value)
            default: nil
            }
        }
    }
}

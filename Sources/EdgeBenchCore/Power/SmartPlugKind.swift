import Foundation

/// The smart-plug protocols EdgeBench polls (Telemetry's `SmartPlugSource` speaks them). One list for the
/// plan loader, `--power-plug`, `--help` and the sampler.
public enum SmartPlugKind: String, Sendable, CaseIterable, Codable, Hashable {
    /// Gen1 `GET /status`
    case shellyGen1 = "shelly-gen1"
    /// Gen2/Gen3/Pro `GET /rpc/Shelly.GetStatus`: one method for plugs, switches and EM meters alike
    case shellyRPC = "shelly-rpc"
    /// `GET /cm?cmnd=Status%208`
    case tasmota

    /// Names people use for the same protocols: Shelly Gen2/Gen3/Pro devices all answer the RPC API.
    public static let aliases: [String: SmartPlugKind] = [
        "shelly-gen2": .shellyRPC, "shelly-gen3": .shellyRPC, "shelly-pro": .shellyRPC,
    ]

    /// A kind by its name or an alias.
    public init?(named name: String) {
        guard let kind = SmartPlugKind(rawValue: name) ?? Self.aliases[name] else { return nil }
        self = kind
    }

    /// "shelly-gen1, shelly-rpc, tasmota", for messages.
    public static var namesText: String { allCases.map(\.rawValue).joined(separator: ", ") }

    /// The address polled for a plug at `baseURL` (e.g. `http://192.168.1.50`). The one check of a plug's
    /// URL: http or https with a host.
    public func statusURL(baseURL: String) throws(PowerSourceSpecError) -> URL {
        var base = baseURL
        while base.hasSuffix("/") { base.removeLast() }
        let path = switch self {
        case .shellyGen1: "/status"
        case .shellyRPC: "/rpc/Shelly.GetStatus"
        case .tasmota: "/cm?cmnd=Status%208"
        }
        guard let url = URL(string: base + path), let scheme = url.scheme, ["http", "https"].contains(scheme),
            url.host != nil
        else { throw .badPlugURL(baseURL) }
        return url
    }
}

/// A power source the user declares rather than one EdgeBench finds on the board: a plan's `power:` item,
/// `--power-manual`, `--power-command` or `--power-plug`, and what run.json keeps for `--resume`.
/// Telemetry turns it into a source (`makeSource()`); nothing else re-checks it.
public enum PowerSourceSpec: Sendable, Hashable {
    /// a constant the user read off a display-only meter (the methodology's own plug meter logged nothing)
    case manual(watts: Double, boundary: MeasurementBoundary)
    /// a program that prints one watts value per line (USB meters, serial loggers)
    case command(String, boundary: MeasurementBoundary)
    /// a smart plug polled over HTTP (wall AC, power supply included)
    case plug(SmartPlugKind, url: String)

    /// Where a declared meter can sit (system and process are not power boundaries).
    public static let boundaries = MeasurementBoundary.allCases.filter { ![.system, .process].contains($0) }

    /// A checked spec: watts positive and finite, a power boundary, a plug URL that gives a status address.
    public func validated() throws(PowerSourceSpecError) -> PowerSourceSpec {
        switch self {
        case .manual(let watts, let boundary):
            guard watts > 0, watts.isFinite else { throw .badWatts(watts) }
            guard Self.boundaries.contains(boundary) else { throw .notAPowerBoundary(boundary) }
        case .command(let command, let boundary):
            guard !command.isEmpty else { throw .emptyCommand }
            guard Self.boundaries.contains(boundary) else { throw .notAPowerBoundary(boundary) }
        case .plug(let kind, let url):
            _ = try kind.statusURL(baseURL: url)
        }
        return self
    }

    public var boundary: MeasurementBoundary {
        switch self {
        case .manual(_, let boundary), .command(_, let boundary): boundary
        case .plug: .wallAC
        }
    }
}

/// Why a declared power source cannot be used; each text says what to write instead.
public enum PowerSourceSpecError: Error, Equatable, Sendable, CustomStringConvertible {
    case badWatts(Double)
    case notAPowerBoundary(MeasurementBoundary)
    case emptyCommand
    case badPlugURL(String)
    case unknownPlugKind(String)

    public var description: String {
        switch self {
        case .badWatts(let watts): "a manual power must be a positive number of watts, got \(watts)"
        case .notAPowerBoundary(let boundary):
            "\(boundary.rawValue) is not a power boundary; use one of \(PowerSourceSpec.boundaries.map(\.rawValue).joined(separator: ", "))"
        case .emptyCommand: "a power command must be a program that prints one watts value per line"
        case .badPlugURL(let text): "not a plug base URL: \"\(text)\" (expected e.g. http://192.168.1.50)"
        case .unknownPlugKind(let kind):
            "smart plug kind '\(kind)' is not one of \(SmartPlugKind.namesText) (Shelly Gen2/Gen3: shelly-rpc)"
        }
    }
}

/// Which of a device's prices a cost figure uses (METRICS.md, Physical, cost and battery). The catalog
/// mixes the two: the paper's boards carry what their kit cost as benchmarked, other boards a list price
/// of the board alone; dividing one configuration's tokens by a kit and another's by a bare board would
/// compare different things.
public enum PriceBasis: String, Sendable, Equatable, Codable, CaseIterable {
    /// the kit as benchmarked (`Device.kitPrice`)
    case kit
    /// the board, module or developer kit alone at its list price (`Device.price`)
    case board

    /// How the output names it: "tok/s per $ (board price)".
    public var label: String {
        switch self {
        case .kit: "kit price as benchmarked"
        case .board: "board price"
        }
    }

    /// The field key of `Device.sources` / `missing` that holds this basis's price.
    public var field: String {
        switch self {
        case .kit: "kit_price"
        case .board: "price"
        }
    }
}

extension Device {
    /// This device's price on `basis`, nil when the catalog or plan gives none.
    public func price(_ basis: PriceBasis) -> Price? {
        switch basis {
        case .kit: kitPrice
        case .board: price
        }
    }
}

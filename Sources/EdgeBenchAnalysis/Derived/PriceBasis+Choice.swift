import EdgeBenchCore

extension PriceBasis {
    /// One basis for every compared device, so tok/s per $ and cost per Mtok compare like with like: the
    /// kit as benchmarked where every device with a price has one, else the board. Devices without any
    /// price do not decide it (their cost figures are n/a either way).
    public static func choose(for devices: [Device]) -> (basis: PriceBasis, reason: String) {
        let priced = devices.filter { $0.price != nil || $0.kitPrice != nil }
        var seen: Set<String> = []
        let unique = priced.filter { seen.insert($0.id).inserted }
        guard !unique.isEmpty else { return (.board, "no compared device has a price") }
        let noKit = unique.filter { $0.kitPrice == nil }.map(\.id)
        if noKit.isEmpty {
            return (.kit, "every compared device has a kit price as benchmarked")
        }
        return (.board, "\(noKit.joined(separator: ", ")) \(noKit.count == 1 ? "has" : "have") no kit price as benchmarked")
    }
}

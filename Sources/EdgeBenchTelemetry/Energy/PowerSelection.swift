import EdgeBenchCore

/// Which one channel a configuration's energy comes from. Figures of different boundaries are never
/// added, so exactly one is chosen: the most inclusive boundary the board has (the wall socket over the
/// board's DC input over the module input over SoC rails …), and within a source its whole-device rail.
public enum PowerSelection {
    static let boundaryOrder: [MeasurementBoundary] = [.wallAC, .boardDC, .moduleInput, .socRails, .gpuBoard, .cpuPackage]
    /// Rails that stand for the whole module or board, in preference order (Jetson, Pi 5 PMIC, RAPL).
    static let preferredChannels = ["VDD_IN", "POM_5V_IN", "pmic_estimate", "package-0", "psys"]

    public static func primary(sources: [SourceDescription], samples: [Sample]) -> PowerSeries? {
        for boundary in boundaryOrder {
            for source in sources where source.boundary == boundary {
                // Power before a counter on the same channel: plug counters step by 1 Wh (Tasmota) or 1 W·min
                // (Shelly Gen1), far too coarse for one request's window; RAPL has only the counter.
                for quantity in [Quantity.power, .energyCounter] {
                    let channels = Set(samples.lazy.filter { $0.source == source.id && $0.reading.quantity == quantity }
                        .map(\.reading.channel))
                    guard !channels.isEmpty else { continue }
                    let chosen = preferredChannels.first(where: channels.contains) ?? channels.sorted().first!
                    if let series = PowerSeries(samples: samples, source: source, channel: chosen, quantity: quantity) {
                        return series
                    }
                }
            }
        }
        return nil
    }

    /// Whether any of these sources can give power or energy (then an idle baseline is worth taking).
    public static func hasPowerSource(_ sources: [SourceDescription]) -> Bool {
        sources.contains { boundaryOrder.contains($0.boundary) }
    }
}

import EdgeBenchCore

/// Which one channel a configuration's energy comes from. Figures of different boundaries are never
/// added, so exactly one is chosen: the most inclusive boundary the board has (the wall socket over the
/// board's DC input over the module input over SoC rails …), and within a source its whole-device rail.
public enum PowerSelection {
    static let boundaryOrder: [MeasurementBoundary] = [.wallAC, .boardDC, .moduleInput, .socRails, .gpuBoard, .cpuPackage]
    /// Rails that stand for the whole module or board, in preference order (Jetson, Pi 5 PMIC, RAPL, amd_energy).
    static let preferredChannels = ["VDD_IN", "POM_5V_IN", "pmic_estimate", "package-0", "psys", "Esocket0", TegrastatsLog.sumOfRailsChannel]

    /// - Parameter ratedMaximum: W, the device's rated maximum (catalog or plan), which bounds what a sample
    ///   may read (`PowerPlausibility`); nil: each boundary's physical limit.
    public static func primary(sources: [SourceDescription], samples: [Sample], ratedMaximum: Double? = nil) -> PowerSeries? {
        var candidates: [(source: SourceDescription, channel: String, quantity: Quantity)] = []
        for source in sources {
            // Power before a counter on the same channel: plug counters step by 1 Wh (Tasmota) or 1 W·min
            // (Shelly Gen1), far too coarse for one request's window; RAPL has only the counter.
            for quantity in [Quantity.power, .energyCounter] {
                let channels = Set(samples.lazy.filter { $0.source == source.id && $0.reading.quantity == quantity }
                    .map(\.reading.channel))
                guard !channels.isEmpty else { continue }
                let chosen = preferredChannels.first(where: channels.contains) ?? channels.sorted().first!
                candidates.append((effective(source, channel: chosen), chosen, quantity))
            }
        }
        for boundary in boundaryOrder {
            for candidate in candidates where candidate.source.boundary == boundary {
                if let series = PowerSeries(
                    samples: samples, source: candidate.source, channel: candidate.channel, quantity: candidate.quantity,
                    plausibility: .bound(for: boundary, ratedMaximum: ratedMaximum)
                ) {
                    return series
                }
            }
        }
        return nil
    }

    /// A tegrastats source without an input rail gives the rails' sum: SoC rails, not the module input.
    static func effective(_ source: SourceDescription, channel: String) -> SourceDescription {
        guard channel == TegrastatsLog.sumOfRailsChannel else { return source }
        var description = source
        description.boundary = .socRails
        description.detail += "; sum of rails: no input rail (VDD_IN or POM_5V_IN) on this module"
        return description
    }

    /// Whether any of these sources can give power or energy (then an idle baseline is worth taking).
    public static func hasPowerSource(_ sources: [SourceDescription]) -> Bool {
        sources.contains { boundaryOrder.contains($0.boundary) }
    }
}

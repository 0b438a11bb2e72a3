import EdgeBenchCore
import Foundation

extension SensorInventory {
    /// How long `edgebench sensors` waits for a board tool's first line (tegrastats prints on its
    /// own clock; nvidia-smi needs a moment to wake the driver).
    static let toolPatience: Duration = .seconds(3)

    /// One live reading of every board tool `edgebench run` would start (the same tools, the same
    /// rule for tegrastats), each process stopped again before the scan returns. A tool that fails
    /// or says nothing in time keeps its entry, unreadable, with what went wrong.
    static func liveTools(
        _ rooted: RootPath, searchPath: [String], hasINA3221: Bool, patience: Duration = toolPatience
    ) -> (sensors: [PowerSensor], readings: [PowerReading]) {
        let sources = SystemTelemetry.toolSources(
            root: rooted.root, searchPath: searchPath, interval: .milliseconds(100), hasINA3221: hasINA3221)
        var sensors: [PowerSensor] = []
        var readings: [PowerReading] = []
        func located(_ tool: String) -> String? {
            searchPath.lazy.map { rooted.path("\($0)/\(tool)") }.first(where: SmallFile.isExecutable)
        }
        if hasINA3221, let tegrastats = located("tegrastats") {
            sensors.append(PowerSensor(
                kind: "tegrastats", path: tegrastats, name: nil, channels: [], readable: true,
                note: "not started: the INA3221 rails are read directly from sysfs"))
        }
        for source in sources {
            let description = source.description
            let path = located(description.kind) ?? description.detail
            let outcome = firstReadings(of: source, patience: patience)
            stopIfRunning(source)
            switch outcome {
            case .readings(let values):
                let kept = values.filter { $0.quantity == .power || $0.quantity == .energyCounter }
                readings += kept.map {
                    PowerReading(
                        source: description.id, boundary: description.boundary, channel: $0.channel,
                        quantity: $0.quantity, value: $0.value)
                }
                let note = kept.isEmpty
                    ? "\(readByRun); no power figure in its output here (temperatures, clocks or loads only)"
                    : readByRun
                sensors.append(PowerSensor(
                    kind: description.kind, path: path, name: nil, channels: [], readable: true, note: note))
            case .problem(let problem):
                sensors.append(PowerSensor(
                    kind: description.kind, path: path, name: nil, channels: [], readable: false,
                    note: problem))
            }
        }
        return (sensors, readings)
    }

    private static func firstReadings(of source: any TelemetrySource, patience: Duration) -> Outcome {
        let clock = ContinuousClock()
        let deadline = clock.now + patience
        while true {
            do {
                let values = try source.read()
                if !values.isEmpty { return .readings(values) }
            } catch {
                return .problem(String(describing: error))
            }
            if clock.now >= deadline {
                return .problem("no reading within \(patience.components.seconds) s of starting it")
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
    }

    private enum Outcome {
        case readings([Reading])
        case problem(String)
    }

    private static func stopIfRunning(_ source: any TelemetrySource) {
        (source as? NvidiaSMISource)?.stop()
        (source as? TegrastatsSource)?.stop()
    }
}

import Foundation

extension HwmonSource {
    /// One source per hwmon chip with a power channel, and why chips that look like power were left out.
    /// Chips with only temperatures or fans are not power sources and are skipped silently.
    public static func discover(root: String = "/") -> (sources: [HwmonSource], problems: [String]) {
        let found = scan(root: root)
        return (found.sources, found.problems)
    }

    /// A chip with power-like channels that is not read, and why (for `edgebench sensors`).
    public struct LeftOut: Sendable, Equatable {
        public var directory: String
        public var name: String?
        public var channels: [String]
        public var reason: String
    }

    /// The sources, why chips were left out (as text), and the left-out chips themselves.
    public static func scan(root: String = "/") -> (sources: [HwmonSource], problems: [String], leftOut: [LeftOut]) {
        let rooted = RootPath(root)
        let base = "/sys/class/hwmon"
        var sources: [HwmonSource] = []
        var problems: [String] = []
        var leftOut: [LeftOut] = []
        var ids = ChannelNames()
        for entry in rooted.numberedEntries(in: base, prefix: "hwmon") {
            let directory = rooted.path("\(base)/\(entry.name)")
            let files = Set((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [])
            let name = (try? SmallFile.contents(of: directory + "/name")).map { String(SysfsText.trimmed($0)) }.flatMap { $0.isEmpty ? nil : $0 }
            if let name, name.hasPrefix("tcpm_source_psy") || name.hasPrefix("ucsi_source_psy") {
                // Its voltage and current need not share an index (in0, curr1): list the files as they are.
                let inputs = files.filter { file in
                    file.hasSuffix("_input") && ["power", "in", "curr"].contains { file.hasPrefix($0) }
                }.sorted()
                guard !inputs.isEmpty else { continue }
                problems.append("hwmon \(entry.name) (\(name)) is a USB-PD supply: it reports the negotiated contract, not a measurement, so it is not used as a power source")
                leftOut.append(LeftOut(
                    directory: directory, name: name, channels: inputs,
                    reason: "USB-PD power supply: reports the negotiated contract, not a measurement; not used for energy"))
                continue
            }
            let channels = channels(in: directory, files: files)
            guard !channels.isEmpty else { continue }
            let source = HwmonSource(chip: entry.name, name: name, channels: channels, directory: directory)
            // Two chips of one driver (two INA3221s) would share an id.
            let id = ids.unique(source.description.id)
            sources.append(id == source.description.id ? source : source.withID(id))
        }
        return (sources, problems, leftOut)
    }

    private func withID(_ id: String) -> HwmonSource {
        var copy = self
        copy.description.id = id
        return copy
    }

    static func channels(in directory: String, files: Set<String>) -> [Channel] {
        func indices(_ prefix: String, _ suffix: String) -> [Int] {
            files.compactMap { file -> Int? in
                guard file.hasSuffix(suffix) else { return nil }
                return SysfsText.index(of: String(file.dropLast(suffix.count)), prefix: prefix)
            }.sorted()
        }
        func label(_ stem: String) -> String? {
            guard files.contains(stem + "_label"), let text = try? SmallFile.contents(of: "\(directory)/\(stem)_label") else { return nil }
            let label = String(SysfsText.trimmed(text))
            return label.isEmpty ? nil : label
        }
        var names = ChannelNames()
        // A cumulative counter integrates what a sampled power value can miss between reads, so a chip that
        // has one (amd_energy, some INA2xx and SMBus PMBus monitors) is read as energy.
        let energies = indices("energy", "_input")
        if !energies.isEmpty {
            return energies.map { index in
                Channel(channel: names.unique(label("energy\(index)") ?? "energy\(index)"), measure: .energy(path: "\(directory)/energy\(index)_input"))
            }
        }
        // amdgpu before kernel 6.x has only power1_average; a driver's _input is the instantaneous value.
        let powers = Set(indices("power", "_input") + indices("power", "_average")).sorted()
        if !powers.isEmpty {
            return powers.map { index in
                let file = files.contains("power\(index)_input") ? "power\(index)_input" : "power\(index)_average"
                return Channel(channel: names.unique(label("power\(index)") ?? "power\(index)"), measure: .power(path: "\(directory)/\(file)"))
            }
        }
        let currents = Set(indices("curr", "_input"))
        return indices("in", "_input").filter(currents.contains).map { index in
            let channel = label("in\(index)") ?? label("curr\(index)") ?? "in\(index)×curr\(index)"
            return Channel(
                channel: names.unique(channel),
                measure: .product(voltagePath: "\(directory)/in\(index)_input", currentPath: "\(directory)/curr\(index)_input"))
        }
    }
}

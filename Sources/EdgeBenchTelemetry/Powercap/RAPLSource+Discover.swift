import Foundation

extension RAPLSource {
    /// The RAPL sources under `root`, and why zones that exist were left out.
    /// Since Linux 5.10 (CVE-2020-8694, "Platypus") `energy_uj` is mode 0400: a non-root user sees the zone
    /// but cannot read its counter. That zone becomes a problem text, never a source reading zero.
    public static func discover(root: String = "/") -> (sources: [RAPLSource], problems: [String]) {
        let found = scan(root: root, isReadable: SmallFile.isReadable)
        return (found.sources, found.problems)
    }

    /// A zone that exists but is not read, and why (for `edgebench sensors`).
    public struct LeftOut: Sendable, Equatable {
        public var directory: String
        public var name: String?
        public var readable: Bool
        public var reason: String
    }

    /// The sources, what could not be read as it should, and the zones left out.
    public static func scan(root: String = "/") -> (sources: [RAPLSource], problems: [String], leftOut: [LeftOut]) {
        scan(root: root, isReadable: SmallFile.isReadable)
    }

    /// `isReadable` is the seam tests use to see a 0400 file as a non-root user would (tests run as root).
    static func discover(root: String, isReadable: (String) -> Bool) -> (sources: [RAPLSource], problems: [String]) {
        let found = scan(root: root, isReadable: isReadable)
        return (found.sources, found.problems)
    }

    static func scan(root: String, isReadable: (String) -> Bool) -> (sources: [RAPLSource], problems: [String], leftOut: [LeftOut]) {
        let rooted = RootPath(root)
        let base = rooted.path("/sys/class/powercap")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: base)) ?? []
        // /sys/class/powercap lists every zone flat (intel-rapl:0, intel-rapl:0:1, …). `intel-rapl` is the
        // control type, not a zone, and `intel-rapl-mmio:*` counts the same package again through MMIO,
        // so taking it too would count the package twice.
        let entries = names
            .compactMap { name in zoneNumbers(name).map { (name: name, numbers: $0) } }
            .sorted { $0.numbers.lexicographicallyPrecedes($1.numbers) }
        var leftOut = names.filter { $0.hasPrefix("intel-rapl-mmio:") }.sorted().compactMap { name -> LeftOut? in
            let directory = "\(base)/\(name)"
            guard SmallFile.exists(directory + "/energy_uj") else { return nil }
            let zoneName = (try? SmallFile.contents(of: directory + "/name")).map { String(SysfsText.trimmed($0)) }
            return LeftOut(
                directory: directory, name: zoneName, readable: true,
                reason: "not read: the MMIO interface counts the same package as intel-rapl again (it would count twice)")
        }

        var problems: [String] = []
        var zonesByTop: [Int: (top: Zone?, subzones: [Zone])] = [:]
        for entry in entries {
            let directory = "\(base)/\(entry.name)"
            let energyPath = directory + "/energy_uj"
            guard SmallFile.exists(energyPath) else { continue }
            let name = (try? SmallFile.contents(of: directory + "/name")).map { String(SysfsText.trimmed($0)) }
            let channel = (name?.isEmpty == false ? name : nil) ?? entry.name
            guard isReadable(energyPath) else {
                leftOut.append(LeftOut(
                    directory: directory, name: name, readable: false,
                    reason: "energy_uj is root-only (Linux ≥ 5.10): run as root or `sudo chmod o+r \(energyPath)`"))
                problems.append(
                    "RAPL zone \(channel) (\(entry.name)): \(energyPath) is readable by root only; reading it needs root or a udev rule (e.g. chmod a+r \(energyPath)); the zone is left out, not read as zero")
                continue
            }
            let rangePath = directory + "/max_energy_range_uj"
            let range = (try? SmallFile.contents(of: rangePath))
                .flatMap { try? SysfsText.integer($0, path: rangePath, expected: "an integer in µJ") }
                .map { Double($0) / 1e6 }
            let zone = Zone(channel: channel, zone: entry.name, energyPath: energyPath, range: range)
            if range == nil {
                problems.append("RAPL zone \(channel): cannot read \(rangePath), so a wrap of its counter cannot be corrected")
            }
            var group = zonesByTop[entry.numbers[0], default: (nil, [])]
            if entry.numbers.count == 1 { group.top = zone } else { group.subzones.append(zone) }
            zonesByTop[entry.numbers[0]] = group
        }

        var sources: [RAPLSource] = []
        for key in zonesByTop.keys.sorted() {
            guard let group = zonesByTop[key] else { continue }
            // A readable subzone under an unreadable package still measures something: it leads its own source.
            if let top = group.top {
                sources.append(RAPLSource(top: top, subzones: group.subzones, directory: "\(base)/intel-rapl:\(key)"))
            } else {
                for zone in group.subzones {
                    sources.append(RAPLSource(top: zone, subzones: [], directory: "\(base)/\(zone.zone)"))
                }
            }
        }
        return (sources, problems, leftOut)
    }

    /// `intel-rapl:0:2` → [0, 2]; nil for anything that is not an `intel-rapl` zone.
    static func zoneNumbers(_ name: String) -> [Int]? {
        let prefix = "intel-rapl:"
        guard name.hasPrefix(prefix) else { return nil }
        let parts = name.dropFirst(prefix.count).split(separator: ":", omittingEmptySubsequences: false)
        let numbers = parts.compactMap { Int($0) }
        guard numbers.count == parts.count, (1...2).contains(numbers.count) else { return nil }
        return numbers
    }
}

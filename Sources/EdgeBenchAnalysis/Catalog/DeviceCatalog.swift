import EdgeBenchCore

/// The device catalog: every known board and board + accelerator combination, in SI units.
/// `DeviceCatalog.bundled()` loads `Resources/devices.yaml` (see DeviceCatalog+Loading.swift);
/// `DeviceMatcher` finds this machine's entry.
public struct DeviceCatalog: Sendable, Equatable {
    public var devices: [Device]

    public init(devices: [Device]) {
        self.devices = devices
    }

    public func device(id: String) -> Device? {
        devices.first { $0.id == id }
    }
}

import EdgeBenchCore

/// The device catalog: every known board and board + accelerator combination.
/// (Loading from `Resources/devices.yaml` is issue #5's catalog work.)
public struct DeviceCatalog: Sendable, Equatable {
    public var devices: [Device]

    public init(devices: [Device]) {
        self.devices = devices
    }

    public func device(id: String) -> Device? {
        devices.first { $0.id == id }
    }
}

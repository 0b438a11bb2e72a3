import EdgeBenchCore
import EdgeBenchTesting
import Foundation
import Testing
@testable import EdgeBenchTelemetry

@Suite(.serialized) struct SmartPlugSourceTests {
    static let dir = "smartplugs-meters/"
    /// The test server answers at once; the long wait is for a loaded 2-core machine, not a property of the plug
    /// (a stopped server refuses the connection at once, whatever the timeout).
    static let timeout: TimeInterval = 30

    /// `read()` blocks its caller, so it runs on a thread of its own as under the sampler: on the
    /// cooperative pool or Dispatch's global queues, blocked callers starve URLSession's own queues.
    func onOwnThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async -> Result<T, any Error> {
        await withCheckedContinuation { continuation in
            Thread { continuation.resume(returning: Result { try body() }) }.start()
        }
    }

    func read(_ source: SmartPlugSource) async -> Result<[Reading], any Error> {
        await onOwnThread { try source.read() }
    }

    @Test func shellyGen1PowerAndWattMinuteCounter() async throws {
        let server = try await SmartPlugTestServer.shellyGen1(status: try Fixtures.text(Self.dir + "shelly-gen1-status-shelly1pm.json"))
        let source = try SmartPlugSource(kind: .shellyGen1, baseURL: server.baseURL + "/", timeout: Self.timeout)
        let readings = try await read(source).get()
        await server.stop()
        #expect(readings == [
            Reading(channel: "meters[0]", quantity: .power, value: 4711.12),
            Reading(channel: "meters[0]", quantity: .energyCounter, value: 388_350_780),
        ])
        #expect(source.description.boundary == .wallAC)
        #expect(source.description.id == "plug:127.0.0.1")
        #expect(source.description.kind == "shelly-gen1")
        #expect(await server.requests().map(\.path) == ["/status"])
    }

    /// Pro 1PM: Shelly.GetStatus gives 47.11 W and 5.125 Wh = 18 450 J; the Switch.GetStatus route
    /// answers the same switch.
    @Test func shellyRPCPro1PM() async throws {
        let server = try await SmartPlugTestServer.shellyRPC(
            shellyStatus: try Fixtures.text(Self.dir + "shelly-gen2-Shelly.GetStatus-pro1pm.json"),
            switchStatus: try Fixtures.text(Self.dir + "shelly-gen2-Switch.GetStatus-pro1pm.json"))
        let source = try SmartPlugSource(kind: .shellyRPC, baseURL: server.baseURL, timeout: Self.timeout)
        let readings = try await read(source).get()
        #expect(readings == [
            Reading(channel: "switch:0", quantity: .power, value: 47.11),
            Reading(channel: "switch:0", quantity: .energyCounter, value: 18_450),
        ])
        let url = try #require(URL(string: server.baseURL + "/rpc/Switch.GetStatus?id=0"))
        let body = try await onOwnThread { try PlugHTTP.get(url, timeout: 5) }.get()
        #expect(try ShellyLog.parse(body).readings.first?.value == 47.11)
        await server.stop()
    }

    /// Pro 3EM monophase over RPC: three channels' power and consumed-energy counters, returned energy left out.
    @Test func shellyRPCPro3EM() async throws {
        let server = try await SmartPlugTestServer.shellyRPC(
            shellyStatus: try Fixtures.text(Self.dir + "shelly-gen2-Shelly.GetStatus-pro3em-monophase.json"))
        let readings = try await read(try SmartPlugSource(kind: .shellyRPC, baseURL: server.baseURL, timeout: Self.timeout)).get()
        await server.stop()
        #expect(readings.map(\.channel) == ["em1:0", "em1:1", "em1:2", "em1:0", "em1:1", "em1:2"])
        #expect(readings.map(\.quantity) == [.power, .power, .power, .energyCounter, .energyCounter, .energyCounter])
        #expect(readings[0].value == 598.9)
        #expect(abs(readings[3].value - 12_449_664) < 1e-6)
    }

    /// Tasmota Status 8: 2 W and 41.573 kWh = 149 662 800 J.
    @Test func tasmotaStatus8() async throws {
        let server = try await SmartPlugTestServer.tasmota(status8: try Fixtures.text(Self.dir + "tasmota-status8-single-phase-plug.json"))
        let readings = try await read(try SmartPlugSource(kind: .tasmota, baseURL: server.baseURL, timeout: Self.timeout)).get()
        await server.stop()
        #expect(readings.count == 2)
        #expect(readings.first == Reading(channel: "ENERGY", quantity: .power, value: 2))
        #expect(readings.last?.quantity == .energyCounter)
        #expect(abs((readings.last?.value ?? 0) - 149_662_800) < 1e-6)
        #expect(await server.requests().map(\.path) == ["/cm"])
    }

    @Test func plugThatStopsAnsweringThrowsNamingTheURL() async throws {
        let server = try await SmartPlugTestServer.tasmota(status8: try Fixtures.text(Self.dir + "tasmota-status8-single-phase-plug.json"))
        let source = try SmartPlugSource(kind: .tasmota, baseURL: server.baseURL, timeout: Self.timeout)
        _ = try await read(source).get()
        await server.stop()
        let result = await read(source)
        let url = "\(server.baseURL)/cm?cmnd=Status%208"
        guard case .failure(let error as SmartPlugError) = result, case .unreachable(let failedURL, _) = error else {
            Issue.record("expected an unreachable plug, got \(result)")
            return
        }
        #expect(failedURL == url)
        #expect(error.description.hasPrefix("smart plug at \(url) did not answer"))
    }

    /// A Tasmota source pointed at a Shelly gets 404 and says so.
    @Test func wrongKindIsAnHTTPStatusError() async throws {
        let server = try await SmartPlugTestServer.shellyGen1(status: try Fixtures.text(Self.dir + "shelly-gen1-status-shelly1pm.json"))
        let result = await read(try SmartPlugSource(kind: .tasmota, baseURL: server.baseURL, timeout: Self.timeout))
        await server.stop()
        guard case .failure(let error as SmartPlugError) = result else {
            Issue.record("expected an HTTP status error, got \(result)")
            return
        }
        #expect(error == .httpStatus(url: "\(server.baseURL)/cm?cmnd=Status%208", status: 404))
    }

    @Test func baseURLMustBeHTTP() {
        #expect(throws: SmartPlugError.badURL("192.168.1.50")) { try SmartPlugSource(kind: .shellyGen1, baseURL: "192.168.1.50") }
    }
}

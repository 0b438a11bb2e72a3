import EdgeBenchCore
import EdgeBenchTesting
import Foundation
import GRDB
import Testing

@testable import EdgeBenchStore

/// Migration v3: a configuration's device and a run's analysis parameters come back from the database
/// (for `--db` readers) and from an imported bundle.
@Suite struct DeviceAnalysisStoreTests {
    static let device = Device(
        id: "m5stack-module-llm", name: "M5Stack Module LLM (AX630C)",
        dimensions: Device.Dimensions(length: 0.054, width: 0.054, height: 0.013), mass: 0.017,
        price: Device.Price(usd: 99.9, date: "2026-03", note: "list"),
        accelerator: Device.Accelerator(name: "AX630C", peakOps: 3.2e12, precision: "INT8"), battery: 180_000,
        sources: ["dimensions": "https://docs.m5stack.com/en/module/Module%20LLM", "battery": "plan"],
        missing: ["memory_bandwidth": "not published"])
    static let analysis = AnalysisParameters(
        lifetimeHours: 8760, electricityPricePerKWh: 0.3, battery: 356_400, dutyCycle: 0.25)

    @Test func deviceAndAnalysisRoundTrip() throws {
        let directory = try temporaryDirectory("device")
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try ResultStore(path: directory.appendingPathComponent("results.db").path)
        let run = SampleBundle.bundle.run
        try store.beginRun(run, environment: SampleBundle.environment, planText: "", analysis: Self.analysis)
        let configuration = SampleBundle.configurations[0]
        try store.beginConfiguration(runID: run.id, configuration: configuration, engine: nil, device: Self.device)
        // a resume begins it again without a device: the stored one stays
        try store.beginConfiguration(runID: run.id, configuration: configuration, engine: nil)
        try store.finishConfiguration(
            runID: run.id, configurationID: configuration.id, engine: SampleBundle.completed.engine, status: .completed,
            error: nil, summary: [:], flags: [], telemetry: [:])

        // a second reader of the same file (as `--db` opens it)
        let bundle = try ResultStore(path: store.path).bundle(runID: run.id)
        #expect(bundle.analysis == Self.analysis)
        #expect(bundle.configurations[0].device == Self.device)
        #expect(bundle.configurations[0].device?.volume.map { ($0 * 1e9).rounded() } == 37_908)  // 54 × 54 × 13 mm³
    }

    @Test func runWithoutAnalysisOrDeviceReadsBackNil() throws {
        let directory = try temporaryDirectory("device")
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try ResultStore(path: directory.appendingPathComponent("results.db").path)
        let run = SampleBundle.bundle.run
        try store.beginRun(run, environment: SampleBundle.environment, planText: "")
        try store.beginConfiguration(runID: run.id, configuration: SampleBundle.configurations[0], engine: nil)
        let bundle = try store.bundle(runID: run.id)
        #expect(bundle.analysis == nil)
        #expect(bundle.configurations[0].device == nil)
    }

    @Test func importedBundleComesBackWholeAndOnlyOnce() throws {
        let directory = try temporaryDirectory("device")
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try ResultStore(path: directory.appendingPathComponent("results.db").path)
        var bundle = SampleBundle.bundle
        bundle.analysis = Self.analysis
        bundle.configurations[0].device = Self.device
        bundle.configurations[0].power = PowerProvenance(
            source: "manual", channel: "manual", boundary: .wallAC, quantity: .power, isEstimate: true, isManual: true,
            samples: 1, effectiveRate: 0, idleSeconds: nil)

        #expect(try store.importBundle(bundle, planText: "bundle import"))
        #expect(try store.importBundle(bundle, planText: "bundle import") == false)
        #expect(try store.runs().map(\.id) == [bundle.run.id])
        let back = try store.bundle(runID: bundle.run.id)
        #expect(back == bundle.finiteOnly())
        #expect(try store.planText(runID: bundle.run.id) == "bundle import")
    }

    /// A database written before v3 gains the columns; its runs read back with no device or analysis.
    @Test func v2DatabaseIsUpgraded() throws {
        let directory = try temporaryDirectory("device")
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("old.db").path
        do {
            let pool = try DatabasePool(path: path)
            try ResultStore.migrator.migrate(pool, upTo: "v2")
            try pool.write { db in
                try db.execute(
                    sql: "INSERT INTO runs (id, started_at, edgebench_version, plan_hash, plan_text) VALUES ('old', 't', '0.1.0', 'h', '')")
                try db.execute(sql: "INSERT INTO environment (run_id, hostname, cpu_cores) VALUES ('old', 'pi', 4)")
            }
        }
        let store = try ResultStore(path: path)
        #expect(try store.pool.read { db in try ResultStore.migrator.appliedIdentifiers(db) } == ["v1", "v2", "v3", "v4", "v5"])
        let bundle = try store.bundle(runID: "old")
        #expect(bundle.analysis == nil)
        #expect(bundle.configurations.isEmpty)
    }
}

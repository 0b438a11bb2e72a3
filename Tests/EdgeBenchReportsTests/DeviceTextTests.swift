import EdgeBenchAnalysis
import EdgeBenchCore
import EdgeBenchReports
import Testing

/// `edgebench devices`' text: catalog values in display units, a missing one with why.
@Suite struct DeviceTextTests {
    static let kit = Device(
        id: "kit", name: "Rugged kit",
        dimensions: Device.Dimensions(length: 0.12, width: 0.08, height: 0.04), price: Device.Price(usd: 99.9),
        sources: ["price": "https://example.com/kit"], missing: ["mass": "not published"])

    @Test func sheetShowsValuesSourcesAndWhyAValueIsMissing() {
        let sheet = DeviceText.sheet(Self.kit, catalog: DeviceCatalog(devices: [Self.kit]))
        #expect(sheet == """
            kit — Rugged kit
              dimensions        120 × 80 × 40 mm (384 cm³)
              mass              — (not published)
              board price       $99.90
                                source: https://example.com/kit
            """)
    }

    @Test func catalogTableHasARowPerDeviceAndTheCount() {
        let table = DeviceText.catalogTable(DeviceCatalog(devices: [Self.kit]))
        #expect(table == """
            ID   NAME        ACCELERATOR  RAM  VOLUME   BOARD PRICE  KIT PRICE
            kit  Rugged kit  —            —    384 cm³  $99.90       —

            1 devices; `edgebench devices show ID` for every field with its source.
            """)
    }

    @Test func detectionOfAnEmptyMachineSaysNothingMatched() {
        let identity = BoardIdentity()
        let match = DeviceMatcher(catalog: DeviceCatalog(devices: [Self.kit])).match(identity)
        let text = DeviceText.detection(identity, match: match, root: "/copy", catalog: DeviceCatalog(devices: [Self.kit]))
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0] == "What this machine says (read under /copy):")
        #expect(lines[1] == "  device-tree model   — (not found)")
        #expect(lines.contains("Match: none (confidence: none)"), "\(text)")
    }
}

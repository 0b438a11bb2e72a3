import Testing
@testable import EdgeBenchCore

@Suite struct DeviceTests {
    @Test func volumeIsTheProductOfTheDimensionsInCubicMetres() {
        let m5 = Device(id: "m5stack-module-llm", name: "M5Stack Module LLM",
                        dimensions: .init(length: 0.054, width: 0.054, height: 0.013))
        #expect(abs(m5.volume! - 3.7908e-5) < 1e-12)
        #expect(Device(id: "x", name: "x").volume == nil)
    }
}

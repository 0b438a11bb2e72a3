import EdgeBenchCore
import Foundation
import Testing
@testable import EdgeBenchTelemetry

@Suite struct SysfsAttributeTests {
    func parse(_ text: String) -> Int64? {
        Array(text.utf8).withUnsafeBufferPointer { SysfsAttribute.parseInteger($0) }
    }

    /// The shapes drivers print: a trailing newline, NUL padding (device tree), a sign, spaces.
    @Test func parsesWhatDriversPrint() {
        #expect(parse("48500\n") == 48500)
        #expect(parse("-7\0\n") == -7)
        #expect(parse("+5") == 5)
        #expect(parse("  2201600 \n") == 2_201_600)
        #expect(parse("9223372036854775807\n") == Int64.max)
    }

    /// Nothing, words, units glued to digits and overflow are not numbers (never a 0 W reading).
    @Test func refusesWhatIsNotAnInteger() {
        #expect(parse("") == nil)
        #expect(parse("\n") == nil)
        #expect(parse("-") == nil)
        #expect(parse("N/A\n") == nil)
        #expect(parse("12a\n") == nil)
        #expect(parse("1 2\n") == nil)
        #expect(parse("9223372036854775808\n") == nil)
    }

    /// One open file: a value rewritten in place is read fresh; a removed file is a gap (ENOENT, as a
    /// removed sysfs node answers ENODEV); recreated, it is opened again.
    @Test func freshValuesGapsAndReopening() throws {
        let tree = try FakeTree()
        let path = "/sys/class/hwmon/hwmon0/power1_input"
        try tree.write(path, "4250000\n")
        let attribute = SysfsAttribute(tree.path(path))
        #expect(try attribute.integer(expected: "µW") == 4_250_000)
        try tree.write(path, "3900000\n")
        #expect(try attribute.integer(expected: "µW") == 3_900_000)
        try tree.remove(path)
        #expect(throws: TelemetryError.unreadable(path: tree.path(path), reason: SmallFile.errorText(ENOENT))) {
            try attribute.integer(expected: "µW")
        }
        try tree.write(path, "1000000\n")
        #expect(try attribute.integer(expected: "µW") == 1_000_000)
    }

    /// Content longer than any integer (a text attribute by mistake) is malformed, with the text shown.
    @Test func longContentIsMalformed() throws {
        let tree = try FakeTree()
        let text = String(repeating: "7", count: 80)
        try tree.write("/x", text + "\n")
        let attribute = SysfsAttribute(tree.path("/x"))
        #expect(throws: TelemetryError.malformed(path: tree.path("/x"), text: String(text.prefix(64)), expected: "an integer in mV")) {
            try attribute.integer(expected: "an integer in mV")
        }
    }
}

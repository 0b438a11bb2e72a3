import EdgeBenchCore
import Testing

struct HexadecimalTests {
    /// Two lowercase digits per byte, leading zeros kept: the form sha256sum prints.
    @Test func bytesAreTwoLowercaseDigitsEach() {
        #expect([UInt8]([0x00, 0x0f, 0x10, 0xa5, 0xff]).hexadecimal == "000f10a5ff")
        #expect([UInt8]().hexadecimal == "")
    }
}

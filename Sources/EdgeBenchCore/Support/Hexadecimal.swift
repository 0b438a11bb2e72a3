extension Sequence<UInt8> {
    /// Lowercase hexadecimal, two digits per byte: how digests (SHA-256 of plans, models, imported files) are written.
    public var hexadecimal: String {
        var text = ""
        text.reserveCapacity(underestimatedCount * 2)
        for byte in self {
            let digits = Array("0123456789abcdef".utf8)
            text.unicodeScalars.append(Unicode.Scalar(digits[Int(byte >> 4)]))
            text.unicodeScalars.append(Unicode.Scalar(digits[Int(byte & 0x0f)]))
        }
        return text
    }
}

/// XML escaping. Labels come from plans and catalogs people write, so any of `& < > " '` can
/// appear; escaping all five keeps the output well-formed in both text and attribute position.
public enum SVGEscape {
    public static func text(_ raw: String) -> String {
        attribute(raw)
    }

    public static func attribute(_ raw: String) -> String {
        var output = ""
        output.reserveCapacity(raw.utf8.count)
        for scalar in raw.unicodeScalars {
            switch scalar {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\"": output += "&quot;"
            case "'": output += "&apos;"
            // XML 1.0 forbids most control characters even when escaped; a parser would reject the file
            case "\t", "\n", "\r": output.unicodeScalars.append(scalar)
            case _ where scalar.value < 0x20: output += " "
            default: output.unicodeScalars.append(scalar)
            }
        }
        return output
    }
}

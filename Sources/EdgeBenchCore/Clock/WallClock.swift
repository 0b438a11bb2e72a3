import Foundation

/// Wall-clock time, for provenance only (run ids, start times). Formatted with `gmtime_r` rather
/// than `DateFormatter`: Foundation's formatters load ICU, several MB of RSS on the measured board
/// for two timestamps.
public enum WallClock {
    /// `2026-11-23T11:47:23Z`
    public static func iso8601(_ date: Date = Date()) -> String {
        let t = utc(date)
        return "\(pad(t.tm_year + 1900, 4))-\(pad(t.tm_mon + 1))-\(pad(t.tm_mday))T\(pad(t.tm_hour)):\(pad(t.tm_min)):\(pad(t.tm_sec))Z"
    }

    /// `20261123-114723`, sortable and safe in file names.
    public static func compact(_ date: Date = Date()) -> String {
        let t = utc(date)
        return "\(pad(t.tm_year + 1900, 4))\(pad(t.tm_mon + 1))\(pad(t.tm_mday))-\(pad(t.tm_hour))\(pad(t.tm_min))\(pad(t.tm_sec))"
    }

    private static func utc(_ date: Date) -> tm {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var result = tm()
        gmtime_r(&seconds, &result)
        return result
    }

    private static func pad(_ value: Int32, _ width: Int = 2) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}

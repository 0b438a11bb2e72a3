/// The `MM-DD-YYYY HH:MM:SS` stamp newer tegrastats (JetPack 5 and later) puts before each line.
/// It carries no time zone; it is read as UTC, which is enough because only differences between
/// lines are used. Computed by hand: this runs per line on the measured board.
enum TegrastatsTimestamp {
    /// Seconds since 1970-01-01 00:00:00 (as UTC), nil when `date`/`time` are not such a stamp.
    static func seconds(date: Substring, time: Substring) -> Double? {
        let dateParts = date.split(separator: "-", omittingEmptySubsequences: false)
        let timeParts = time.split(separator: ":", omittingEmptySubsequences: false)
        guard dateParts.count == 3, timeParts.count == 3,
              dateParts[0].count == 2, dateParts[1].count == 2, dateParts[2].count == 4,
              timeParts.allSatisfy({ $0.count == 2 }),
              let month = Int(dateParts[0]), let day = Int(dateParts[1]), let year = Int(dateParts[2]),
              let hour = Int(timeParts[0]), let minute = Int(timeParts[1]), let second = Int(timeParts[2]),
              (1...12).contains(month), (1...31).contains(day),
              (0...23).contains(hour), (0...59).contains(minute), (0...60).contains(second)
        else { return nil }
        let days = daysFromCivil(year: year, month: month, day: day)
        return Double(days * 86_400 + hour * 3_600 + minute * 60 + second)
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}

import EdgeBenchCore

/// Raspberry Pi 5 board power, SoC temperature and arm clock, from `vcgencmd` run at each read:
/// `pmic_read_adc` → power on channel `pmic_estimate` (the calibrated rail sum, an estimate of the 5 V
/// input, see `PMICCalibration`), `measure_temp` → channel `soc`, `measure_clock arm` → channel `arm`.
/// Throttling has no `Quantity`; ask `throttled()` (e.g. before and after a run).
public final class RaspberryPiSource: TelemetrySource {
    public static let defaultExecutable = "/usr/bin/vcgencmd"
    static let installHint =
        "vcgencmd comes with Raspberry Pi OS (package raspi-utils, formerly libraspberrypi-bin); pass its path if it lives elsewhere"

    public let executable: String
    public let description: SourceDescription

    public init(executable: String = RaspberryPiSource.defaultExecutable) {
        self.executable = executable
        description = SourceDescription(
            id: "rpi", kind: "vcgencmd", boundary: .boardDC, isEstimate: true,
            detail: "\(executable) pmic_read_adc (board power: 1.1327 × Σ rail V×I + 0.6444 W, Pi 5 calibration), "
                + "measure_temp, measure_clock arm")
    }

    /// A command that fails leaves its channel out of the round; a missing vcgencmd fails the read,
    /// since every channel would fail the same way.
    public func read() throws -> [Reading] {
        var readings: [Reading] = []
        var firstError: (any Error)?
        do {
            let log = try PMICLog.parse(try vcgencmd("pmic_read_adc"))
            if let estimate = log.readings.last(where: { $0.name == PMICCalibration.channel }) {
                readings.append(Reading(channel: PMICCalibration.channel, quantity: .power, value: estimate.value))
            }
        } catch let error as ExternalCommandError {
            if case .notFound = error { throw error }
            firstError = error
        } catch {
            firstError = error
        }
        do {
            readings.append(Reading(channel: "soc", quantity: .temperature, value: try VcgencmdReply.temperature(try vcgencmd("measure_temp"))))
        } catch {
            firstError = firstError ?? error
        }
        do {
            readings.append(Reading(channel: "arm", quantity: .frequency, value: try VcgencmdReply.frequency(try vcgencmd("measure_clock", "arm"))))
        } catch {
            firstError = firstError ?? error
        }
        do {
            readings.append(Reading(channel: "throttled", quantity: .throttle, value: try throttled().isThrottledNow ? 1 : 0))
        } catch {
            firstError = firstError ?? error
        }
        if readings.isEmpty, let firstError {
            throw TelemetryError.noReadableChannel(source: description.id, firstError: String(describing: firstError))
        }
        return readings
    }

    /// `get_throttled`, decoded.
    public func throttled() throws -> ThrottledState {
        try ThrottledState.parse(try vcgencmd("get_throttled"))
    }

    private func vcgencmd(_ arguments: String...) throws(ExternalCommandError) -> String {
        try ExternalCommand.run(executable, arguments, hint: Self.installHint)
    }
}

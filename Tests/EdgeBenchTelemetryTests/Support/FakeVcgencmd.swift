import EdgeBenchTesting
import Foundation

extension FakeTree {
    /// A fake vcgencmd answering from the fixtures: an idle Pi 5 (HAOS dump, 59.3 °C, 2.4 GHz).
    func fakeVcgencmd(throttled: String = "throttled=0x0", pmicStatus: Int = 0) throws -> String {
        try write("/replies/pmic", try Fixtures.text("rpi/vcgencmd-pmic_read_adc-rpi5-haos-idle.txt"))
        try write("/replies/temp", "temp=59.3'C\n")
        try write("/replies/clock", "frequency(0)=2400023808\n")
        try write("/replies/throttled", throttled + "\n")
        try write("/usr/bin/vcgencmd", """
            #!/bin/sh
            echo "$@" >> \(path("/calls"))
            case "$1" in
              pmic_read_adc) cat \(path("/replies/pmic")); exit \(pmicStatus) ;;
              measure_temp) cat \(path("/replies/temp")) ;;
              measure_clock) [ "$2" = arm ] && cat \(path("/replies/clock")) ;;
              get_throttled) cat \(path("/replies/throttled")) ;;
              *) echo "error=2 error_msg=\\"Command not registered\\""; exit 2 ;;
            esac

            """, executable: true)
        return path("/usr/bin/vcgencmd")
    }
}

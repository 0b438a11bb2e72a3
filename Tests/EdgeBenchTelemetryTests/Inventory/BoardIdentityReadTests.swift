import EdgeBenchCore
import EdgeBenchTesting
import Foundation
import Testing

@testable import EdgeBenchTelemetry

/// `BoardIdentity.read` on fake roots built from the board-id captures (Tests/Fixtures/board-ids):
/// each file holds what the capture shows the machine printed, with the device tree's NUL terminator.
@Suite struct BoardIdentityReadTests {
    /// What a capture's files become in a fake root.
    struct Capture: Sendable, CustomTestStringConvertible {
        var fixture: String
        var model: String?
        var tegra: String?
        var powerMode: BoardIdentity.PowerModeQuery?
        var testDescription: String { fixture }
    }

    static let captures: [Capture] = [
        Capture(fixture: "jetson-agx-orin-devkit-r36.5.0-jp6.2-identity.txt", model: "NVIDIA Jetson AGX Orin Developer Kit",
                tegra: "R36.5.0 generic", powerMode: .init(name: "MAXN", id: 0)),
        Capture(fixture: "jetson-agx-orin-r35.4.1-jp5.1.2-nv_tegra_release.txt", tegra: "R35.4.1 t186ref"),
        Capture(fixture: "jetson-nano-model-no-trailing-newline.txt", model: "NVIDIA Jetson Nano Developer Kit"),
        Capture(fixture: "jetson-nano-r32.7.6-t210ref-nv_tegra_release.txt", tegra: "R32.7.6 t210ref"),
        Capture(fixture: "jetson-orin-nano-r36.4.7-nv_tegra_release-4line.txt", tegra: "R36.4.7 generic"),
        Capture(fixture: "jetson-orin-nx-engineering-reference-model.txt",
                model: "NVIDIA Jetson Orin NX Engineering Reference Developer Kit"),
        Capture(fixture: "nv_tegra_release-r32.5-t186ref-revision-no-minor.txt", tegra: "R32.5 t186ref"),
        Capture(fixture: "nv_tegra_release-r32.6.1-t186ref.txt", tegra: "R32.6.1 t186ref"),
        Capture(fixture: "nv_tegra_release-r32.6.1-t210ref.txt", tegra: "R32.6.1 t210ref"),
        Capture(fixture: "nv_tegra_release-r32.7.4-t210ref-nano.txt", tegra: "R32.7.4 t210ref"),
        Capture(fixture: "orangepi5-rk3588s-model-and-hwmon-names.txt", model: "Orange Pi 5"),
        Capture(fixture: "rpi5-rev1.0-model-no-powercap.txt", model: "Raspberry Pi 5 Model B Rev 1.0"),
        Capture(fixture: "rpi5-rev1.1-model-prompt-artifact.txt", model: "Raspberry Pi 5 Model B Rev 1.1"),
    ]

    @Test(arguments: captures)
    func readsEveryBoardIDCapture(_ capture: Capture) throws {
        let text = try Fixtures.text("board-ids/\(capture.fixture)")
        let tree = try FakeTree()
        if let model = ShellTranscript.output(of: "cat /proc/device-tree/model", in: text) {
            try tree.write("/proc/device-tree/model", model + "\0")
        }
        let tegra = ShellTranscript.output(of: "cat /etc/nv_tegra_release", in: text).map { $0 + "\n" }
            ?? (text.hasPrefix("# R") ? text : nil)
        if let tegra { try tree.write("/etc/nv_tegra_release", tegra) }
        if let query = ShellTranscript.output(of: "nvpmodel -q", in: text) {
            try tree.write("/reply/nvpmodel", query + "\n")
            try tree.write("/usr/bin/nvpmodel", "#!/bin/sh\ncat '\(tree.path("/reply/nvpmodel"))'\n", executable: true)
        }
        let identity = BoardIdentity.read(root: tree.root, searchPath: ["/usr/bin"])
        #expect(identity.deviceTreeModel == capture.model)
        #expect(identity.tegraRelease.map { "\($0.version) \($0.board ?? "?")" } == capture.tegra)
        #expect(identity.powerMode == capture.powerMode)
        #expect(identity.notes == [])
        #expect(identity.dmi == nil)
        #expect(identity.accelerators == BoardIdentity.Accelerators())
    }

    @Test func fourLineTegraReleaseKeepsOnlyTheReleaseLine() throws {
        let text = try Fixtures.text("board-ids/jetson-orin-nano-r36.4.7-nv_tegra_release-4line.txt")
        let tree = try FakeTree()
        try tree.write("/etc/nv_tegra_release", try #require(ShellTranscript.output(of: "cat /etc/nv_tegra_release", in: text)))
        let release = try #require(BoardIdentity.read(root: tree.root, searchPath: []).tegraRelease)
        #expect(release == BoardIdentity.TegraRelease(
            release: 36, revision: "4.7", board: "generic",
            line: "# R36 (release), REVISION: 4.7, GCID: 42132812, BOARD: generic, EABI: aarch64, DATE: Thu Sep 18 22:54:44 UTC 2025"))
    }

    @Test(arguments: [
        ("Raspberry Pi 5 Model B Rev 1.0\0", "Raspberry Pi 5 Model B Rev 1.0"),  // as the kernel writes it
        ("Orange Pi 5", "Orange Pi 5"),  // no terminator, no newline
        ("Radxa ROCK 5B \n", "Radxa ROCK 5B"),  // trailing space and newline
        ("NVIDIA Jetson Orin Nano Developer Kit\0\0garbage", "NVIDIA Jetson Orin Nano Developer Kit"),  // cut at the first NUL
        ("\0", nil), ("", nil),
    ] as [(String, String?)])
    func cleansTheModelString(contents: String, expected: String?) throws {
        let tree = try FakeTree()
        try tree.write("/proc/device-tree/model", contents)
        #expect(BoardIdentity.read(root: tree.root, searchPath: []).deviceTreeModel == expected)
    }

    @Test func readsCompatibleDMICPUInfoAndMeminfo() throws {
        let tree = try FakeTree()
        try tree.write("/proc/device-tree/compatible", "raspberrypi,5-model-b\0brcm,bcm2712\0")
        try tree.write("/sys/class/dmi/id/sys_vendor", "QEMU\n")
        try tree.write("/sys/class/dmi/id/product_name", "Standard PC (Q35 + ICH9, 2009)\n")
        try tree.write("/proc/cpuinfo", """
            processor\t: 0
            vendor_id\t: GenuineIntel
            model name\t: Intel(R) Xeon(R) Platinum 8375C CPU @ 2.90GHz
            flags\t\t: fpu vme de pse hypervisor lahf_lm

            processor\t: 1
            vendor_id\t: GenuineIntel
            model name\t: Intel(R) Xeon(R) Platinum 8375C CPU @ 2.90GHz
            flags\t\t: fpu vme de pse hypervisor lahf_lm

            """)
        try tree.write("/proc/meminfo", "MemTotal:        8245328 kB\nMemFree:         1000 kB\n")
        let identity = BoardIdentity.read(root: tree.root, searchPath: [])
        #expect(identity.deviceTreeCompatible == ["raspberrypi,5-model-b", "brcm,bcm2712"])
        #expect(identity.dmi == BoardIdentity.DMI(sysVendor: "QEMU", productName: "Standard PC (Q35 + ICH9, 2009)"))
        #expect(identity.cpu == BoardIdentity.CPUInfo(
            modelName: "Intel(R) Xeon(R) Platinum 8375C CPU @ 2.90GHz", vendorID: "GenuineIntel", cores: 2, hypervisor: true))
        #expect(identity.cpu?.isX86 == true)
        #expect(identity.memTotal == 8_245_328.0 * 1024)
    }

    @Test func raspberryPiCPUInfoModelLine() throws {
        let tree = try FakeTree()
        try tree.write("/proc/cpuinfo", (0..<4).map { "processor\t: \($0)\nBogoMIPS\t: 108.00\n\n" }.joined()
            + "Revision\t: d04170\nModel\t\t: Raspberry Pi 5 Model B Rev 1.0\n")
        let cpu = try #require(BoardIdentity.read(root: tree.root, searchPath: []).cpu)
        #expect(cpu == BoardIdentity.CPUInfo(model: "Raspberry Pi 5 Model B Rev 1.0", cores: 4))
        #expect(!cpu.isX86)
    }

    @Test(arguments: [
        ("hailortcli-identify-hailo10h-rpi5-aihat2-fw5.2.0-TRIMMED.txt", "HAILO10H"),
        ("hailortcli-identify-hailo8l-fw4.20.0.txt", "HAILO8L"),
        ("hailortcli-identify-hailo8-fw4.16.2-x86.txt", "HAILO8"),  // trailing spaces on every line
    ])
    func hailoArchitectureFromIdentify(fixture: String, architecture: String) throws {
        let tree = try FakeTree()
        try tree.write("/dev/hailo0", "")
        try tree.write("/reply/identify", try Fixtures.text("hailo/\(fixture)"))
        try tree.write("/usr/bin/hailortcli", "#!/bin/sh\ncat '\(tree.path("/reply/identify"))'\n", executable: true)
        let accelerators = BoardIdentity.read(root: tree.root, searchPath: ["/usr/bin"]).accelerators
        #expect(accelerators == BoardIdentity.Accelerators(
            hailoDevice: true, hailortcli: tree.path("/usr/bin/hailortcli"), hailoArchitecture: architecture))
    }

    @Test func otherAcceleratorsByPresence() throws {
        let tree = try FakeTree()
        try tree.makeDirectory("/sys/kernel/debug/rknpu")
        try tree.write("/usr/bin/nvidia-smi", "#!/bin/sh\nexit 1\n", executable: true)
        let accelerators = BoardIdentity.read(root: tree.root, searchPath: ["/usr/bin"]).accelerators
        #expect(accelerators == BoardIdentity.Accelerators(rknpu: true, nvidiaSMI: tree.path("/usr/bin/nvidia-smi")))
    }

    @Test func aFailingToolIsANoteNotAnError() throws {
        let tree = try FakeTree()
        try tree.write("/usr/bin/nvpmodel", "#!/bin/sh\necho 'NVPM ERROR: failed to read PARAM' >&2\nexit 2\n", executable: true)
        let identity = BoardIdentity.read(root: tree.root, searchPath: ["/usr/bin"])
        #expect(identity.powerMode == nil)
        #expect(identity.notes == ["\(tree.path("/usr/bin/nvpmodel")) -q exited with status 2: NVPM ERROR: failed to read PARAM"])
    }

    @Test func anEmptyRootReadsAsNothing() throws {
        let tree = try FakeTree()
        #expect(BoardIdentity.read(root: tree.root, searchPath: ["/usr/bin"]) == BoardIdentity())
    }
}

import Testing

@testable import EdgeBenchReports

@Suite struct ScaleTests {
    @Test func linearTicksAreOneTwoFiveSteps() {
        let scale = Scale.linear([0, 97])
        #expect(scale.kind == .linear)
        #expect(scale.ticks.map(\.value) == [0, 20, 40, 60, 80, 100])
        #expect(scale.lower == 0 && scale.upper == 100)
    }

    @Test func decimalStepsHaveNoBinaryNoise() {
        // step 0.1: 3 × 0.1 must print as 0.3
        let scale = Scale.linear([0.12, 0.58])
        #expect(scale.ticks.map(\.value) == [0.1, 0.2, 0.3, 0.4, 0.5, 0.6])
        #expect(scale.ticks.map { TickFormats.number($0.value) } == ["0.1", "0.2", "0.3", "0.4", "0.5", "0.6"])
    }

    @Test func logTicksAreDecadesWithTwoAndFiveMinors() {
        let scale = Scale.log10([0.003, 40])
        #expect(scale.kind == .log10)
        #expect(scale.ticks.filter(\.isMajor).map(\.value) == [0.001, 0.01, 0.1, 1, 10, 100])
        #expect(scale.ticks.filter { !$0.isMajor }.prefix(4).map(\.value) == [0.002, 0.005, 0.02, 0.05])
        #expect(scale.lower == 0.001 && scale.upper == 100)
        // five decades: minor ticks are drawn but not labelled
        #expect(scale.labelledTicks.count == 6)
        #expect(scale.fraction(1) == 0.6)
        #expect(scale.fraction(0) == nil)
    }

    @Test func exactDecadeBoundsAreNotWidened() {
        let scale = Scale.log10([1, 1000])
        #expect(scale.ticks.filter(\.isMajor).map(\.value) == [1, 10, 100, 1000])
        // two decades or fewer: the 2 and 5 labels are kept
        #expect(Scale.log10([1, 100]).labelledTicks.map(\.value) == [1, 2, 5, 10, 20, 50, 100])
    }

    @Test func autoChoosesLogFromTwoDecadesOfPositiveValues() {
        #expect(Scale.auto([0.5, 50]).kind == .log10)  // ratio exactly 100
        #expect(Scale.auto([0.5, 49]).kind == .linear)
        #expect(Scale.auto([0, 5, 5000]).kind == .linear)  // zero has no place on a log axis
        #expect(Scale.auto([-1, 500]).kind == .linear)
        #expect(Scale.auto([7]).kind == .linear)
    }

    @Test func emptyAndSingleValueDomainsArePaddedNotDegenerate() {
        let empty = Scale.auto([])
        #expect(empty.ticks.map(\.value) == [0, 0.2, 0.4, 0.6, 0.8, 1])
        let single = Scale.auto([5])
        #expect(single.lower == 2 && single.upper == 8)
        #expect(single.fraction(5) == 0.5)
        let zero = Scale.linear([0])
        #expect(zero.lower == 0 && zero.upper == 1)
        let log = Scale.log10([10])
        #expect(log.lower == 1 && log.upper == 10)
        #expect(Scale.log10([3]).ticks.filter(\.isMajor).map(\.value) == [1, 10])
        #expect(Scale.linear([.nan, .infinity]).upper == 1)
    }

    @Test func includeZeroAndPaddingStayNonNegative() {
        #expect(Scale.linear([40, 97], includeZero: true).ticks.map(\.value) == [0, 20, 40, 60, 80, 100])
        #expect(Scale.linear([1, 9], padding: 0.2).lower == 0)
    }

    @Test func tickFormatsAreCompactAndCarryUnits() {
        #expect(TickFormats.number(0.003) == "0.003")
        #expect(TickFormats.number(12.345) == "12.3")
        #expect(TickFormats.number(15_000) == "15k")
        #expect(TickFormats.number(2_500_000) == "2.5M")
        #expect(TickFormats.unit("W")(20) == "20 W")
        #expect(TickFormats.percent(0.634) == "63.4 %")
        #expect(ChartAxis(title: "Mean power", unit: "W").titleWithUnit == "Mean power (W)")
    }

    @Test func svgNumbersHaveAtMostTwoDecimalsAndNoExponent() {
        #expect(SVGNumber.text(0.00001) == "0")
        #expect(SVGNumber.text(12.3456) == "12.35")
        #expect(SVGNumber.text(-0.001) == "0")
        #expect(SVGNumber.text(100) == "100")
        #expect(SVGNumber.text(.nan) == "0")
        #expect(SVGNumber.text(1e20) == "100000000000000000000")
    }
}

import Charts
import Drawing
import Testing

@Test func viridisIsMatplotlibsTable() {
    let map = ColorMap.viridis
    #expect(map.colors.count == 256)
    #expect(map.colors[0] == Color(red: 0.267004, green: 0.004874, blue: 0.329415))
    #expect(map.colors[255] == Color(red: 0.993248, green: 0.906157, blue: 0.143936))
}

@Test(arguments: ColorMap.all)
func lookupAndInverseAgree(map: ColorMap) {
    #expect(map.colors.count == 256)
    for index in stride(from: 0, to: 256, by: 5) {
        let t: Double = (Double(index) + 0.5) / 256
        #expect(map.nearestIndex(to: map.color(at: t)) == index)
    }
    #expect(map.color(at: .nan) == map.badColor)
    let nearest = map.colors[map.nearestIndex(to: map.badColor)]
    #expect(nearest.distance(to: map.badColor) > 0.1, "bad colour of \(map.name) looks like a value")
}

@Test func divergingScaleIsSymmetricAroundZero() {
    let scale = ColorScale.diverging(map: .redBlue, values: [-0.5, 2, 1])
    #expect(scale.domain == -2...2)
    let middle = scale.color(for: 0)
    #expect(middle.luminance > 0.9)
    #expect(scale.color(for: -2).red > scale.color(for: -2).blue)
    #expect(scale.color(for: 2).blue > scale.color(for: 2).red)
    #expect(scale.color(for: .infinity) == ColorMap.redBlue.badColor)
}

@Test func logColorScaleMarksNonPositiveAsBad() {
    let scale = ColorScale(map: .magma, domain: 1e-3...1, kind: .log)
    #expect(scale.color(for: 0) == ColorMap.magma.badColor)
    #expect(abs(scale.value(of: scale.color(for: 0.01)) / 0.01 - 1) < 0.05)
}

@Test func mapsFoundByName() {
    #expect(ColorMap.named("Viridis")?.name == "viridis")
    #expect(ColorMap.named("cividis_r")?.colors.first == ColorMap.cividis.colors.last)
    #expect(ColorMap.named("jet") == nil)
}

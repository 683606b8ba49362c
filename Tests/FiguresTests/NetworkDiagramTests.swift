import Charts
import Drawing
import Foundation
import NetworkEngine
import Testing
@testable import Figures

/// Networks to draw: the seed's three pictures, the course's heart, and a 784 → 32 → 10 one.
enum SampleNetworks {
    static let not = Network(layers: [Dense(W: Matrix([[1.3]]), b: [-0.1], activation: .tanh)])
    static let vectorLayer = Network(layers: [Dense(W: Matrix([[-2, 4, -1], [6, 0, -3]]), b: [0.1, -2.5], activation: .tanh)])
    static let hiddenLayer = Network.random(shape: [4, 3, 2], activations: [.tanh, .tanh], seed: 3, scale: 0.5)
    static let heart = Network.random(shape: [1, 6, 7, 2], activations: [.sigmoid, .sigmoid, .sigmoid], seed: 1, scale: 0.5)
    static let mnist = Network.random(shape: [784, 32, 10], activations: [.relu, .sigmoid], seed: 2, scale: 0.1)

    static let all: [(String, Network)] = [("not", not), ("vector", vectorLayer), ("hidden", hiddenLayer), ("heart", heart), ("784", mnist)]
}

struct NetworkDiagramTests {
    func render(_ diagram: NetworkDiagram, theme: Theme = .light, width: Double = 960, height: Double = 540) throws
        -> (image: RGBAImage, layout: DiagramLayout) {
        let canvas = try Canvas(width: width, height: height, format: .png, scale: 1)
        let layout = diagram.layout(on: canvas, theme: theme)
        diagram.draw(on: canvas, theme: theme)
        return (try canvas.image(), layout)
    }

    @Test("at an edge's midpoint, w < 0 has the negative colour and w > 0 the positive one", arguments: [Theme.light, Theme.dark, Theme.print])
    func edgeColours(_ theme: Theme) throws {
        // 2 → 1: two edges that meet only at the output neuron, far from their midpoints.
        let network = Network(layers: [Dense(W: Matrix([[-1.5, 2]]), b: [0], activation: .tanh)])
        var diagram = NetworkDiagram(network: network, title: "signs")
        diagram.labels = .none
        let (image, layout) = try render(diagram, theme: theme)
        #expect(layout.edges.count == 2)
        let negative = theme.divergingMap.color(at: 0)
        let positive = theme.divergingMap.color(at: 1)
        for edge in layout.edges {
            let mid = edge.midpoint
            // A dashed edge may have a gap at the exact midpoint: look a few pixels along it.
            let direction: (Double, Double) = {
                let dx = edge.to.x - edge.from.x, dy = edge.to.y - edge.from.y
                let length = (dx * dx + dy * dy).squareRoot()
                return (dx / length, dy / length)
            }()
            let samples = (-6...6).map { step -> Color in
                image[Int((mid.x + Double(step) * direction.0).rounded(.down)), Int((mid.y + Double(step) * direction.1).rounded(.down))]
            }
            let nearest = samples.min { $0.distance(to: edge.color) < $1.distance(to: edge.color) } ?? .clear
            #expect(nearest.distance(to: edge.color) < 0.06, "\(theme.name): edge w = \(edge.value) drawn as \(nearest), expected \(edge.color)")
            // And that colour is on the correct side of the map.
            let expectedSide = edge.value < 0 ? negative : positive
            let otherSide = edge.value < 0 ? positive : negative
            #expect(nearest.distance(to: expectedSide) < nearest.distance(to: otherSide), "\(theme.name): w = \(edge.value) has the wrong sign's colour")
            #expect(edge.color == layout.edgeScale.color(for: edge.value))
            #expect(edge.dash.isEmpty == !(theme.name == "print" && edge.value < 0))
        }
    }

    /// Counts the pixels of a vertical run through (x, y) that differ from the background.
    func strokeThickness(_ image: RGBAImage, x: Int, y: Int, background: Color) -> Int {
        var top = y
        while top > 0, image[x, top - 1].distance(to: background) > 0.1 { top -= 1 }
        var bottom = y
        while bottom < image.height - 1, image[x, bottom + 1].distance(to: background) > 0.1 { bottom += 1 }
        return bottom - top + 1
    }

    @Test("a heavier weight draws a wider stroke, measured across the edge")
    func strokeWidthGrowsWithWeight() throws {
        var thickness: [Double: Int] = [:]
        for w in [0.4, 1.0, 2.0] {
            var diagram = NetworkDiagram(network: Network(layers: [Dense(W: Matrix([[w]]), b: [0], activation: .tanh)]), title: "w")
            diagram.labels = .none
            diagram.weightRange = 2
            let (image, layout) = try render(diagram)
            let edge = try #require(layout.edges.first)
            #expect(abs(edge.from.y - edge.to.y) < 1e-9)
            let mid = edge.midpoint
            thickness[w] = strokeThickness(image, x: Int(mid.x), y: Int(mid.y), background: Theme.light.background)
        }
        let thin = try #require(thickness[0.4]), middle = try #require(thickness[1.0]), thick = try #require(thickness[2.0])
        #expect(thin < middle && middle < thick, "thicknesses \(thickness)")
        #expect(thick >= thin + 3)
    }

    /// What a drawn diagram put in its scene: every label's box, every circle, every image.
    struct Drawn {
        var texts: [(label: String, box: Rect)] = []
        var circles: [(center: Point, radius: Double)] = []
        var images: [Rect] = []

        init(_ diagram: NetworkDiagram, width: Double, height: Double) throws {
            let canvas = try Canvas(width: width, height: height, format: .png, scale: 1)
            _ = diagram.draw(on: canvas, theme: .light)
            let recorder = RecordingRenderer()
            recorder.render(canvas.scene)
            for mark in recorder.marks {
                switch mark.kind {
                case .text(let text): texts.append((text.label.description, text.bounds))
                case .image(let image): images.append(image.rect)
                case .path(let path):
                    for case let .arc(center, radius, _, _) in path.segments where !circles.contains(where: { $0.center == center }) {
                        circles.append((center, radius))
                    }
                case .paint: break
                }
            }
        }
    }

    @Test("in the drawn scene, labels and circles stay inside the canvas, no two labels overlap, no label straddles a circle or covers a legend",
          arguments: SampleNetworks.all.map(\.0), [DiagramLabelMode.symbols, .values])
    func noOverlaps(_ name: String, _ labels: DiagramLabelMode) throws {
        let network = try #require(SampleNetworks.all.first { $0.0 == name }?.1)
        for orientation in DiagramOrientation.allCases {
            for (width, height) in [(960.0, 540.0), (640.0, 360.0), (1600.0, 1200.0)] {
                var diagram = NetworkDiagram(network: network, title: Label.plain("\(name).yaml"), subtitle: NetworkDiagram.shapeDescription(network))
                diagram.labels = labels
                diagram.orientation = orientation
                diagram.showsBiases = true
                let drawn = try Drawn(diagram, width: width, height: height)
                let bounds = Rect(x: 0, y: 0, width: width, height: height)
                let context = "\(name) \(labels) \(orientation) \(Int(width))×\(Int(height))"
                #expect(drawn.circles.count >= network.shape.count, "\(context): circles recorded")
                for circle in drawn.circles {
                    let box = Rect(x: circle.center.x - circle.radius, y: circle.center.y - circle.radius,
                                   width: 2 * circle.radius, height: 2 * circle.radius)
                    #expect(bounds.contains(Point(x: box.minX, y: box.minY)) && bounds.contains(Point(x: box.maxX, y: box.maxY)), "\(context): neuron outside")
                }
                for text in drawn.texts {
                    #expect(text.box.minX >= 0 && text.box.minY >= 0 && text.box.maxX <= width && text.box.maxY <= height,
                            "\(context): '\(text.label)' at \(text.box) leaves the canvas")
                }
                for (a, first) in drawn.texts.enumerated() {
                    for second in drawn.texts[(a + 1)...] where first.box.intersects(second.box) {
                        Issue.record("\(context): '\(first.label)' overlaps '\(second.label)'")
                    }
                }
                // A label is a neuron's, inside its circle, or clear of every circle.
                for text in drawn.texts {
                    let corners = [Point(x: text.box.minX, y: text.box.minY), Point(x: text.box.maxX, y: text.box.minY),
                                   Point(x: text.box.minX, y: text.box.maxY), Point(x: text.box.maxX, y: text.box.maxY)]
                    for circle in drawn.circles where Placement.circle(circle.center, circle.radius, touches: text.box) {
                        let inside = corners.allSatisfy {
                            ($0.x - circle.center.x) * ($0.x - circle.center.x) + ($0.y - circle.center.y) * ($0.y - circle.center.y)
                                <= circle.radius * circle.radius
                        }
                        #expect(inside, "\(context): '\(text.label)' straddles a neuron")
                    }
                }
                // The colour bars stay inside the canvas and clear of the labels.
                #expect(!drawn.images.isEmpty, "\(context): a colour bar")
                for box in drawn.images {
                    #expect(box.minX >= 0 && box.maxX <= width && box.minY >= 0 && box.maxY <= height, "\(context): legend outside at \(box)")
                    for text in drawn.texts where text.box.intersects(box) {
                        Issue.record("\(context): '\(text.label)' overlaps a colour bar")
                    }
                }
            }
        }
    }

    @Test("nothing is drawn on the canvas's outer frame: labels, circles and legends stay inside",
          arguments: SampleNetworks.all.map(\.0), ["light", "dark"])
    func frameIsEmpty(_ name: String, _ themeName: String) throws {
        let network = try #require(SampleNetworks.all.first { $0.0 == name }?.1)
        let theme = try #require(Theme.named(themeName))
        for (labels, orientation) in [(DiagramLabelMode.symbols, DiagramOrientation.horizontal), (.values, .vertical)] {
            var diagram = NetworkDiagram(network: network, title: Label.plain("\(name).yaml"), subtitle: NetworkDiagram.shapeDescription(network))
            diagram.labels = labels
            diagram.orientation = orientation
            diagram.showsBiases = true
            let (image, _) = try render(diagram, theme: theme)
            var inked: [String] = []
            for x in 0..<image.width {
                for y in [0, 1, image.height - 2, image.height - 1] where image[x, y].distance(to: theme.background) > 0.02 { inked.append("(\(x), \(y))") }
            }
            for y in 0..<image.height {
                for x in [0, 1, image.width - 2, image.width - 1] where image[x, y].distance(to: theme.background) > 0.02 { inked.append("(\(x), \(y))") }
            }
            #expect(inked.isEmpty, "\(name) \(labels) \(orientation): inked pixels on the frame at \(inked.prefix(8))")
        }
    }

    @Test("a 784 → 32 → 10 network draws within the default canvas, elided with ⋮ and counts")
    func largeNetwork() throws {
        var diagram = NetworkDiagram(network: SampleNetworks.mnist, title: "mnist.yaml")
        diagram.labels = .symbols
        let (image, layout) = try render(diagram)
        #expect(image.width == 960 && image.height == 540)
        #expect(layout.neurons.count == 11 + 11 + 10)
        let counts = layout.texts.filter { $0.role == .ellipsis }.map(\.label.description)
        #expect(counts.contains("773 more"))
        #expect(counts.contains("21 more"))
        #expect(layout.edges.count == 11 * 11 + 10 * 11)
        // The last input neuron is a^{(0)}_{784}, drawn inside the canvas; eleven circles in
        // 540 units leave no room for labels at a legible size: left out, and said so.
        let last = try #require(layout.neurons.first { $0.layer == 0 && $0.index == 783 })
        #expect(last.center.y + last.radius <= 540 && last.center.x - last.radius >= 0)
        #expect(!layout.texts.contains { $0.label.description == "$a^{(0)}_{784}$" })
        #expect(layout.notes.contains { $0.contains("Neuron labels left out") })
        // Too many edges to label: said in a note, not printed as a heap.
        #expect(!layout.texts.contains { $0.role == .edge })
        #expect(layout.notes.contains { $0.contains("W1") && $0.contains("W2") })
        // The circle of the first input neuron is drawn: its outline differs from the background.
        let first = try #require(layout.neurons.first { $0.layer == 0 && $0.index == 0 })
        let rim = image[Int(first.center.x), Int(first.center.y - first.radius)]
        #expect(rim.distance(to: Theme.light.background) > 0.3)
    }

    @Test("the backward view's numbers are the engine's ∂C_k/∂w, ∂C_k/∂b and δ for that example", arguments: [1, 2])
    func gradientsEqualEngine(_ k: Int) throws {
        let network = SampleNetworks.hiddenLayer
        let data = Dataset(inputs: [[0.1, 0.5, 0.6, 0.2], [0.9, -0.3, 0.4, 0.0]], targets: [[0.9, 0.6], [0.1, -0.2]])
        let one = data.subset([k - 1])
        let gradients = network.backward(network.forward(one.inputs), targets: one.targets)
        var diagram = NetworkDiagram(network: network, title: "backward")
        diagram.labels = .values
        diagram.showsBiases = true
        diagram.coloring = .gradients(DiagramExample(number: k, count: 2, input: one.inputs.column(0), target: one.targets.column(0)))
        let canvas = try Canvas(width: 1600, height: 900, format: .png, scale: 1)
        let layout = diagram.layout(on: canvas, theme: .light)
        #expect(layout.edges.count == 12 + 6)
        for edge in layout.edges {
            #expect(edge.value == gradients.dW[edge.layer - 1][edge.row, edge.column])
            // ∂C_k/∂w^{(l)}_{ij} = δ^{(l)}_i a^{(l−1)}_j.
            let a = network.forward(one.inputs).a[edge.layer - 1][edge.column, 0]
            #expect(abs(edge.value - gradients.delta[edge.layer - 1][edge.row, 0] * a) <= 1e-15)
        }
        for bias in layout.biases {
            #expect(bias.value == gradients.db[bias.layer - 1][bias.index])
        }
        // The numbers written on edges and neurons are those values, not re-computed ones.
        let edgeValues = Set(layout.edges.map(\.value))
        let written = layout.texts.filter { $0.role == .edge }.compactMap(\.value)
        #expect(!written.isEmpty)
        #expect(written.allSatisfy { edgeValues.contains($0) })
        let deltas = Set(gradients.delta.flatMap(\.values))
        let neuronValues = layout.texts.filter { $0.role == .neuron }.compactMap(\.value)
        #expect(neuronValues.count == 9)
        #expect(neuronValues.filter { deltas.contains($0) }.count == 5)
        // The colour scale is symmetric around 0 over every value it paints: the largest
        // |∂C_k/∂w| and |∂C_k/∂b| (the bias badges share the edges' colours); the widths
        // stand for the edges alone.
        let largest = (gradients.dW.flatMap(\.values) + gradients.db.flatMap { $0 }).map(abs).max() ?? 0
        #expect(layout.edgeScale.domain == -largest...largest)
        #expect(gradients.db.flatMap { $0 }.map(abs).max() ?? 0 > gradients.dW.flatMap(\.values).map(abs).max() ?? 0,
                "this example's largest gradient is a bias's, so the test tells the two scales apart")
    }

    @Test("notes on labels left out are written in the figure only when asked (--notes); they are reported either way")
    func notesOnlyWhenAsked() throws {
        for shows in [false, true] {
            var diagram = NetworkDiagram(network: SampleNetworks.mnist, title: "784")
            diagram.labels = .values
            diagram.showsNotes = shows
            let canvas = try Canvas(width: 960, height: 540, format: .png, scale: 1)
            let notes = diagram.draw(on: canvas, theme: .light)
            #expect(notes.contains { $0.contains("W1") && $0.contains("W2") })
            let recorder = RecordingRenderer()
            recorder.render(canvas.scene)
            let written = recorder.texts.contains { $0.text.label.description.contains("No weight labels") }
            #expect(written == shows, "showsNotes \(shows)")
        }
    }

    @Test("--input fills each neuron with its activation's colour")
    func activationFill() throws {
        var diagram = NetworkDiagram(network: SampleNetworks.vectorLayer, title: "a")
        diagram.input = [0.3, 0.4, 0.1]
        diagram.labels = .values
        let (image, layout) = try render(diagram)
        let scale = try #require(layout.neuronScale)
        // tanh's whole range (the inputs lie inside it): a colour says where a value sits in
        // what the neuron can output, not among the few values shown.
        #expect(scale.domain == -1...1)
        let output = network(SampleNetworks.vectorLayer, [0.3, 0.4, 0.1])
        for neuron in layout.neurons where neuron.layer == 1 {
            let expected = scale.color(for: output[neuron.index])
            #expect(neuron.fill == expected)
            // Sample inside the circle but off the centred label.
            let pixel = image[Int(neuron.center.x), Int(neuron.center.y + neuron.radius * 0.75)]
            #expect(pixel.distance(to: expected) < 0.03)
        }
        #expect(layout.colorBars.count == 2)
        // The seed's outputs, to 3 digits, are written in the output neurons.
        let written = layout.texts.filter { $0.role == .neuron && $0.value != nil }.map(\.label.description)
        #expect(written.contains("0.762") && written.contains("−0.762"))
    }

    func network(_ network: Network, _ x: [Double]) -> [Double] { network(x) }

    @Test("symbols follow the seed's notation")
    func notation() throws {
        let canvas = try Canvas(width: 960, height: 540, format: .png, scale: 1)
        var not = NetworkDiagram(network: SampleNetworks.not, title: "not")
        not.showsBiases = true
        let notTexts = Set(not.layout(on: canvas, theme: .light).texts.map(\.label.description))
        #expect(notTexts.isSuperset(of: ["$a^{(0)}$", "$a^{(1)}$", "$w^{(1)}$", "$b^{(1)}$"]))
        let vector = NetworkDiagram(network: SampleNetworks.vectorLayer, title: "vector")
        let vectorTexts = Set(vector.layout(on: canvas, theme: .light).texts.map(\.label.description))
        #expect(vectorTexts.isSuperset(of: ["$a^{(0)}_{3}$", "$a^{(1)}_{2}$", "$w^{(1)}_{12}$", "$w^{(1)}_{23}$"]))
        #expect(DiagramNotation.weight(layer: 1, row: 12, column: 3, single: false) == "w^{(1)}_{12,3}")
    }

    @Test("layer slots elide the middle of large layers")
    func slots() {
        #expect(LayerSlots(count: 3, limit: 12).shownNeurons == [0, 1, 2])
        #expect(LayerSlots(count: 12, limit: 12).isElided == false)
        let big = LayerSlots(count: 784, limit: 12)
        #expect(big.slots.count == 12)
        #expect(big.shownNeurons == [0, 1, 2, 3, 4, 5, 779, 780, 781, 782, 783])
        #expect(big.slots[6] == .ellipsis(hidden: 773))
    }

    @Test("values are written with the chosen significant digits", arguments: [
        (0.76159416, 3, "0.762"), (-0.76159416, 2, "−0.76"), (6, 3, "6"), (-2.5, 3, "−2.5"), (0.000123456, 3, "0.000123"),
        (1234.6, 3, "1235"), (0, 3, "0"),
    ])
    func valueFormat(_ value: Double, _ digits: Int, _ expected: String) {
        #expect(ValueFormat(digits: digits).label(value).description == expected)
    }

    @Test("tiny and huge values switch to powers of ten")
    func scientific() {
        #expect(ValueFormat(digits: 2).label(0.0000123).description == "$1.2\\times 10^{-5}$")
        #expect(ValueFormat(digits: 3).label(123456).description == "$1.23\\times 10^{5}$")
    }
}

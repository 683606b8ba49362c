import Testing
@testable import NetworkEngine

struct ParameterNameTests {
    let heart = Network.random(shape: [1, 6, 7, 2], activations: [.sigmoid, .sigmoid, .sigmoid], seed: 1, scale: 0.5)
    let neuron = Network(layers: [Dense(W: Matrix([[1.3]]), b: [-0.1], activation: .tanh)])

    @Test("names parse in the seed's notation", arguments: [
        ("W2[1,3]", ParameterName.weight(layer: 2, row: 1, column: 3)),
        ("w2[1, 3]", .weight(layer: 2, row: 1, column: 3)),
        ("b2[1]", .bias(layer: 2, index: 1)),
        ("w1", .single(weight: true, layer: 1)),
        ("W1", .single(weight: true, layer: 1)),
        ("b1", .single(weight: false, layer: 1)),
    ])
    func parse(_ text: String, _ expected: ParameterName) throws {
        #expect(try ParameterName(parsing: text) == expected)
    }

    @Test("malformed names are rejected with the expected forms", arguments: ["", "x1", "W", "W0[1,1]", "W2[1]", "b2[1,1]", "W2[0,1]", "B1", "W2[1,3", "W2[a,b]"])
    func malformed(_ text: String) {
        #expect(throws: ParameterNameError.syntax(text)) { try ParameterName(parsing: text) }
    }

    @Test("names resolve against a network and print canonically")
    func resolve() throws {
        #expect(try ParameterName(parsing: "W2[1,3]").name(in: heart) == "W2[1,3]")
        #expect(try ParameterName(parsing: "w1").resolved(in: neuron) == .weight(layer: 1, row: 1, column: 1))
        #expect(ParameterName.weight(layer: 1, row: 1, column: 1).name(in: neuron) == "w1")
        #expect(ParameterName.bias(layer: 1, index: 1).name(in: neuron) == "b1")
        #expect(throws: ParameterNameError.self) { try ParameterName(parsing: "W5[1,1]").resolved(in: heart) }
        #expect(throws: ParameterNameError.self) { try ParameterName(parsing: "W2[8,1]").resolved(in: heart) }
        #expect(throws: ParameterNameError.self) { try ParameterName(parsing: "w2").resolved(in: heart) }
        #expect(ParameterName.weight(layer: 2, row: 1, column: 3).tex == "w^{(2)}_{13}")
    }

    @Test("reading and writing a named parameter reach W[row−1, column−1]")
    func access() throws {
        var network = heart
        let p = try ParameterName(parsing: "W2[1,3]")
        #expect(network[p] == heart.layers[1].W[0, 2])
        network[p] = 42
        #expect(network.layers[1].W[0, 2] == 42)
        network[.bias(layer: 3, index: 2)] = -1
        #expect(network.layers[2].b[1] == -1)
    }
}

/// The weighted sum every kernel computes, Σ_t u_t · x_t from zero in order of t, for a block
/// of sums side by side: `Dense.forward`'s z = Wa + b and `Dense.backward`'s Wᵀδ, in vectors.
///
/// Each of the `Q` sums (a chain) is a run of dependent steps; `Q` chains side by side keep the
/// floating-point units busy while each waits for its previous step. The factor u_t is one
/// vector shared by every chain, x_t one vector per chain, each read from memory by a
/// `LaneSource`; the `SumRounding` decides the bits. Both are types, not flags, so that each
/// kernel's call compiles to its own loop with nothing tested inside it.
///
/// ```swift
/// // Four examples' z, lanes over eight neurons: the rows of Wᵀ shared, each example's a_j
/// // broadcast, then the bias.
/// var z: InlineArray<4, SIMD8<Double>> = WeightedSums.sums(
///     Fused.self, terms: m, shared: wT, Consecutive.self, step: row,
///     chains: a, Broadcast.self, apart: m, step: 1)
/// WeightedSums.add(bias, to: &z)
/// ```
enum WeightedSums {
    /// One term into every chain: s_q ← s_q + u · x_q, with x_q read at `x` + q · `apart`.
    ///
    /// The chains never mix, so their order changes no bit. Last to first, LLVM keeps eight
    /// chains of eight lanes in place on AVX2's sixteen registers; first to last, it moved
    /// them from register to register at every step.
    @inline(__always)
    static func step<let Q: Int, R: SumRounding, X: LaneSource, V: SIMD, Element>(
        _ s: inout InlineArray<Q, V>, _: R.Type, shared u: V,
        chains x: UnsafePointer<Element>, _: X.Type, apart: Int
    ) where V.Scalar == Double {
        for q in (0..<Q).reversed() { s[q] = R.adding(s[q], u, times: X.load(x + q &* apart)) }
    }

    /// `Q` sums of `terms` terms each, from zero in order of t: u_t read at `shared` +
    /// t · `step`, chain q's x_t at `chains` + q · `apart` + t · `step`.
    @inline(__always)
    static func sums<let Q: Int, R: SumRounding, U: LaneSource, X: LaneSource, V: SIMD, SharedElement, ChainElement>(
        _ rounding: R.Type, terms: Int,
        shared u: UnsafePointer<SharedElement>, _: U.Type, step uStep: Int,
        chains x: UnsafePointer<ChainElement>, _ source: X.Type, apart: Int, step xStep: Int
    ) -> InlineArray<Q, V> where V.Scalar == Double {
        var s = InlineArray<Q, V>(repeating: V())
        var u = u, x = x
        for _ in 0..<terms {
            step(&s, rounding, shared: U.load(u), chains: x, source, apart: apart)
            u += uStep
            x += xStep
        }
        return s
    }

    /// The bias, added to every chain's finished sum.
    @inline(__always)
    static func add<let Q: Int, V: SIMD>(_ bias: V, to s: inout InlineArray<Q, V>) where V.Scalar == Double {
        for q in 0..<Q { s[q] += bias }
    }

    /// Chain q's sum stored at `out` + q · `apart`, whole vectors from a double's alignment.
    @inline(__always)
    static func store<let Q: Int, V: SIMD, Element>(_ s: InlineArray<Q, V>, at out: UnsafeMutablePointer<Element>, apart: Int)
    where V.Scalar == Double {
        for q in 0..<Q { UnsafeMutableRawPointer(out + q &* apart).storeBytes(of: s[q], as: V.self) }
    }
}

/// How a term joins a running sum, which decides the sum's bits.
protocol SumRounding {
    /// sum + u · x.
    static func adding<V: SIMD>(_ sum: V, _ u: V, times x: V) -> V where V.Scalar == Double
}

/// u · x + sum rounded once (a fused multiply-add), as `Dense.forward` sums z.
enum Fused: SumRounding {
    @inline(__always)
    static func adding<V: SIMD>(_ sum: V, _ u: V, times x: V) -> V where V.Scalar == Double {
        sum.addingProduct(u, x)
    }
}

/// The product rounded, then the sum, as `Dense.backward` sums Wᵀδ.
enum Rounded: SumRounding {
    @inline(__always)
    static func adding<V: SIMD>(_ sum: V, _ u: V, times x: V) -> V where V.Scalar == Double {
        sum + x * u
    }
}

/// Where a vector's lanes come from in memory.
protocol LaneSource {
    static func load<V: SIMD>(_ p: UnsafeRawPointer) -> V where V.Scalar == Double
}

/// Consecutive doubles, one per lane, from a double's alignment.
enum Consecutive: LaneSource {
    @inline(__always)
    static func load<V: SIMD>(_ p: UnsafeRawPointer) -> V where V.Scalar == Double {
        p.loadUnaligned(as: V.self)
    }
}

/// One double in every lane.
enum Broadcast: LaneSource {
    @inline(__always)
    static func load<V: SIMD>(_ p: UnsafeRawPointer) -> V where V.Scalar == Double {
        V(repeating: p.loadUnaligned(as: Double.self))
    }
}

/// The weighted sum z = Σ_t c_t x_t (+ b) that the vector kernels compute, each lane one sum,
/// with `Dense`'s arithmetic: from zero, term by term in order, by fused multiply-adds (as
/// `Dense.forward`'s z) or a rounded product then a rounded sum (as `Dense.backward`'s Wᵀδ),
/// and the bias added last.
///
/// A kernel hands over its terms through a closure, since what runs across the lanes (grid
/// points in `SweepLanes`) and where the terms come from differ from kernel to kernel.
/// `BatchKernel.exampleSums` spells out the same loop itself, as the closure slowed training.
///
/// ```swift
/// // z for four examples k…k+3, lanes over neurons: c_t is row t of Wᵀ, x_t broadcast.
/// let (z0, z1, z2, z3) = WeightedSum.four(terms: m, fused: true, plus: b) { t in
///     (wT[t], (V(repeating: a0[t]), V(repeating: a1[t]), V(repeating: a2[t]), V(repeating: a3[t])))
/// }
/// ```
enum WeightedSum {
    /// Four sums side by side, s_q = Σ_t c_t x_qt (+ bias) for q = 0…3: each sum is a chain of
    /// dependent steps, and four independent chains keep the floating-point units busy while
    /// each waits for its previous step.
    ///
    /// - Parameters:
    ///   - terms: how many terms each sum has.
    ///   - fused: fused multiply-adds, else a rounded product then a rounded sum.
    ///   - bias: added to every sum last, when given.
    ///   - term: the t-th coefficient and the four sums' t-th values; called once for each t,
    ///     in order, so it may step pointers of its own instead of indexing.
    @inline(__always)
    static func four<V: SIMD>(
        terms: Int, fused: Bool, plus bias: V?, _ term: (Int) -> (coefficient: V, values: (V, V, V, V))
    ) -> (V, V, V, V) where V.Scalar == Double {
        var s0 = V(), s1 = V(), s2 = V(), s3 = V()
        for t in 0..<terms {
            let (c, x) = term(t)
            s0 = step(s0, c, x.0, fused: fused)
            s1 = step(s1, c, x.1, fused: fused)
            s2 = step(s2, c, x.2, fused: fused)
            s3 = step(s3, c, x.3, fused: fused)
        }
        if let bias {
            s0 += bias; s1 += bias; s2 += bias; s3 += bias
        }
        return (s0, s1, s2, s3)
    }

    /// One sum, s = Σ_t c_t x_t (+ bias), the same way: for the examples left over after the
    /// groups of four.
    @inline(__always)
    static func one<V: SIMD>(
        terms: Int, fused: Bool, plus bias: V?, _ term: (Int) -> (coefficient: V, value: V)
    ) -> V where V.Scalar == Double {
        var s = V()
        for t in 0..<terms {
            let (c, x) = term(t)
            s = step(s, c, x, fused: fused)
        }
        if let bias { s += bias }
        return s
    }

    /// sum + c·x, fused or rounded twice.
    @inline(__always)
    static func step<V: SIMD>(_ sum: V, _ c: V, _ x: V, fused: Bool) -> V where V.Scalar == Double {
        fused ? sum.addingProduct(c, x) : sum + c * x
    }
}

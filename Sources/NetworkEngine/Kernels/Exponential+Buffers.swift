/// The sigmoid over a buffer, eight values at a time: what the kernels' sigmoid layers call.
extension Exponential {
    /// σ over a buffer, eight values at a time, each with the bits of `sigmoid(_: Double)`.
    @inlinable
    public static func sigmoid(_ z: UnsafeBufferPointer<Double>, into a: UnsafeMutableBufferPointer<Double>) {
        guard let zs = z.baseAddress, let out = a.baseAddress else { return }
        let n = z.count
        let limit = Lanes(repeating: fastLimit)
        let magnitude = SIMD8<UInt64>(repeating: ~(1 << 63))
        var outside = SIMDMask<Lanes.MaskStorage>(repeating: false)
        var i = 0
        // The fast path on every lane, with one check for the whole buffer after it (a branch
        // per vector would keep the lanes in memory, out of registers). Lanes
        // beyond the limit get meaningless values here (no trap: vector arithmetic does not
        // trap) and are recomputed below.
        while i + Lanes.scalarCount <= n {
            let x = -UnsafeRawPointer(zs + i).loadUnaligned(as: Lanes.self)
            UnsafeMutableRawPointer(out + i).storeBytes(of: 1 / (1 + reduced(x)), as: Lanes.self)
            // |x| by clearing the sign bits; NaN compares false, so it counts as outside.
            let absolute = unsafeBitCast(unsafeBitCast(x, to: SIMD8<UInt64>.self) & magnitude, to: Lanes.self)
            outside .|= .!(absolute .< limit)
            i += Lanes.scalarCount
        }
        while i < n {
            out[i] = sigmoid(zs[i])
            i += 1
        }
        // Beyond ±708 (rare): glibc.
        if any(outside) {
            for j in 0..<(n - n % Lanes.scalarCount) where !(abs(zs[j]) < fastLimit) { out[j] = sigmoid(zs[j]) }
        }
    }
}

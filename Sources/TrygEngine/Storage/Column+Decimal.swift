extension Column {
    /// Numbers read from a file as doubles, as an exact `decimal` column when every value is a
    /// short decimal (at most 15 significant digits, which a double holds exactly: `0,10` read as
    /// 0.1 is 1 tenth again), at the fewest decimals that hold them all; otherwise a `float`
    /// column of the doubles as they are. `scale` is the fewest decimals to keep (the most the
    /// file wrote), so `0,10` stays 0.10.
    public static func decimalsIfExact(_ doubles: [Double], nulls: Bitmap?, scale written: Int = 0) -> Column {
        var scale = min(max(0, written), 15)
        for (i, d) in doubles.enumerated() where nulls.map({ !$0[i] }) ?? true {
            if fits(d, scale) { continue }
            guard let shortest = DecimalValue.shortest(d), shortest.scale > scale else {
                return Column(type: .float, storage: .floats(doubles), nulls: nulls)
            }
            scale = shortest.scale
        }
        let p = Double(DecimalValue.powers[scale])
        var units = [Int64](repeating: 0, count: doubles.count)
        for (i, d) in doubles.enumerated() where nulls.map({ !$0[i] }) ?? true {
            guard let u = Int64(exactly: (d * p).rounded(.toNearestOrAwayFromZero)) else {
                return Column(type: .float, storage: .floats(doubles), nulls: nulls)
            }
            units[i] = u
        }
        return Column(type: .decimal, storage: .decimals(units, scale: scale), nulls: nulls)
    }

    /// Whether `d` is exactly a decimal of `scale` decimals below 10^15.
    @inline(__always)
    private static func fits(_ d: Double, _ scale: Int) -> Bool {
        let p = Double(DecimalValue.powers[scale])
        let scaled = (d * p).rounded(.toNearestOrAwayFromZero)
        return scaled.magnitude < 1e15 && scaled / p == d
    }
}

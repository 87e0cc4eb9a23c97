extension Column {
    /// Numbers read from a file as doubles, as an exact `decimal` column when every value is a
    /// decimal of at most 18 digits at one scale: at the fewest decimals that hold them all,
    /// with each value as written (`0,10` read as 0.1 is 1 tenth again; `1000000000000` beside
    /// `0.001` is 1000000000000.000). A double gives back the decimal written for up to 15
    /// significant digits; `exact` holds the values with more, as written, by row (ascending).
    /// Otherwise (a value with more decimals or digits than 18 allow at the column's scale, or
    /// written with an exponent past 15 digits) a `float` column of the doubles as they are.
    /// `scale` is the fewest decimals to keep (the most the file wrote), so `0,10` stays 0.10.
    public static func decimalsIfExact(_ doubles: [Double], nulls: Bitmap?, scale written: Int = 0,
                                       exact: [(row: Int, value: DecimalValue)] = []) -> Column {
        let float = Column(type: .float, storage: .floats(doubles), nulls: nulls)
        var scale = min(max(0, written), DecimalValue.maxScale)
        var next = 0
        /// The value written at row `i`, when `exact` has it.
        func exactValue(_ i: Int) -> DecimalValue? {
            while next < exact.count, exact[next].row < i { next += 1 }
            return next < exact.count && exact[next].row == i ? exact[next].value : nil
        }
        for (i, d) in doubles.enumerated() where nulls.map({ !$0[i] }) ?? true {
            if let e = exactValue(i) {
                scale = max(scale, e.scale)
            } else if !fits(d, scale) {
                guard let shortest = DecimalValue.shortest(d) else { return float }
                scale = max(scale, shortest.scale)
            }
        }
        let p = Double(DecimalValue.powers[scale])
        var units = [Int64](repeating: 0, count: doubles.count)
        next = 0
        for (i, d) in doubles.enumerated() where nulls.map({ !$0[i] }) ?? true {
            let value: DecimalValue
            if let e = exactValue(i) {
                value = e
            } else {
                let scaled = (d * p).rounded(.toNearestOrAwayFromZero)
                if scaled.magnitude < 1e15, scaled / p == d {
                    units[i] = Int64(scaled)
                    continue
                }
                guard let shortest = DecimalValue.shortest(d) else { return float }
                value = shortest
            }
            guard let u = DecimalValue.rescale(value.units, from: value.scale, to: scale) else { return float }
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

/// Assigns each selected row a dense group number from one or more key columns.
///
/// Each key column is first turned into small per-row codes (text already has them; integers
/// with a narrow range are offset; anything else goes through a hash map). When the codes'
/// combined domain is small, groups are found by direct indexing, otherwise by hashing.
struct GroupKeys {
    /// Group number per selected row.
    var groupOfRow: [Int32] = []
    /// One representative row index per group (first appearance).
    var firstRow: [Int32] = []
    var groupCount: Int { firstRow.count }

    init(keys: [Column], rows: [Int32]?, count: Int, cancellation: CancellationFlag) throws(Diagnostic) {
        let n = rows?.count ?? count
        if keys.isEmpty {
            groupOfRow = [Int32](repeating: 0, count: n)
            firstRow = [rows?.first ?? 0]
            return
        }
        var codes: [[UInt32]] = []
        var cards: [Int] = []
        for k in keys {
            let (c, card) = try GroupKeys.codes(k, rows: rows, count: n, cancellation: cancellation)
            codes.append(c)
            cards.append(card)
        }
        // Codes are dense, so one key is always direct; several are while their product stays
        // within a table as large as the input (or 4M slots).
        var domain = 1
        var direct = true
        var fitsInWord = true
        for c in cards {
            let (m, o) = domain.multipliedReportingOverflow(by: c)
            if o { fitsInWord = false; direct = false; break }
            if m > max(1 << 22, n + 1) { direct = false }
            domain = m
        }
        groupOfRow = [Int32](repeating: 0, count: n)
        if direct {
            var slot = [Int32](repeating: -1, count: domain)
            for i in 0..<n {
                if i & 0xFFFF == 0 { try cancellation.check() }
                var key = 0
                for (j, c) in codes.enumerated() { key = key &* cards[j] &+ Int(c[i]) }
                var g = slot[key]
                if g < 0 {
                    g = Int32(firstRow.count)
                    slot[key] = g
                    firstRow.append(rows?[i] ?? Int32(i))
                }
                groupOfRow[i] = g
            }
        } else if fitsInWord {
            // One integer per key combination: no array per group to allocate and free.
            var map: [Int: Int32] = [:]
            for i in 0..<n {
                if i & 0xFFFF == 0 { try cancellation.check() }
                var key = 0
                for (j, c) in codes.enumerated() { key = key &* cards[j] &+ Int(c[i]) }
                if let g = map[key] {
                    groupOfRow[i] = g
                } else {
                    let g = Int32(firstRow.count)
                    map[key] = g
                    firstRow.append(rows?[i] ?? Int32(i))
                    groupOfRow[i] = g
                }
            }
        } else {
            var map: [[UInt32]: Int32] = [:]
            var key = [UInt32](repeating: 0, count: codes.count)
            for i in 0..<n {
                if i & 0xFFFF == 0 { try cancellation.check() }
                for j in 0..<codes.count { key[j] = codes[j][i] }
                if let g = map[key] {
                    groupOfRow[i] = g
                } else {
                    let g = Int32(firstRow.count)
                    map[key] = g
                    firstRow.append(rows?[i] ?? Int32(i))
                    groupOfRow[i] = g
                }
            }
        }
    }

    /// Dense codes for one key column over the selected rows, and how many codes there can be.
    static func codes(_ col: Column, rows: [Int32]?, count n: Int,
                      cancellation: CancellationFlag) throws(Diagnostic) -> ([UInt32], Int) {
        var out = [UInt32](repeating: 0, count: n)
        @inline(__always) func row(_ i: Int) -> Int { rows.map { Int($0[i]) } ?? i }
        switch col.storage {
        case .text, .strings:
            let (c, dict) = col.knownTextCodes
            let nullCode = UInt32(dict.values.count)
            for i in 0..<n { let r = row(i); out[i] = col.isNull(r) ? nullCode : UInt32(c[r]) }
            return (out, dict.values.count + 1)
        case .bytes(let v, _):
            // The bytes are codes already; 256 is null's.
            for i in 0..<n { let r = row(i); out[i] = col.isNull(r) ? 256 : UInt32(v[r]) }
            return (out, 257)
        case .ints(let v):
            var lo = Int64.max, hi = Int64.min
            for i in 0..<n { let x = v[row(i)]; lo = min(lo, x); hi = max(hi, x) }
            if n > 0, hi.subtractingReportingOverflow(lo).overflow == false, hi - lo < 1 << 20 {
                let nullCode = UInt32(hi - lo + 1)
                for i in 0..<n { let r = row(i); out[i] = col.isNull(r) ? nullCode : UInt32(v[r] - lo) }
                return (out, Int(hi - lo) + 2)
            }
            var map: [Int64: UInt32] = [:]
            for i in 0..<n {
                if i & 0xFFFF == 0 { try cancellation.check() }
                let r = row(i)
                if col.isNull(r) { out[i] = UInt32.max; continue }
                let x = v[r]
                if let c = map[x] { out[i] = c } else { let c = UInt32(map.count); map[x] = c; out[i] = c }
            }
            return (nullsLast(out, distinct: map.count), map.count + 1)
        case .decimals(let v, _):
            // One scale for the column: the units group like ints.
            return try codes(Column(type: .int, storage: .ints(v), nulls: col.nulls), rows: rows, count: n,
                             cancellation: cancellation)
        case .floats(let v):
            var map: [UInt64: UInt32] = [:]
            for i in 0..<n {
                if i & 0xFFFF == 0 { try cancellation.check() }
                let r = row(i)
                if col.isNull(r) { out[i] = UInt32.max; continue }
                let x = v[r] == 0 ? 0 : v[r].bitPattern   // -0.0 groups with 0.0
                if let c = map[x] { out[i] = c } else { let c = UInt32(map.count); map[x] = c; out[i] = c }
            }
            return (nullsLast(out, distinct: map.count), map.count + 1)
        }
    }

    /// Gives nulls (marked `UInt32.max` while hashing) the code after the last value.
    static func nullsLast(_ codes: [UInt32], distinct: Int) -> [UInt32] {
        let nullCode = UInt32(distinct)
        return codes.map { $0 == UInt32.max ? nullCode : $0 }
    }
}

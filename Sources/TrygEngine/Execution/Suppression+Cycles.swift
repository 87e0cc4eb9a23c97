/// Complementary suppression beyond "two in every line": the suppressed cells of a table of
/// counts, seen as edges between their row and their column, give a value away exactly when
/// their edge is a bridge (on no cycle). Rows and columns with two suppressed cells each can
/// still hold one: two blocks of suppressed cells joined by a single cell, whose value is one
/// block's row totals less its column totals. A cycle through every suppressed cell lets each
/// move up and down with the others, so none follows from the totals (the "hypercube" idea
/// of tau-Argus and sdcTable, for two dimensions).
extension Suppression {
    /// A further cell to suppress so that some bridge lies on a cycle: a visible count between
    /// the two sides the bridge joins (the smallest, a non-zero one before a zero); nil when no
    /// suppressed cell is a bridge, or none can be mended.
    static func bridgeComplement(_ cells: Set<Cell>, rows: Int, counts: [Int], _ value: (Int, Int) -> Int64?) -> Cell? {
        guard counts.count > 1, rows > 1 else { return nil }
        let columnNode = Dictionary(uniqueKeysWithValues: counts.enumerated().map { ($1, rows + $0) })
        let edges = cells.filter { columnNode[$0.column] != nil }.sorted { ($0.row, $0.column) < ($1.row, $1.column) }
        var adjacent = [[(node: Int, edge: Int)]](repeating: [], count: rows + counts.count)
        for (i, e) in edges.enumerated() {
            guard let c = columnNode[e.column] else { continue }
            adjacent[e.row].append((c, i))
            adjacent[c].append((e.row, i))
        }
        for bridge in bridges(adjacent) {
            let e = edges[bridge]
            guard let c = columnNode[e.column] else { continue }
            let sideOfRow = component(from: e.row, without: bridge, adjacent)
            let sideOfColumn = component(from: c, without: bridge, adjacent)
            var candidates: [Cell] = []
            for (a, b) in [(sideOfRow, sideOfColumn), (sideOfColumn, sideOfRow)] {
                for r in a where r < rows {
                    for node in b where node >= rows {
                        let cell = Cell(row: r, column: counts[node - rows])
                        if !cells.contains(cell), value(cell.row, cell.column) != nil { candidates.append(cell) }
                    }
                }
            }
            if let best = candidates.min(by: { smaller($0, $1, value) }) { return best }
        }
        return nil
    }

    /// Whether a cell is the better complement: the smaller count, a non-zero one before a zero.
    static func smaller(_ a: Cell, _ b: Cell, _ value: (Int, Int) -> Int64?) -> Bool {
        let x = value(a.row, a.column) ?? 0, y = value(b.row, b.column) ?? 0
        return (x == 0 ? Int64.max : x, a.row, a.column) < (y == 0 ? Int64.max : y, b.row, b.column)
    }

    /// The edges on no cycle (Tarjan's bridges, iterative so a long table cannot overflow the stack).
    static func bridges(_ adjacent: [[(node: Int, edge: Int)]]) -> [Int] {
        var found: [Int] = []
        var discovered = [Int](repeating: -1, count: adjacent.count)
        var low = [Int](repeating: 0, count: adjacent.count)
        var time = 0
        for start in adjacent.indices where discovered[start] == -1 && !adjacent[start].isEmpty {
            var stack: [(node: Int, parentEdge: Int, next: Int)] = [(start, -1, 0)]
            discovered[start] = time
            low[start] = time
            time += 1
            while let top = stack.last {
                if top.next < adjacent[top.node].count {
                    let (to, id) = adjacent[top.node][top.next]
                    stack[stack.count - 1].next += 1
                    if id == top.parentEdge { continue }
                    if discovered[to] == -1 {
                        discovered[to] = time
                        low[to] = time
                        time += 1
                        stack.append((to, id, 0))
                    } else {
                        low[top.node] = min(low[top.node], discovered[to])
                    }
                } else {
                    stack.removeLast()
                    if let parent = stack.last {
                        low[parent.node] = min(low[parent.node], low[top.node])
                        if low[top.node] > discovered[parent.node] { found.append(top.parentEdge) }
                    }
                }
            }
        }
        return found.sorted()
    }

    /// The nodes reachable from `start` without crossing edge `without`.
    static func component(from start: Int, without: Int, _ adjacent: [[(node: Int, edge: Int)]]) -> [Int] {
        var seen: Set<Int> = [start]
        var queue = [start]
        while let n = queue.popLast() {
            for (to, id) in adjacent[n] where id != without && !seen.contains(to) {
                seen.insert(to)
                queue.append(to)
            }
        }
        return seen.sorted()
    }
}

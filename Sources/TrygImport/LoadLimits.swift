import TrygEngine
/// Limits that turn pathological files into clear errors or rejected rows instead of
/// exhausted memory or a hang.
enum LoadLimits {
    /// Columns in a table: Excel's own limit.
    static let columns = 16_384
    /// Bytes in one field or cell; a longer one rejects its row (a real value is far shorter;
    /// such a field is nearly always a quote left open).
    static let fieldBytes = 1 << 20
    /// Bytes of a rejected row kept in the rejects table.
    static let rawBytes = 4096
    /// Bytes in a column name.
    static let nameBytes = 1024
}


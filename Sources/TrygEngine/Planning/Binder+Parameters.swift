import Foundation
import TrygDomain

/// `$NAME` parameters: text given on the command line, read as the type its place needs
/// (`reported_at >= $d` a date, `library = $n` the text "4"); a value, never code or a name.
extension Binder {
    /// The two sides of operator `op`; a parameter on one side takes the other side's type, or
    /// for `+` and `-` beside a date or timestamp a number of days (`reported_at - $days`).
    mutating func bindOperands(_ op: String, _ a: Expr, _ b: Expr, _ scope: Scope) throws(Diagnostic) -> (BoundExpr, BoundExpr) {
        func partner(_ type: DataType) -> DataType {
            (op == "+" || op == "-") && (type == .date || type == .timestamp) ? .int : type
        }
        if Binder.isParameter(a), !Binder.isParameter(b) {
            let y = try bindExpr(b, scope)
            return (try bindOperand(a, like: partner(y.type), scope), y)
        }
        let x = try bindExpr(a, scope)
        return (x, try bindOperand(b, like: partner(x.type), scope))
    }

    /// `e` bound; a parameter is read as `type` when its text allows, else as it looks.
    mutating func bindOperand(_ e: Expr, like type: DataType, _ scope: Scope) throws(Diagnostic) -> BoundExpr {
        guard case .literal(.parameter(let name, let text)) = e.kind else { return try bindExpr(e, scope) }
        return try Binder.parameter(name, text, as: type, e.span)
    }

    static func isParameter(_ e: Expr) -> Bool {
        if case .literal(.parameter) = e.kind { return true }
        return false
    }

    /// A parameter's text as a literal of `type`; an error when the text cannot be one.
    static func parameter(_ name: String, _ text: String, as type: DataType, _ span: Span) throws(Diagnostic) -> BoundExpr {
        let t = text.trimmingCharacters(in: .whitespaces)
        switch type {
        case .text, .halfYear, .category:
            // Half-years and categories convert from text through the domain, as literals do.
            return .literal(.text(text.precomposedForTrygNFC), .text)
        case .int, .decimal, .float:
            if let i = Int64(t) { return .literal(.int(i), .int) }
            if let d = DecimalValue.parse(t) { return .literal(.decimal(d), .decimal) }
            if let d = Double(t), d.isFinite, d != 0 || !t.contains(where: { ("1"..."9").contains($0) }),
               t.allSatisfy(\.isASCII) { return .literal(.float(d), .float) }
        case .bool:
            if t.lowercased() == "true" { return .literal(.bool(true), .bool) }
            if t.lowercased() == "false" { return .literal(.bool(false), .bool) }
        case .date, .timestamp:
            if let tokens = try? Lexer.tokenize(SourceText(t)), let first = tokens.first {
                if case .date(let d) = first.kind, tokens.count <= 2 { return .literal(.date(d), .date) }
                if case .timestamp(let s) = first.kind, tokens.count <= 2 { return .literal(.timestamp(s), .timestamp) }
            }
        case .null:
            return inferredParameter(text)
        }
        throw Diagnostic(.error, "parameter $\(name) is \"\(text)\", which is not \(type.isNumeric ? "a number" : "a \(type)")",
                         code: .typeMismatch, span: span, label: fitHint(for: type, field: nil).replacingOccurrences(of: "it is", with: "here it must be"),
                         notes: ["help: give it as --param \(name)=VALUE"])
    }

    /// A parameter where nothing says its type: a whole number, a decimal, else text.
    static func inferredParameter(_ text: String) -> BoundExpr {
        let t = text.trimmingCharacters(in: .whitespaces)
        if let i = Int64(t) { return .literal(.int(i), .int) }
        if t.contains("."), let d = DecimalValue.parse(t) { return .literal(.decimal(d), .decimal) }
        if let d = Double(t), d.isFinite, t.allSatisfy(\.isASCII), t.contains(where: { ".eE".contains($0) }),
           d != 0 || !t.prefix(while: { $0 != "e" && $0 != "E" }).contains(where: { ("1"..."9").contains($0) }) {
            return .literal(.float(d), .float)
        }
        return .literal(.text(text.precomposedForTrygNFC), .text)
    }

    /// A warning for a whole number where SQL would read a column's place (`order by 1`): in
    /// tryg it is the number, the same for every row, so it sorts or groups nothing.
    mutating func placeNumberWarning(_ e: Expr, _ stage: String, _ scope: Scope) {
        guard case .literal(.int(let n)) = e.kind else { return }
        let named = n >= 1 && n <= Int64(scope.fields.count) ? scope.fields[Int(n) - 1].name : nil
        warnings.append(Diagnostic(.warning, "\(stage) \(n) is the number \(n) for every row, not a column's place",
                                   span: e.span, label: "\(stage == "order by" ? "sorts" : "groups") nothing",
                                   notes: ["help: name the column\(named.map { ", e.g. \(stage) \($0)" } ?? "")"]))
    }

    /// `order by $x`, `group by $x`, `top 3 by $x`: a parameter is a value, so sorting or
    /// grouping by it would be by one constant; say so rather than do it.
    static func rejectParameter(_ e: Expr, as stage: String) throws(Diagnostic) {
        guard case .literal(.parameter(let name, let text)) = e.kind else { return }
        throw Diagnostic(.error, "$\(name) is a value (\"\(text)\"), not a column", code: .misplacedParameter, span: e.span,
                         label: "\(stage) needs a column or an expression of columns here",
                         notes: ["help: parameters stand for values only, never for names; write the column itself"])
    }
}

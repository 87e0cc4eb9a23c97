/// The staff safety survey: one round a winter, one row per answer.
///
/// Each round fixes how many respondents feel safe (`tryg` or `meget tryg`), so the shares the
/// report gives come out exactly after rounding to a whole percent (F7, F9). The other
/// answers, the split between `tryg` and `meget tryg`, and the competence answers are drawn.
enum SurveyPlan {
    /// One survey at one library, done early in `year` (in the winter half-year then running).
    struct Round {
        let year: Int
        let library: String
        let respondents: Int
        /// How many answer `tryg` or `meget tryg`.
        let safe: Int
    }

    static let rounds: [Round] = [
        Round(year: 2023, library: "Vesterbro", respondents: 36, safe: 24),        // 66.7 → 67 % (F7)
        Round(year: 2024, library: "Vesterbro", respondents: 33, safe: 26),        // 79 %
        Round(year: 2025, library: "Vesterbro", respondents: 34, safe: 31),        // 91.2 → 91 % (F7)
        Round(year: 2025, library: "Blågården", respondents: 32, safe: 25),        // 78.1 → 78 % (F9)
        Round(year: 2025, library: "Nørrebro", respondents: 30, safe: 25),         // 83.3 → 83 % (F9)
        Round(year: 2025, library: "Hovedbiblioteket", respondents: 38, safe: 33), // 87 %
        Round(year: 2025, library: "Sydhavn", respondents: 22, safe: 19),          // 86 %
        Round(year: 2026, library: "Vesterbro", respondents: 35, safe: 32),        // 91 %
        Round(year: 2026, library: "Blågården", respondents: 31, safe: 26),        // 84 %
        Round(year: 2026, library: "Nørrebro", respondents: 29, safe: 25),         // 86 %
    ]

    static let header = ["year", "season", "library", "respondent", "safety", "competence"]

    /// Weights over `SurveyScale.safety`: a safe answer or an unsafe one.
    static let safeAnswers: [Double] = [0, 0, 0, 65, 35]
    static let unsafeAnswers: [Double] = [12, 33, 55, 0, 0]
    /// Weights over `SurveyScale.competence`, for safe and unsafe respondents.
    static let competentIfSafe: [Double] = [2, 5, 15, 45, 33]
    static let competentIfUnsafe: [Double] = [8, 20, 30, 30, 12]

    static func write(into out: inout CSVOutput, random: inout SampleRandom) throws {
        try out.row(header)
        let season = CSVField.encode(Season.vinter.rawValue)
        let safety = SurveyScale.safety.values.map(CSVField.encode)
        let competence = SurveyScale.competence.values.map(CSVField.encode)
        for round in rounds {
            var feelsSafe = Array(repeating: true, count: round.safe)
                + Array(repeating: false, count: round.respondents - round.safe)
            random.shuffle(&feelsSafe)
            let library = CSVField.encode(round.library)
            for (i, safe) in feelsSafe.enumerated() {
                out.int(round.year)
                out.comma()
                out.append(season)
                out.comma()
                out.append(library)
                out.comma()
                out.int(i + 1)
                out.comma()
                out.append(safety[random.pick(safe ? safeAnswers : unsafeAnswers)])
                out.comma()
                out.append(competence[random.pick(safe ? competentIfSafe : competentIfUnsafe)])
                try out.endRow()
            }
        }
    }
}

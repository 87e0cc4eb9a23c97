/// Free-text descriptions as staff type them into the reporting system: one to three sentences
/// of who, what, where and when, what was done, and sometimes a remark, with numbers, times of
/// day and places, in varying order and punctuation. Nearly every one is different.
///
/// They name no person (people are "en bruger", "3 unge", "en mand i 40'erne") and hold no run
/// of more than five digits, so nothing in them can be a name or a CPR number. The phrases are
/// in `NarrativePhrases`; this type only draws and joins them, as bytes (ten million rows
/// cost no `String` each).
struct IncidentNarrative {
    var random: SampleRandom
    /// The minute of the day the incident happened, for the times a phrase asks for.
    private var minute = 0

    init(random: SampleRandom) {
        self.random = random
    }

    /// What the description may say, from the incident's other fields.
    struct Facts {
        var category: Int
        var minuteOfDay: Int
        var policeCalled: Bool
        var selfService: Bool
    }

    /// Appends one description, encoded as a CSV field (quoted when it holds a comma or quote).
    mutating func append(_ facts: Facts, to out: inout CSVOutput) {
        var text: [UInt8] = []
        text.reserveCapacity(256)
        compose(facts, into: &text)
        out.append(CSVField.encodeBytes(text))
    }

    /// The description's UTF-8 bytes (NFC: every phrase is stored in NFC).
    mutating func compose(_ facts: Facts, into text: inout [UInt8]) {
        let p = NarrativePhrases.shared
        let acts = p.acts[min(facts.category, p.acts.count - 1)]
        let act = acts[random.below(acts.count)]
        // The incident happened a little before it was reported, not before opening at 8.
        minute = max(8 * 60, facts.minuteOfDay - random.below(46))

        // The first sentence: who did what, where and when, in one of four orders.
        let who = pick(p.who)
        let place = pick(p.places)
        let when = pick(p.when)
        var sentence: [UInt8] = []
        switch random.below(4) {
        case 0:  // "Kl. 14.35 larmede 5 unge i børneafdelingen"
            put(when, &sentence); space(&sentence); put(act.verb, &sentence)
            space(&sentence); put(who, &sentence); rest(act, &sentence)
            space(&sentence); put(place, &sentence)
        case 1:  // "5 unge larmede i børneafdelingen kl. 14.35"
            put(who, &sentence); space(&sentence); put(act.verb, &sentence)
            rest(act, &sentence); space(&sentence); put(place, &sentence)
            space(&sentence); put(when, &sentence)
        case 2:  // "I børneafdelingen larmede 5 unge kl. 14.35"
            put(place, &sentence); space(&sentence); put(act.verb, &sentence)
            space(&sentence); put(who, &sentence); rest(act, &sentence)
            space(&sentence); put(when, &sentence)
        default:  // "Kl. 14.35: 5 unge larmede i børneafdelingen"
            put(when, &sentence); sentence.append(UInt8(ascii: ":")); space(&sentence)
            put(who, &sentence); space(&sentence); put(act.verb, &sentence)
            rest(act, &sentence); space(&sentence); put(place, &sentence)
        }
        appendSentence(sentence, to: &text)

        // What was done: the police only when they were called.
        let done = facts.policeCalled ? p.police : p.responses[min(facts.category, p.responses.count - 1)]
        sentence.removeAll(keepingCapacity: true)
        put(done[random.below(done.count)], &sentence)
        if random.below(3) == 0 {
            sentence.append(contentsOf: p.comma)
            put(pick(p.aftermath), &sentence)
        }
        appendSentence(sentence, to: &text)

        // Sometimes a remark; in self-service hours perhaps that no staff were there.
        if random.below(20) < 11 {
            sentence.removeAll(keepingCapacity: true)
            let remarks = facts.selfService && random.below(3) == 0 ? p.selfServiceRemarks : p.remarks
            put(remarks[random.below(remarks.count)], &sentence)
            appendSentence(sentence, to: &text)
        }
        // As typed: now and then without the last full stop.
        if random.below(6) == 0, text.last == UInt8(ascii: ".") { text.removeLast() }
    }

    private mutating func pick(_ phrases: [[UInt8]]) -> [UInt8] {
        phrases[random.below(phrases.count)]
    }

    private func space(_ bytes: inout [UInt8]) { bytes.append(UInt8(ascii: " ")) }

    private mutating func rest(_ act: NarrativePhrases.Act, _ bytes: inout [UInt8]) {
        guard !act.rest.isEmpty else { return }
        space(&bytes)
        put(act.rest, &bytes)
    }

    /// A phrase with its placeholders (`{n}`, `{kl}` …) filled in.
    private mutating func put(_ phrase: [UInt8], _ bytes: inout [UInt8]) {
        var i = 0
        while i < phrase.count {
            if phrase[i] == UInt8(ascii: "{"), let close = phrase[i...].firstIndex(of: UInt8(ascii: "}")) {
                fill(phrase[(i + 1)..<close], into: &bytes)
                i = close + 1
            } else {
                bytes.append(phrase[i])
                i += 1
            }
        }
    }

    /// A sentence with a capital first letter and a full stop, after a space.
    private func appendSentence(_ sentence: [UInt8], to text: inout [UInt8]) {
        guard !sentence.isEmpty else { return }
        if !text.isEmpty { text.append(UInt8(ascii: " ")) }
        let start = text.count
        text.append(contentsOf: sentence)
        NarrativePhrases.capitalize(&text, at: start)
        if text.last != UInt8(ascii: ".") { text.append(UInt8(ascii: ".")) }
    }

    /// The numbers a phrase can ask for, drawn when asked (times from the incident's minute).
    private mutating func fill(_ key: ArraySlice<UInt8>, into bytes: inout [UInt8]) {
        switch String(decoding: key, as: UTF8.self) {
        case "kl": clock(minute, into: &bytes)
        case "kl+": clock(min(23 * 60 + 59, minute + 2 + random.below(15)), into: &bytes)
        case "time": number(minute / 60, into: &bytes)
        case "n": number(2 + random.below(8), into: &bytes)
        case "mange": number(10 + random.below(60), into: &bytes)
        case "min": number(5 * (1 + random.below(9)), into: &bytes)
        case "alder": number(12 + random.below(7), into: &bytes)
        case "årti": number(20 + 10 * random.below(6), into: &bytes)
        case "gang": number(2 + random.below(4), into: &bytes)
        case "uger": number(1 + random.below(8), into: &bytes)
        case "ansatte": number(1 + random.below(4), into: &bytes)
        case "sal": number(1 + random.below(3), into: &bytes)
        case "kr":
            // 300 … 24.900 kr., with a thousands point as written in Danish.
            let kroner = 100 * (3 + random.below(247))
            if kroner >= 1000 {
                number(kroner / 1000, into: &bytes)
                bytes.append(UInt8(ascii: "."))
                let rest = kroner % 1000
                bytes.append(UInt8(ascii: "0") + UInt8(rest / 100))
                bytes.append(contentsOf: [UInt8(ascii: "0"), UInt8(ascii: "0")])
            } else {
                number(kroner, into: &bytes)
            }
        default: bytes.append(contentsOf: key)
        }
    }

    /// `14.05`: the Danish way of writing a time of day.
    private func clock(_ minute: Int, into bytes: inout [UInt8]) {
        let hour = minute / 60, m = minute % 60
        number(hour, into: &bytes)
        bytes.append(UInt8(ascii: "."))
        bytes.append(UInt8(ascii: "0") + UInt8(m / 10))
        bytes.append(UInt8(ascii: "0") + UInt8(m % 10))
    }

    private func number(_ value: Int, into bytes: inout [UInt8]) {
        if value >= 10 { number(value / 10, into: &bytes) }
        bytes.append(UInt8(ascii: "0") + UInt8(value % 10))
    }
}

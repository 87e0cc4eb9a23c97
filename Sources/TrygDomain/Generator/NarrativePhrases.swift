import Foundation

/// The phrases `IncidentNarrative` joins into descriptions, as NFC bytes.
///
/// Placeholders in braces are filled per description: `{kl}` the time of the incident (`14.35`),
/// `{kl+}` a few minutes later, `{time}` its hour, `{n}` 2–9 people, `{mange}` 10–69,
/// `{min}` 5–45 minutes, `{alder}` 12–18 years, `{årti}` 20–70 (a decade of age), `{gang}`
/// 2–5, `{uger}` 1–8 weeks, `{ansatte}` 1–4 staff, `{sal}` a floor, `{kr}` an amount in kroner.
/// Everything is written in lower case; a sentence's first letter is raised when joined.
struct NarrativePhrases: Sendable {
    /// A verb and what follows it, kept apart so the verb can come second in the sentence
    /// ("Kl. 14.35 *larmede* 5 unge …") as Danish word order asks after a leading adverbial.
    struct Act: Sendable {
        let verb: [UInt8]
        let rest: [UInt8]
    }

    let who: [[UInt8]]
    let places: [[UInt8]]
    let when: [[UInt8]]
    /// `acts[c]`: what happened, for category `c` of `IncidentCategory.all`.
    let acts: [[Act]]
    /// `responses[c]`: what staff did, for category `c`, when the police were not called.
    let responses: [[[UInt8]]]
    let police: [[UInt8]]
    let aftermath: [[UInt8]]
    let remarks: [[UInt8]]
    let selfServiceRemarks: [[UInt8]]
    let comma = Array(", ".utf8)

    static let shared = NarrativePhrases()

    private init() {
        who = Self.bytes([
            "en bruger", "en ældre mand", "en yngre mand", "en kvinde", "en kvinde i {årti}'erne",
            "en mand i {årti}'erne", "{n} unge", "en gruppe på ca. {n} unge", "{n} drenge på ca. {alder} år",
            "to piger", "en fast bruger", "en ukendt mand", "en forælder", "en mand med hund",
            "en tydeligt beruset bruger", "et par i {årti}'erne", "en dreng på ca. {alder} år",
            "nogle unge fra området", "en gæst", "en bruger vi kender i forvejen", "tre unge mænd",
            "en kvinde med barnevogn", "en pige på ca. {alder}", "en mand, vi ikke har set før,",
        ])
        places = Self.bytes([
            "ved indgangen", "i børneafdelingen", "i studiezonen", "på toilettet", "ved computerne",
            "i caféområdet", "ved selvbetjeningsautomaten", "i foyeren", "på trappen", "ved avisbordet",
            "i læsesalen", "ved informationen", "i mødelokale {sal}", "på {sal}. sal", "ved tegneserierne",
            "i makerspace", "ved cykelstativerne udenfor", "i gaming-hjørnet", "ved kopimaskinen",
            "i stillezonen", "ved garderoben", "på pladsen foran biblioteket", "i elevatoren",
            "ved udlånsautomaterne", "i salen", "ved personaleindgangen", "på børnetoilettet",
        ])
        when = Self.bytes([
            "kl. {kl}", "kl. {kl}", "kl. {kl}", "omkring kl. {time}", "ved {time}-tiden", "lidt over {time}",
            "i dag kl. {kl}", "ca. kl. {kl}",
        ])
        acts = IncidentCategory.all.map(Self.acts)
        responses = IncidentCategory.all.map { Self.bytes(Self.responses($0)) }
        police = Self.bytes([
            "politiet blev ringet op kl. {kl+} og kom ca. {min} min. senere",
            "ringede 112, politiet kom efter {min} min.",
            "politiet tilkaldt, de involverede var gået, da de kom",
            "politiet kom og tog en snak med de involverede",
            "vi ringede til politiet, der sendte en patrulje",
            "anmeldt til politiet, patruljen kom kl. {kl+}",
        ])
        aftermath = Self.bytes([
            "ingen kom til skade", "leder er orienteret", "der var ro igen efter ca. {min} min.",
            "de gik selv kl. {kl+}", "karantæne i {uger} uger", "området lukket af i {min} min.",
            "vi skrev det i logbogen", "kollega kom til og hjalp",
        ])
        remarks = Self.bytes([
            "det er {gang}. gang i denne uge", "samme gruppe som i går", "der var ca. {mange} brugere i huset",
            "kollegerne var utrygge bagefter", "følges op på personalemødet", "råbte ad os på vej ud",
            "ingen andre brugere blev involveret", "bør tages op med SSP", "er sket flere gange den seneste måned",
            "vi var {ansatte} på arbejde", "vagten var ikke mødt ind endnu", "kameraet ved indgangen har optaget det",
            "de sagde \"vi kommer igen\"", "en anden bruger hjalp til", "skal med i ugens overlevering",
            "sket før ved {time}-tiden", "nogle forældre klagede bagefter",
        ])
        selfServiceRemarks = Self.bytes([
            "skete i selvbetjent tid, intet personale til stede", "opdaget næste morgen på kameraet",
            "meldt af en bruger over telefonen i selvbetjent tid",
        ])
    }

    /// What staff do about behaviour: insecurity, threats, violence, drugs.
    private static let behaviourResponses = [
        "personalet bad dem stoppe", "vi bad de involverede forlade biblioteket",
        "talte roligt med dem, og situationen faldt til ro efter ca. {min} min.",
        "en kollega kom til og hjalp", "vagten fulgte dem ud", "leder er orienteret",
        "relationsmedarbejderen tog en snak med de unge bagefter",
    ]

    private static func responses(_ category: String) -> [String] {
        switch category {
        case "Hærværk": return ["skaden er fotograferet og meldt til driften", "anslået skade ca. {kr} kr.",
                                "rengøring tilkaldt", "vi gennemgik kameraet bagefter", "leder er orienteret"]
        case "Tyveri": return ["ejeren anmelder det selv til politiet", "værdi ca. {kr} kr.",
                               "vi gennemgik kameraet uden at finde noget", "leder er orienteret",
                               "vi hjalp ejeren med at spærre kort"]
        case "Sygdom/førstehjælp": return ["ambulance tilkaldt, kom efter {min} min.", "ydede førstehjælp",
                                           "pårørende hentede vedkommende", "fik vand og hvilede sig i {min} min.",
                                           "en kollega kom til og hjalp"]
        case "Rusmidler": return behaviourResponses + ["tjekkede toiletterne for kanyler", "luftede ud i {min} min."]
        case "Vold": return behaviourResponses + ["kollegaen var rystet og gik hjem", "ingen tilskadekomne, men stor uro",
                                                  "vi lukkede afdelingen i {min} min."]
        case "Andet": return ["vi kontaktede driften", "leder er orienteret", "en kollega kom til og hjalp",
                              "løst på stedet", "noteret til overleveringen"]
        default: return behaviourResponses
        }
    }

    private static func acts(_ category: String) -> [Act] {
        let pairs: [(String, String)]
        switch category {
        case IncidentCategory.insecurityCreatingBehaviour:
            pairs = [("larmede", "og råbte"), ("råbte", "ad andre brugere"), ("spillede", "høj musik"),
                     ("fulgte", "efter en medarbejder og filmede med mobilen"), ("nægtede", "at gå ved lukketid"),
                     ("kastede", "med bøger"), ("chikanerede", "andre brugere"), ("blokerede", "indgangen"),
                     ("kom", "med tilråb til forbipasserende"), ("sad", "og larmede i over en time")]
        case "Trusler":
            pairs = [("truede", "en medarbejder verbalt"), ("truede", "med at komme igen og \"ordne\" os"),
                     ("blev", "aggressiv, da vi bad om ro, og truede personalet"),
                     ("sagde", "at personalet skulle passe på efter lukketid"),
                     ("truede", "andre brugere med bank"), ("råbte", "trusler efter en kollega")]
        case "Vold":
            pairs = [("skubbede", "til en medarbejder"), ("slog", "ud efter vagten"), ("kom", "op at slås"),
                     ("sparkede", "til en anden bruger"), ("kastede", "en stol mod skranken"),
                     ("spyttede", "efter en kollega")]
        case "Hærværk":
            pairs = [("tegnede", "graffiti på døren"), ("ødelagde", "en selvbetjeningsautomat"),
                     ("smadrede", "en rude"), ("væltede", "reoler og stole"),
                     ("stoppede", "toilettet til med papir"), ("ridsede", "i bordene"), ("rev", "plakater ned")]
        case "Tyveri":
            pairs = [("stjal", "en taske"), ("tog", "en bærbar computer fra et bord"),
                     ("gik", "ud med bøger uden at låne dem, alarmen bippede"), ("stjal", "en cykel"),
                     ("tog", "en pung fra en jakke"), ("forsøgte", "at stjæle en mobiltelefon")]
        case "Rusmidler":
            pairs = [("røg", "hash"), ("var", "tydeligt påvirket"), ("efterlod", "en kanyle"),
                     ("solgte", "formentlig stoffer"), ("drak", "øl og var højlydte"), ("sniffede", "lightergas")]
        case "Sygdom/førstehjælp":
            pairs = [("faldt", "om"), ("fik", "det dårligt"), ("slog", "hovedet"), ("besvimede", ""),
                     ("fik", "et krampeanfald"), ("skar", "sig på et glasskår")]
        case "Andet":
            pairs = [("efterlod", "en hund bundet ved døren"), ("udløste", "brandalarmen"),
                     ("sov", "og ville ikke vækkes"), ("glemte", "en taske"), ("opdagede", "en vandskade"),
                     ("bad", "om hjælp til en ansøgning og blev vred")]
        default:
            pairs = [("var", "involveret i en hændelse")]
        }
        return pairs.map { Act(verb: nfc($0.0), rest: nfc($0.1)) }
    }

    private static func bytes(_ phrases: [String]) -> [[UInt8]] { phrases.map(nfc) }

    private static func nfc(_ text: String) -> [UInt8] { Array(text.precomposedStringWithCanonicalMapping.utf8) }

    /// Raises the letter at `start` (a–z, æ, ø, å) to upper case.
    static func capitalize(_ text: inout [UInt8], at start: Int) {
        guard start < text.count else { return }
        let first = text[start]
        if first >= UInt8(ascii: "a") && first <= UInt8(ascii: "z") {
            text[start] = first - 32
        } else if first == 0xC3, start + 1 < text.count, [0xA5, 0xA6, 0xB8].contains(text[start + 1]) {
            text[start + 1] -= 32   // å æ ø → Å Æ Ø
        }
    }
}

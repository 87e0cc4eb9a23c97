/// Short Danish descriptions for incidents, from templates that fit each category.
///
/// Written so that they name no person and hold no number that could be a CPR number.
enum IncidentText {
    /// Where in the library something happened; fills `{sted}` in a template.
    static let places = [
        "ved indgangen", "i børneafdelingen", "i studiezonen", "på toilettet", "ved computerne",
        "i caféområdet", "ved selvbetjeningsautomaten", "i foyeren", "på trappen", "ved avisbordet",
    ]

    /// The templates of a category.
    static func templates(_ category: String) -> [String] {
        switch category {
        case IncidentCategory.insecurityCreatingBehaviour:
            return ["Gruppe af unge larmede og råbte {sted}",
                    "Bruger opførte sig truende over for andre brugere {sted}",
                    "Unge samlet {sted}, tilråb til forbipasserende",
                    "Bruger nægtede at forlade biblioteket ved lukketid",
                    "Uro og højlydt musik {sted}",
                    "Medarbejder fulgt efter og filmet {sted}",
                    "Bruger chikanerede andre brugere {sted}"]
        case "Trusler":
            return ["Bruger truede medarbejder verbalt {sted}",
                    "Medarbejder truet efter afvisning {sted}",
                    "Trusler mod andre brugere {sted}",
                    "Bruger truede med at komme igen, bortvist"]
        case "Vold":
            return ["Slagsmål mellem to brugere {sted}",
                    "Medarbejder skubbet {sted}",
                    "Bruger slog ud efter vagt {sted}",
                    "Bruger kastede en stol {sted}"]
        case "Hærværk":
            return ["Graffiti på toiletdøren",
                    "Ødelagt selvbetjeningsautomat",
                    "Knust rude ved indgangen",
                    "Møbler væltet og ødelagt {sted}",
                    "Tilstoppet toilet, bevidst hærværk"]
        case "Tyveri":
            return ["Taske stjålet {sted}",
                    "Tyveri af bærbar computer {sted}",
                    "Materialer taget uden udlån, alarm ved udgangen",
                    "Cykel stjålet foran biblioteket",
                    "Pung stjålet {sted}"]
        case "Rusmidler":
            return ["Rygning af hash {sted}",
                    "Bruger påvirket af rusmidler {sted}",
                    "Fund af kanyle på toilettet",
                    "Mistanke om salg af stoffer {sted}"]
        case "Sygdom/førstehjælp":
            return ["Bruger faldt om {sted}, ambulance tilkaldt",
                    "Førstehjælp ydet til bruger {sted}",
                    "Bruger utilpas {sted}, hjælp tilkaldt",
                    "Barn slog sig {sted}"]
        case "Andet":
            return ["Hund efterladt ved indgangen",
                    "Brandalarm udløst uden brand",
                    "Bruger sov {sted} ved lukketid",
                    "Vandskade på toilettet",
                    "Glemt taske fundet {sted}"]
        default:
            return ["Hændelse {sted}"]
        }
    }

    /// Every description of each category in `IncidentCategory.all`, encoded as CSV fields.
    static let encoded: [[[UInt8]]] = IncidentCategory.all.map { category in
        templates(category).flatMap { template -> [[UInt8]] in
            guard template.contains("{sted}") else { return [CSVField.encode(template)] }
            return places.map { CSVField.encode(template.replacing("{sted}", with: $0)) }
        }
    }
}
